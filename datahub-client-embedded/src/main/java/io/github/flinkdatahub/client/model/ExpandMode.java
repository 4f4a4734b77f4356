package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How a topic may gain shards: by split/merge and extend (the default, sent as {@code ""}), only by
 * split/merge, or only by extend.
 *
 * <p>The service may add modes; a mode this client does not know reads as {@link #UNKNOWN}, never
 * as an error, so reading such a topic goes on. It cannot be used to create a topic.
 */
@PublicEvolving
public enum ExpandMode {
    SPLIT_EXTEND(""),
    ONLY_SPLIT("split"),
    ONLY_EXTEND("extend"),
    /** A mode newer than this client: which shard operations the topic allows is not known. */
    UNKNOWN(null);

    private final String wireValue;

    ExpandMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The service's value; null for {@link #UNKNOWN}. */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Parses the service's {@code ExpandMode} in any case: {@link #SPLIT_EXTEND} when absent,
     * {@link #UNKNOWN} for a value not listed.
     */
    public static ExpandMode fromWireValue(String value) {
        if (value == null) {
            return SPLIT_EXTEND;
        }
        for (ExpandMode m : values()) {
            if (m != UNKNOWN && m.wireValue.equalsIgnoreCase(value)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
