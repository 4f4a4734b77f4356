package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How a topic may gain shards: by split/merge and extend (the default, sent as {@code ""}), only by
 * split/merge, or only by extend.
 */
@PublicEvolving
public enum ExpandMode {
    SPLIT_EXTEND(""),
    ONLY_SPLIT("split"),
    ONLY_EXTEND("extend");

    private final String wireValue;

    ExpandMode(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static ExpandMode fromWireValue(String value) {
        if (value == null) {
            return SPLIT_EXTEND;
        }
        for (ExpandMode m : values()) {
            if (m.wireValue.equalsIgnoreCase(value)) {
                return m;
            }
        }
        return SPLIT_EXTEND;
    }
}
