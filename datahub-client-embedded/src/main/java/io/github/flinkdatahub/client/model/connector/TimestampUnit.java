package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Unit in which a connector interprets the topic's TIMESTAMP values (default {@link #MICROSECOND}).
 */
@PublicEvolving
public enum TimestampUnit {
    MICROSECOND,
    MILLISECOND,
    SECOND;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static TimestampUnit fromWireValue(String value) {
        return WireValues.parse(values(), TimestampUnit::wireValue, value, "timestamp unit");
    }
}
