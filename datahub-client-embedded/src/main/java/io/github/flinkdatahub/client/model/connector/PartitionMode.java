package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How a MaxCompute sink picks the partition of a record: from the record's own partition columns
 * ({@link #USER_DEFINE}), the time DataHub received it, a time field of the record, or the record's
 * meta time.
 */
@PublicEvolving
public enum PartitionMode {
    USER_DEFINE,
    SYSTEM_TIME,
    EVENT_TIME,
    META_TIME;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static PartitionMode fromWireValue(String value) {
        return WireValues.parse(values(), PartitionMode::wireValue, value, "partition mode");
    }
}
