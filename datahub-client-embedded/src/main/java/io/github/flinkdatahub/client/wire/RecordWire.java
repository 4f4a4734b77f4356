package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;

import java.util.List;
import java.util.function.IntFunction;

/** How record puts and gets are encoded in one {@link io.github.flinkdatahub.client.WireMode}. */
@Internal
public interface RecordWire {

    /** A put routed per record, to {@code shardsPath} ({@code .../shards}). */
    DataHubRequest putRecords(String shardsPath, List<? extends Record> records);

    PutRecordsResult readPutRecords(byte[] body);

    /**
     * A put of all records to the shard of {@code shardPath} ({@code .../shards/{id}}); the batch
     * wire names {@code schemaVersion} in each tuple record (the other wires carry no version).
     */
    DataHubRequest putRecordsByShard(
            String shardPath, List<? extends Record> records, int schemaVersion);

    DataHubRequest getRecords(String shardPath, String cursor, int limit);

    /**
     * The records of a get answer, read with {@code schema}; the batch wire reads a tuple record
     * with the schema {@code versions} gives for the version it names, where that is not null.
     */
    GetRecordsResult readGetRecords(
            byte[] body,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardId);
}
