package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Where a cursor points: the oldest retained record, the latest record, the record with a sequence,
 * or the first record at or after a system time (ms).
 */
@PublicEvolving
public enum CursorType {
    OLDEST,
    LATEST,
    SEQUENCE,
    SYSTEM_TIME;
}
