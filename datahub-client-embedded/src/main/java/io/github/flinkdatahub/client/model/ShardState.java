package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Locale;

/**
 * Life cycle of a shard. Only ACTIVE shards take writes; CLOSED shards stay readable until their
 * data expires. INACTIVE is sent by newer services only.
 *
 * <p>The service adds states over time; a state this client does not know reads as {@link
 * #UNKNOWN}, never as an error. Treat it conservatively: write only to ACTIVE shards, and take a
 * shard as finished only when it is CLOSED or its reads say so.
 */
@PublicEvolving
public enum ShardState {
    OPENING,
    ACTIVE,
    CLOSING,
    CLOSED,
    INACTIVE,
    /** A state newer than this client; see the class comment for how to treat it. */
    UNKNOWN;

    /** Parses the service's {@code State} in any case; {@link #UNKNOWN} for a value not listed. */
    public static ShardState fromWireValue(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            for (ShardState s : values()) {
                if (s != UNKNOWN && s.name().equals(v)) {
                    return s;
                }
            }
        }
        return UNKNOWN;
    }
}
