package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Life cycle of a shard. Only ACTIVE shards take writes; CLOSED shards stay readable until their
 * data expires. INACTIVE is sent by newer services only.
 */
@PublicEvolving
public enum ShardState {
    OPENING,
    ACTIVE,
    CLOSING,
    CLOSED,
    INACTIVE;
}
