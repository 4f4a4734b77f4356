package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.result.MergeShardResult;

import javax.annotation.Nullable;

/**
 * {@code merge_shard(topic, shard_id, adjacent_shard_id)}: closes two adjacent active shards and
 * opens one over both ranges. Returns the new shard.
 */
@Internal
public final class MergeShardProcedure extends DataHubProcedure {
    MergeShardProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "merge_shard";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "shard_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "adjacent_shard_id", type = @DataTypeHint("STRING"))
            },
            output =
                    @DataTypeHint(
                            "ROW<shard_id STRING, begin_hash_key STRING, end_hash_key STRING>"))
    public Row[] call(
            ProcedureContext context, String topic, String shardId, String adjacentShardId) {
        TopicRef t = topic(topic);
        String shard = required("shard_id", shardId);
        String adjacent = required("adjacent_shard_id", adjacentShardId);
        MergeShardResult result =
                service(
                        "merge shards " + shard + " and " + adjacent + " of " + t,
                        () -> client().mergeShard(t.project, t.topic, shard, adjacent));
        service(
                "wait for the new shard of " + t,
                () -> client().waitShardsReady(t.project, t.topic));
        return new Row[] {
            Row.of(result.getShardId(), result.getBeginHashKey(), result.getEndHashKey())
        };
    }
}
