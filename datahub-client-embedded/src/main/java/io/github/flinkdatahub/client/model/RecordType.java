package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Kind of records a topic holds: typed tuples or opaque blobs. */
@PublicEvolving
public enum RecordType {
    TUPLE,
    BLOB;
}
