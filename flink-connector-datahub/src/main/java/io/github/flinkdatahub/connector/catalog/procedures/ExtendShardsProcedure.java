package io.github.flinkdatahub.connector.catalog.procedures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.ProcedureHint;
import org.apache.flink.table.procedure.ProcedureContext;
import org.apache.flink.types.Row;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.ShardState;

import javax.annotation.Nullable;

/**
 * {@code extend_shards(topic, shard_count)}: grows the topic to {@code shard_count} active shards
 * (topics created with expand mode {@code ONLY_SPLIT} cannot be extended). Returns the active
 * shards.
 */
@Internal
public final class ExtendShardsProcedure extends DataHubProcedure {
    ExtendShardsProcedure(DataHubClient client, @Nullable String defaultProject) {
        super(client, defaultProject);
    }

    @Override
    String name() {
        return "extend_shards";
    }

    @ProcedureHint(
            argument = {
                @ArgumentHint(name = "topic", type = @DataTypeHint("STRING")),
                @ArgumentHint(name = "shard_count", type = @DataTypeHint("INT"))
            },
            output =
                    @DataTypeHint(
                            "ROW<shard_id STRING, begin_hash_key STRING, end_hash_key STRING>"))
    public Row[] call(ProcedureContext context, String topic, Integer shardCount) {
        TopicRef t = topic(topic);
        int count = required("shard_count", shardCount);
        if (count <= 0) {
            throw invalid("shard_count", count + " is not positive");
        }
        service(
                "extend " + t + " to " + count + " shards",
                () -> client().extendShard(t.project, t.topic, count));
        service(
                "wait for the new shards of " + t,
                () -> client().waitShardsReady(t.project, t.topic));
        return service("list the shards of " + t, () -> client().listShard(t.project, t.topic))
                .getShards()
                .stream()
                .filter(s -> s.getState() == ShardState.ACTIVE)
                .map(SplitShardProcedure::row)
                .toArray(Row[]::new);
    }
}
