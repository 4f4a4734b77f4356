package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.ShardBase;
import io.github.flinkdatahub.client.model.result.SplitShardResult;

import javax.annotation.Nullable;

/**
 * {@code split_shard(topic, shard_id [, split_key])}: closes an active shard and opens two children
 * that split its hash-key range at {@code split_key} (32 hex digits), or at its middle. Returns the
 * children.
 */
@Internal
public final class SplitShardProcedure extends DataHubProcedure {
    SplitShardProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "split_shard";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "shard_id", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "split_key", type = @DataTypeHint("STRING"), isOptional = true)
            },
            output =
                    @DataTypeHint(
                            "ROW<shard_id STRING, begin_hash_key STRING, end_hash_key STRING>"))
    public Row[] call(
            ProcedureContext context, String topic, String shardId, @Nullable String splitKey) {
        TopicRef t = topic(topic);
        String shard = required("shard_id", shardId);
        SplitShardResult result =
                service(
                        "split shard " + shard + " of " + t,
                        () ->
                                splitKey == null
                                        ? client().splitShard(t.project, t.topic, shard)
                                        : client().splitShard(
                                                        t.project,
                                                        t.topic,
                                                        shard,
                                                        required("split_key", splitKey)));
        service(
                "wait for the new shards of " + t,
                () -> client().waitShardsReady(t.project, t.topic));
        return result.getNewShards().stream().map(SplitShardProcedure::row).toArray(Row[]::new);
    }

    static Row row(ShardBase shard) {
        return Row.of(shard.getShardId(), shard.getBeginHashKey(), shard.getEndHashKey());
    }
}
