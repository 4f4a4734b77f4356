package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;

import javax.annotation.Nullable;

/**
 * {@code reload_connector(topic, connector_id [, shard_id])}: restarts the connector in one shard
 * or in all.
 */
@Internal
public final class ReloadConnectorProcedure extends DataHubProcedure {
    ReloadConnectorProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "reload_connector";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "connector_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "shard_id", type = @DataTypeHint("STRING"), isOptional = true)
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context, String topic, String connectorId, @Nullable String shardId) {
        TopicRef t = topic(topic);
        String id = required("connector_id", connectorId);
        String shard = shardId == null ? null : required("shard_id", shardId);
        service(
                "reload connector " + id + " of " + t,
                () -> client().reloadConnector(t.project, t.topic, id, shard));
        return new String[] {
            "Reloaded connector " + id + " of " + t + (shard == null ? "" : " in shard " + shard)
        };
    }
}
