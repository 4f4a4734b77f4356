package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

/** {@code delete_connector(topic, connector_id)}. */
@Internal
public final class DeleteConnectorProcedure extends DataHubProcedure {
    DeleteConnectorProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "delete_connector";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "connector_id", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String topic, String connectorId) {
        TopicRef t = topic(topic);
        String id = required("connector_id", connectorId);
        service(
                "delete connector " + id + " of " + t,
                () -> client().deleteConnector(t.project, t.topic, id));
        return new String[] {"Deleted connector " + id + " of " + t};
    }
}
