package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Life-cycle state of a connector. Offsets can only be changed while it is {@link
 * #CONNECTOR_STOPPED}; {@link #CONNECTOR_CREATED} is deprecated and cannot be set.
 */
@PublicEvolving
public enum ConnectorState {
    CONNECTOR_RUNNING,
    CONNECTOR_STOPPED,
    CONNECTOR_CREATED,
    CONNECTOR_PAUSED;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static ConnectorState fromWireValue(String value) {
        return WireValues.parse(values(), ConnectorState::wireValue, value, "connector state");
    }
}
