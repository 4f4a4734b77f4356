package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How a sink authenticates against its target: with an access key pair ({@link #AK}) or with the
 * service's STS role ({@link #STS}, no keys needed).
 */
@PublicEvolving
public enum AuthMode {
    AK("ak"),
    STS("sts");

    private final String wireValue;

    AuthMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The lower-case value sent on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** Parses a wire value in any letter case; null for null. */
    public static AuthMode fromWireValue(String value) {
        return WireValues.parse(values(), AuthMode::wireValue, value, "auth mode");
    }
}
