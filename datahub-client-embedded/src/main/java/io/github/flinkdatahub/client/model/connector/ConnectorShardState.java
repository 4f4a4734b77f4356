package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** State of one shard's task inside a connector. */
@PublicEvolving
public enum ConnectorShardState {
    CONTEXT_HANG,
    CONTEXT_PLANNED,
    CONTEXT_EXECUTING,
    CONTEXT_PAUSED,
    CONTEXT_STOPPED,
    CONTEXT_FINISHED,
    CONTEXT_DELETED;

    /** The value sent on the wire (the constant's name). */
    public String wireValue() {
        return name();
    }

    /** Parses a wire value in any letter case; null for null. */
    public static ConnectorShardState fromWireValue(String value) {
        return WireValues.parse(
                values(), ConnectorShardState::wireValue, value, "connector shard state");
    }
}
