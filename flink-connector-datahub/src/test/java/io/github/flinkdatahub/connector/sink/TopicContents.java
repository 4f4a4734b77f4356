package io.github.flinkdatahub.connector.sink;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads everything a topic holds, shard by shard (closed shards included), through the client. */
final class TopicContents {
    private TopicContents() {}

    /** Every record of the topic by shard id (records carry their shard id too). */
    static Map<String, List<Record>> byShard(DataHubClient client, String project, String topic) {
        RecordSchema schema = client.getTopic(project, topic).getRecordType() == RecordType.TUPLE
                ? client.getTopic(project, topic).getRecordSchema() : null;
        Map<String, List<Record>> out = new HashMap<>();
        for (Shard s : client.listShard(project, topic).getShards()) {
            List<Record> records = new ArrayList<>();
            String cursor = client.getCursor(project, topic, s.getShardId(), CursorType.OLDEST).getCursor();
            while (true) {
                GetRecordsResult r;
                try {
                    r = schema == null
                            ? client.getBlobRecords(project, topic, s.getShardId(), cursor, 1000)
                            : client.getTupleRecords(project, topic, s.getShardId(), schema, cursor, 1000);
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

    static List<Record> all(DataHubClient client, String project, String topic) {
        List<Record> out = new ArrayList<>();
        byShard(client, project, topic).values().forEach(out::addAll);
        return out;
    }

    /** Records written so far (the sum of the shards' latest sequences + 1), cheaply. */
    static long count(DataHubClient client, String project, String topic) {
        long n = 0;
        for (Shard s : client.listShard(project, topic).getShards()) {
            long latest = client.getCursor(project, topic, s.getShardId(), CursorType.LATEST).getSequence();
            long oldest = client.getCursor(project, topic, s.getShardId(), CursorType.OLDEST).getSequence();
            if (client.getCursor(project, topic, s.getShardId(), CursorType.LATEST).getRecordTime() > 0) {
                n += latest - oldest + 1;
            }
        }
        return n;
    }
}
