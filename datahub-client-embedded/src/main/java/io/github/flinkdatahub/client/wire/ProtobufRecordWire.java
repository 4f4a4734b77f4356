package io.github.flinkdatahub.client.wire;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Records as DHUB-framed protobuf; the action travels in the {@code x-datahub-request-action}
 * header.
 */
@Internal
public final class ProtobufRecordWire implements RecordWire {

    @Override
    public DataHubRequest putRecords(String shardsPath, List<? extends Record> records) {
        return put(shardsPath, records);
    }

    @Override
    public PutRecordsResult readPutRecords(byte[] body) {
        return ProtobufRecordCodec.decodePutRecordsResponse(
                body, DhubFrame.HEADER_SIZE, DhubFrame.checkedPayloadLength(body));
    }

    @Override
    public DataHubRequest putRecordsByShard(
            String shardPath, List<? extends Record> records, int schemaVersion) {
        return put(shardPath, records);
    }

    /** Routed and by-shard puts share one body; only the path differs. */
    private static DataHubRequest put(String path, List<? extends Record> records) {
        return DataHubRequest.records(
                path,
                DataHubRequest.PROTOBUF,
                "pub",
                ProtobufRecordCodec.encodeFramedPutRecordsRequest(records));
    }

    @Override
    public DataHubRequest getRecords(String shardPath, String cursor, int limit) {
        return DataHubRequest.records(
                shardPath,
                DataHubRequest.PROTOBUF,
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
        return ProtobufRecordCodec.decodeGetRecordsResponse(
                body,
                DhubFrame.HEADER_SIZE,
                DhubFrame.checkedPayloadLength(body),
                type,
                schema,
                shardId);
    }
}
