package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How a Tablestore (OTS) sink writes a row: replace the whole row ({@link #PUT}) or update its
 * columns.
 */
@PublicEvolving
public enum WriteMode {
    PUT,
    UPDATE;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static WriteMode fromWireValue(String value) {
        return WireValues.parse(values(), WriteMode::wireValue, value, "write mode");
    }
}
