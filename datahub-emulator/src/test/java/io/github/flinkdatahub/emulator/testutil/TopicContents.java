package io.github.flinkdatahub.emulator.testutil;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back what a topic holds through the client, shard by shard (closed shards included): how
 * the emulator's, the connector's and the e2e tests check what was written. Shared through the
 * emulator's test jar.
 */
public final class TopicContents {
    private TopicContents() {}

    /** Every record of the topic by shard id, shards as listed, records in sequence order. */
    public static Map<String, List<Record>> byShard(
            DataHubClient client, String project, String topic) {
        RecordSchema schema = schemaOf(client, project, topic);
        Map<String, List<Record>> out = new LinkedHashMap<>();
        for (Shard s : client.listShard(project, topic).getShards()) {
            out.put(s.getShardId(), read(client, project, topic, s.getShardId(), schema));
        }
        return out;
    }

    /** Every record of one shard, in sequence order (to its end if it is closed). */
    public static List<Record> shard(
            DataHubClient client, String project, String topic, String shardId) {
        return read(client, project, topic, shardId, schemaOf(client, project, topic));
    }

    private static RecordSchema schemaOf(DataHubClient client, String project, String topic) {
        GetTopicResult t = client.getTopic(project, topic);
        return t.getRecordType() == RecordType.TUPLE ? t.getRecordSchema() : null;
    }

    private static List<Record> read(
            DataHubClient client,
            String project,
            String topic,
            String shardId,
            RecordSchema schema) {
        List<Record> records = new ArrayList<>();
        String cursor = client.getCursor(project, topic, shardId, CursorType.OLDEST).getCursor();
        while (true) {
            GetRecordsResult r;
            try {
                r =
                        schema == null
                                ? client.getBlobRecords(project, topic, shardId, cursor, 1000)
                                : client.getTupleRecords(
                                        project, topic, shardId, schema, cursor, 1000);
            } catch (ShardSealedException endOfClosedShard) {
                return records;
            }
            if (r.getRecordCount() == 0) {
                return records;
            }
            records.addAll(r.getRecords());
            cursor = r.getNextCursor();
        }
    }

    /** Every record of the topic, shard after shard. */
    public static List<Record> all(DataHubClient client, String project, String topic) {
        List<Record> out = new ArrayList<>();
        byShard(client, project, topic).values().forEach(out::addAll);
        return out;
    }

    /**
     * How many records the topic holds (from the shards' sequences, without reading the records).
     */
    public static long count(DataHubClient client, String project, String topic) {
        long n = 0;
        for (Shard s : client.listShard(project, topic).getShards()) {
            GetCursorResult latest =
                    client.getCursor(project, topic, s.getShardId(), CursorType.LATEST);
            if (latest.getRecordTime() > 0) {
                n +=
                        latest.getSequence()
                                - client.getCursor(
                                                project, topic, s.getShardId(), CursorType.OLDEST)
                                        .getSequence()
                                + 1;
            }
        }
        return n;
    }
}
