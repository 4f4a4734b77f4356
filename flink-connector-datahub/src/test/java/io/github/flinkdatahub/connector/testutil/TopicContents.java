package io.github.flinkdatahub.connector.testutil;

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

/** Reads everything a topic holds, shard by shard (closed shards included), through the client. */
public final class TopicContents {
    private TopicContents() {}

    /** Every record of the topic by shard id, shards as listed, records in sequence order. */
    public static Map<String, List<Record>> byShard(
            DataHubClient client, String project, String topic) {
        GetTopicResult t = client.getTopic(project, topic);
        RecordSchema schema = t.getRecordType() == RecordType.TUPLE ? t.getRecordSchema() : null;
        Map<String, List<Record>> out = new LinkedHashMap<>();
        for (Shard s : client.listShard(project, topic).getShards()) {
            List<Record> records = new ArrayList<>();
            String cursor =
                    client.getCursor(project, topic, s.getShardId(), CursorType.OLDEST).getCursor();
            while (true) {
                GetRecordsResult r;
                try {
                    r =
                            schema == null
                                    ? client.getBlobRecords(
                                            project, topic, s.getShardId(), cursor, 1000)
                                    : client.getTupleRecords(
                                            project, topic, s.getShardId(), schema, cursor, 1000);
                } catch (ShardSealedException endOfClosedShard) {
                    break;
                }
                if (r.getRecordCount() == 0) {
                    break;
                }
                records.addAll(r.getRecords());
                cursor = r.getNextCursor();
            }
            out.put(s.getShardId(), records);
        }
        return out;
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
