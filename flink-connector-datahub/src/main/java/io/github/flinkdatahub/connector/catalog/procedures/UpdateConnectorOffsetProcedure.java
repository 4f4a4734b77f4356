package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;

import javax.annotation.Nullable;

/**
 * {@code update_connector_offset(topic, connector_id, sequence, timestamp_ms [, shard_id])}: where
 * a stopped connector resumes, in one shard or in all; -1 leaves the sequence or the timestamp (ms)
 * unset.
 */
@Internal
public final class UpdateConnectorOffsetProcedure extends DataHubProcedure {
    UpdateConnectorOffsetProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "update_connector_offset";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "connector_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "sequence", type = @DataTypeHint("BIGINT")),
                @ArgumentHint(name = "timestamp_ms", type = @DataTypeHint("BIGINT")),
                @ArgumentHint(name = "shard_id", type = @DataTypeHint("STRING"), isOptional = true)
            },
            output = @DataTypeHint("STRING"))
    public String[] call(
            ProcedureContext context,
            String topic,
            String connectorId,
            Long sequence,
            Long timestamp,
            @Nullable String shardId) {
        TopicRef t = topic(topic);
        String id = required("connector_id", connectorId);
        long seq = required("sequence", sequence);
        long time = required("timestamp_ms", timestamp);
        if (seq < -1 || time < -1) {
            throw invalid(
                    seq < -1 ? "sequence" : "timestamp_ms", "it is below -1 (-1 leaves it unset)");
        }
        if (seq == -1 && time == -1) {
            throw invalid("sequence", "sequence and timestamp_ms are both -1; set at least one");
        }
        String shard = shardId == null ? null : required("shard_id", shardId);
        service(
                "update the offset of connector " + id + " of " + t,
                () ->
                        client().updateConnectorOffset(
                                        t.project,
                                        t.topic,
                                        id,
                                        shard,
                                        new ConnectorOffset(seq, time)));
        return new String[] {
            "Connector "
                    + id
                    + " of "
                    + t
                    + " resumes at sequence "
                    + seq
                    + ", timestamp "
                    + time
                    + (shard == null ? "" : " in shard " + shard)
        };
    }
}
