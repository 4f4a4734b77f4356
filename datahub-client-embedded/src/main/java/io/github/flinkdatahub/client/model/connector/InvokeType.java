package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** Whether a Function Compute sink calls the function synchronously or asynchronously. */
@PublicEvolving
public enum InvokeType {
    SYNC("sync"),
    ASYNC("async");

    private final String wireValue;

    InvokeType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The lower-case value sent on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value in any letter case; null for null. */
    public static InvokeType fromWireValue(String value) {
        return WireValues.parse(values(), InvokeType::wireValue, value, "invoke type");
    }
}
