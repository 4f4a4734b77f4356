package io.github.flinkdatahub.demo;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the demo's topics through the client, as an operator would: records per topic (from each
 * shard's latest sequence), active and closed shards, the SQL job's lag (records not yet committed
 * to its subscription), and the result rows as they arrive.
 */
final class TopicMonitor {
    private final DataHubClient client;
    private final String project;
    private final Map<String, String> resultCursors = new HashMap<>();
    private RecordSchema resultSchema;

    TopicMonitor(DataHubClient client, String project) {
        this.client = client;
        this.project = project;
    }

    /** The topic's shards, listed once per progress line. */
    List<Shard> shards(String topic) {
        return client.listShard(project, topic).getShards();
    }

    /** Records written to each of the shards (sequence of the latest record + 1). */
    Map<String, Long> recordsPerShard(String topic, List<Shard> shards) {
        Map<String, Long> out = new HashMap<>();
        for (Shard shard : shards) {
            out.put(shard.getShardId(), recordsIn(topic, shard.getShardId()));
        }
        return out;
    }

    private long recordsIn(String topic, String shardId) {
        try {
            GetCursorResult latest = client.getCursor(project, topic, shardId, CursorType.LATEST);
            // An empty shard answers with the next sequence to write and record time 0.
            return latest.getRecordTime() == 0 ? latest.getSequence() : latest.getSequence() + 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Active and closed shards among these. */
    static int[] shardCounts(List<Shard> shards) {
        int active = 0;
        int closed = 0;
        for (Shard shard : shards) {
            if (shard.getState() == ShardState.CLOSED) {
                closed++;
            } else {
                active++;
            }
        }
        return new int[] {active, closed};
    }

    /** Records of the topic not yet committed to the subscription (the consumer's lag). */
    long lag(String topic, String subscriptionId, Map<String, Long> recordsPerShard) {
        Map<String, OffsetWithVersion> offsets =
                client.getSubscriptionOffset(
                                project,
                                topic,
                                subscriptionId,
                                new ArrayList<>(recordsPerShard.keySet()))
                        .getOffsets();
        long lag = 0;
        for (Map.Entry<String, Long> shard : recordsPerShard.entrySet()) {
            OffsetWithVersion offset = offsets.get(shard.getKey());
            long consumed =
                    offset == null || offset.getSequence() < 0 ? 0 : offset.getSequence() + 1;
            lag += Math.max(0, shard.getValue() - consumed);
        }
        return lag;
    }

    /** Result rows that arrived since the last call, in shard order. */
    List<TupleRecord> newResults(String topic) {
        if (resultSchema == null) {
            resultSchema = client.getTopic(project, topic).getRecordSchema();
        }
        List<TupleRecord> rows = new ArrayList<>();
        for (Shard shard : client.listShard(project, topic).getShards()) {
            String id = shard.getShardId();
            String cursor =
                    resultCursors.computeIfAbsent(
                            id,
                            s ->
                                    client.getCursor(project, topic, s, CursorType.OLDEST)
                                            .getCursor());
            while (true) {
                GetRecordsResult got =
                        client.getTupleRecords(project, topic, id, resultSchema, cursor, 1000);
                for (Record r : got.getRecords()) {
                    rows.add((TupleRecord) r);
                }
                cursor = got.getNextCursor();
                if (got.getRecordCount() == 0) {
                    break;
                }
            }
            resultCursors.put(id, cursor);
        }
        return rows;
    }
}
