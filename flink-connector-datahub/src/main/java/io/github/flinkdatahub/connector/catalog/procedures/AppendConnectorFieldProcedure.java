package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

/**
 * {@code append_connector_field(topic, connector_id, field)}: delivers one more field of the topic
 * (append it to the topic and the target first).
 */
@Internal
public final class AppendConnectorFieldProcedure extends DataHubProcedure {
    AppendConnectorFieldProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "append_connector_field";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "connector_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "field", type = @DataTypeHint("STRING"))
            },
            output = @DataTypeHint("STRING"))
    public String[] call(ProcedureContext context, String topic, String connectorId, String field) {
        TopicRef t = topic(topic);
        String id = required("connector_id", connectorId);
        String name = required("field", field);
        service(
                "append field " + name + " to connector " + id + " of " + t,
                () -> client().appendConnectorField(t.project, t.topic, id, name));
        return new String[] {"Connector " + id + " of " + t + " now delivers " + name};
    }
}
