package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.connector.ConnectorState;

import javax.annotation.Nullable;

import java.util.Locale;

/**
 * {@code update_connector_state(topic, connector_id, 'RUNNING'|'STOPPED')}: starts or stops a
 * connector; its offsets can be changed only while it is stopped.
 */
@Internal
public final class UpdateConnectorStateProcedure extends DataHubProcedure {
    private static final String PREFIX = "CONNECTOR_";

    UpdateConnectorStateProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "update_connector_state";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "connector_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "state", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String topic, String connectorId, String state) {
        TopicRef t = topic(topic);
        String id = required("connector_id", connectorId);
        ConnectorState target = state(state);
        service(
                "set connector " + id + " of " + t + " " + target,
                () -> client().updateConnectorState(t.project, t.topic, id, target));
        return new String[] {"Connector " + id + " of " + t + " is " + target};
    }

    /** RUNNING or STOPPED, with or without the CONNECTOR_ prefix the service uses. */
    private ConnectorState state(@Nullable String state) {
        String value = required("state", state).toUpperCase(Locale.ROOT);
        String name = value.startsWith(PREFIX) ? value : PREFIX + value;
        if (name.equals(ConnectorState.CONNECTOR_RUNNING.name())) {
            return ConnectorState.CONNECTOR_RUNNING;
        }
        if (name.equals(ConnectorState.CONNECTOR_STOPPED.name())) {
            return ConnectorState.CONNECTOR_STOPPED;
        }
        throw invalid("state", "'" + state + "' is not RUNNING or STOPPED");
    }
}
