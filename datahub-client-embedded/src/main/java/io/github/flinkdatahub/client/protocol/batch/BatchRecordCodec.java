package io.github.flinkdatahub.client.protocol.batch;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufMessages;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The protobuf messages of the BATCH mode around batch blobs, in both directions. A put carries one
 * entry holding one blob; a get answer carries one entry per blob, and every record of a blob
 * shares the entry's sequence, system time and cursors, told apart by its batch index. The get
 * request is the PROTOBUF mode's ({@code ProtobufRecordCodec#encodeGetRecordsRequest}).
 */
@Internal
public final class BatchRecordCodec {
    private BatchRecordCodec() {}

    /**
     * A {@code PutBinaryRecordsRequest} with one entry holding only {@code blob}, as the SDKs send
     * it.
     */
    public static byte[] encodePutBinaryRecordsRequest(byte[] blob) {
        return putBinaryRecordsRequest(blob).toByteArray();
    }

    /**
     * As {@link #encodePutBinaryRecordsRequest}, as a message to frame without a copy; it shares
     * {@code blob}, which the caller must not modify afterwards.
     */
    public static DataHubProtos.PutBinaryRecordsRequest putBinaryRecordsRequest(byte[] blob) {
        return DataHubProtos.PutBinaryRecordsRequest.newBuilder()
                .addRecords(
                        DataHubProtos.BinaryRecordEntry.newBuilder()
                                .setData(UnsafeByteOperations.unsafeWrap(blob)))
                .build();
    }

    /**
     * The blobs of a {@code PutBinaryRecordsRequest}, one per entry, for {@link BatchDeserializer}.
     */
    public static List<byte[]> decodePutBinaryRecordsRequest(byte[] payload) {
        DataHubProtos.PutBinaryRecordsRequest request =
                ProtobufMessages.parse(
                        DataHubProtos.PutBinaryRecordsRequest.parser(),
                        payload,
                        "PutBinaryRecordsRequest");
        List<byte[]> blobs = new ArrayList<>(request.getRecordsCount());
        for (DataHubProtos.BinaryRecordEntry e : request.getRecordsList()) {
            blobs.add(e.getData().toByteArray());
        }
        return blobs;
    }

    /**
     * A {@code GetBinaryRecordsResponse}. Records are grouped into blobs by their batch index: a
     * blob starts at a record with index 0 and holds its batch size of records (so records read in
     * another mode, index 0 of 1, become one blob each); the blob's entry takes the position of its
     * first record. {@code record_count} is the number of blobs.
     */
    public static byte[] encodeGetBinaryRecordsResponse(
            GetRecordsResult result,
            RecordType type,
            RecordSchema schema,
            CompressFormat compression,
            int schemaVersion) {
        List<Record> records = result.getRecords();
        DataHubProtos.GetBinaryRecordsResponse.Builder response =
                DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                        .setNextCursor(result.getNextCursor())
                        .setStartSequence(result.getStartSequence())
                        .setLatestSequence(result.getLatestSequence())
                        .setLatestTime(result.getLatestTime());
        int i = 0;
        while (i < records.size()) {
            Record first = records.get(i);
            int size = first.getBatchSize();
            if (first.getBatchIndex() != 0 || size < 1 || i + size > records.size()) {
                throw Validation.invalid(
                        "Record "
                                + i
                                + " does not start a whole batch: batch index "
                                + first.getBatchIndex()
                                + " of "
                                + size
                                + ", "
                                + (records.size() - i)
                                + " records left");
            }
            List<Record> batch = records.subList(i, i + size);
            for (int j = 1; j < size; j++) {
                if (batch.get(j).getBatchIndex() != j) {
                    throw Validation.invalid(
                            "Record "
                                    + (i + j)
                                    + " has batch index "
                                    + batch.get(j).getBatchIndex()
                                    + " but is record "
                                    + j
                                    + " of its batch");
                }
            }
            response.addRecords(
                    entry(
                            first,
                            BatchSerializer.serialize(
                                    batch, type, schema, compression, schemaVersion)));
            i += size;
        }
        return response.setRecordCount(response.getRecordsCount()).build().toByteArray();
    }

    /**
     * The records of a {@code GetBinaryRecordsResponse}: every record gets its entry's cursor, next
     * cursor, sequence, system time and serial, its index in the blob, and {@code shardIdFromUrl}.
     * {@code getRecordCount()} is the service's count of entries.
     */
    public static GetRecordsResult decodeGetBinaryRecordsResponse(
            byte[] payload, RecordType type, RecordSchema schema, String shardIdFromUrl) {
        return decodeGetBinaryRecordsResponse(
                payload, 0, payload.length, type, schema, shardIdFromUrl);
    }

    /**
     * As {@link #decodeGetBinaryRecordsResponse(byte[], RecordType, RecordSchema, String)}, in
     * place.
     */
    public static GetRecordsResult decodeGetBinaryRecordsResponse(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            String shardIdFromUrl) {
        return decodeGetBinaryRecordsResponse(
                data, offset, length, type, schema, version -> null, shardIdFromUrl);
    }

    /**
     * As {@link #decodeGetBinaryRecordsResponse(byte[], RecordType, RecordSchema, String)}, in
     * place, reading each TUPLE record with the schema {@code versions} gives for the version its
     * header names (null: with {@code schema}).
     */
    public static GetRecordsResult decodeGetBinaryRecordsResponse(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardIdFromUrl) {
        return GetBinaryRecordsResponseDecoder.decode(
                data, offset, length, type, schema, versions, shardIdFromUrl);
    }

    private static DataHubProtos.BinaryRecordEntry entry(Record first, byte[] blob) {
        DataHubProtos.BinaryRecordEntry.Builder e = DataHubProtos.BinaryRecordEntry.newBuilder();
        if (first.getCursor() != null) {
            e.setCursor(first.getCursor());
        }
        if (first.getNextCursor() != null) {
            e.setNextCursor(first.getNextCursor());
        }
        if (first.getSequence() >= 0) {
            e.setSequence(first.getSequence());
        }
        if (first.getSystemTime() >= 0) {
            e.setSystemTime(first.getSystemTime());
        }
        if (first.getSerial() >= 0) {
            e.setSerial((int) first.getSerial());
        }
        return e.setData(ByteString.copyFrom(blob)).build();
    }
}
