package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;

import java.util.List;

/** How record puts and gets are encoded in one {@link io.github.flinkdatahub.client.WireMode}. */
@Internal
public interface RecordWire {

    /** A put routed per record, to {@code shardsPath} ({@code .../shards}). */
    DataHubRequest putRecords(String shardsPath, List<? extends Record> records);

    PutRecordsResult readPutRecords(byte[] body);

    /** A put of all records to the shard of {@code shardPath} ({@code .../shards/{id}}). */
    DataHubRequest putRecordsByShard(String shardPath, List<? extends Record> records);

    DataHubRequest getRecords(String shardPath, String cursor, int limit);

    GetRecordsResult readGetRecords(
            byte[] body, RecordType type, RecordSchema schema, String shardId);
}
