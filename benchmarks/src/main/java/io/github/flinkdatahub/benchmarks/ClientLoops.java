package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;

import java.util.List;

/**
 * The plain synchronous put and get loops of our client that the other figures are compared with.
 */
final class ClientLoops {
    static final String SHARD = "0";

    private ClientLoops() {}

    /**
     * Writes the batches to shard 0. In JSON mode each record is routed by its shard id, as the
     * SDK's JSON client can only write that way; the records must then carry shard id 0.
     */
    static long put(
            DataHubClient client, String project, String topic, List<List<Record>> batches) {
        long start = System.nanoTime();
        for (List<Record> batch : batches) {
            if (client.getConfig().getWireMode() == WireMode.JSON) {
                PutRecordsResult result = client.putRecords(project, topic, batch);
                if (result.getFailedRecordCount() > 0) {
                    throw new IllegalStateException(
                            result.getFailedRecordCount() + " records failed in " + topic);
                }
            } else {
                client.putRecordsByShard(project, topic, SHARD, batch);
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * Reads {@code count} records of shard 0 from the oldest, {@code limit} per call; returns
     * nanoseconds.
     */
    static long get(
            DataHubClient client,
            String project,
            String topic,
            RecordSchema schema,
            int count,
            int limit) {
        long start = System.nanoTime();
        String cursor = client.getCursor(project, topic, SHARD, CursorType.OLDEST).getCursor();
        int read = 0;
        while (read < count) {
            GetRecordsResult result =
                    schema == null
                            ? client.getBlobRecords(project, topic, SHARD, cursor, limit)
                            : client.getTupleRecords(project, topic, SHARD, schema, cursor, limit);
            if (result.getRecords().isEmpty()) {
                throw new IllegalStateException(
                        "Shard "
                                + SHARD
                                + " of "
                                + topic
                                + " ended after "
                                + read
                                + " of "
                                + count
                                + " records");
            }
            read += result.getRecords().size();
            cursor = result.getNextCursor();
        }
        return System.nanoTime() - start;
    }

    static void createTopic(
            DataHubClient client, String project, String topic, RecordShapes shape, int shards) {
        if (shape.schema() == null) {
            client.createBlobTopic(project, topic, shards, 1, "benchmark");
        } else {
            client.createTupleTopic(project, topic, shards, 1, shape.schema(), "benchmark");
        }
        client.waitShardsReady(project, topic);
    }
}
