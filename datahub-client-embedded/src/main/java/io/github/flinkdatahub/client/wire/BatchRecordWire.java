package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchSerializer;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Records packed into one binary batch blob per put, compressed as a whole; gets answer with batch
 * blobs. The batch format has no per-record routing, so only puts to one shard exist.
 */
@Internal
public final class BatchRecordWire implements RecordWire {
    private final CompressFormat compression;

    public BatchRecordWire(CompressFormat compression) {
        this.compression = compression;
    }

    @Override
    public DataHubRequest putRecords(String shardsPath, List<? extends Record> records) {
        throw new UnsupportedOperationException(
                "The batch format has no routed put; use the protobuf wire");
    }

    @Override
    public PutRecordsResult readPutRecords(byte[] body) {
        throw new UnsupportedOperationException(
                "The batch format has no routed put; use the protobuf wire");
    }

    @Override
    public DataHubRequest putRecordsByShard(
            String shardPath, List<? extends Record> records, int schemaVersion) {
        RecordType type = records.get(0).getRecordType();
        RecordSchema schema = null;
        if (type == RecordType.TUPLE) {
            schema = ((TupleRecord) records.get(0)).getSchema();
            for (Record r : records) {
                Validation.check(
                        ((TupleRecord) r).getSchema().equals(schema),
                        "All tuple records of a batch put must share one schema");
            }
        }
        byte[] blob = BatchSerializer.serialize(records, type, schema, compression, schemaVersion);
        return DataHubRequest.records(
                shardPath,
                DataHubRequest.BINARY,
                "pub",
                DhubFrame.encode(BatchRecordCodec.putBinaryRecordsRequest(blob)));
    }

    @Override
    public DataHubRequest getRecords(String shardPath, String cursor, int limit) {
        return DataHubRequest.records(
                shardPath,
                DataHubRequest.BINARY,
                "sub",
                DhubFrame.encode(ProtobufRecordCodec.getRecordsRequest(cursor, limit)));
    }

    @Override
    public GetRecordsResult readGetRecords(
            byte[] body,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardId) {
        return BatchRecordCodec.decodeGetBinaryRecordsResponse(
                body,
                DhubFrame.HEADER_SIZE,
                DhubFrame.checkedPayloadLength(body),
                type,
                schema,
                versions,
                shardId);
    }
}
