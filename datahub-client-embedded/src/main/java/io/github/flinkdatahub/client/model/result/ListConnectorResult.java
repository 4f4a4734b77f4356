package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;

/** The ids of a topic's connectors. */
@PublicEvolving
public final class ListConnectorResult {
    private final List<String> connectorIds;

    public ListConnectorResult(List<String> connectorIds) {
        this.connectorIds = connectorIds == null ? List.of() : List.copyOf(connectorIds);
    }

    public List<String> getConnectorIds() {
        return connectorIds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListConnectorResult
                && connectorIds.equals(((ListConnectorResult) o).connectorIds);
    }

    @Override
    public int hashCode() {
        return connectorIds.hashCode();
    }

    @Override
    public String toString() {
        return "ListConnectorResult{connectorIds=" + connectorIds + '}';
    }
}
