package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/** The id of a new connector. Services older than 2.14 return no id; then it is null. */
@PublicEvolving
public final class CreateConnectorResult {
    private final String connectorId;

    public CreateConnectorResult(String connectorId) {
        this.connectorId = connectorId;
    }

    public String getConnectorId() {
        return connectorId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateConnectorResult
                && Objects.equals(connectorId, ((CreateConnectorResult) o).connectorId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(connectorId);
    }

    @Override
    public String toString() {
        return "CreateConnectorResult{connectorId=" + connectorId + '}';
    }
}
