package io.github.flinkdatahub.client.protocol.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.StrictUtf8;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records of the PROTOBUF mode to and from the (unframed) protobuf payloads, in both directions:
 * the client encodes requests and decodes responses, the emulator does the opposite with the same
 * code.
 *
 * <p>TUPLE values travel as UTF-8 text ({@link
 * io.github.flinkdatahub.client.model.FieldType#toText}); a null value is a {@code FieldData}
 * without value. A BLOB record is exactly one {@code FieldData}.
 */
@Internal
public final class ProtobufRecordCodec {
    private ProtobufRecordCodec() {}

    // ---- put request

    /** A {@code PutRecordsRequest}; routing and attributes are sent only when set. */
    public static byte[] encodePutRecordsRequest(List<? extends Record> records) {
        return PutRecordsRequestEncoder.encode(records, 0);
    }

    /**
     * As {@link #encodePutRecordsRequest}, framed ({@link DhubFrame}): written straight into the
     * framed array, no payload copy.
     */
    public static byte[] encodeFramedPutRecordsRequest(List<? extends Record> records) {
        return DhubFrame.sealInPlace(
                PutRecordsRequestEncoder.encode(records, DhubFrame.HEADER_SIZE));
    }

    /**
     * The records of a {@code PutRecordsRequest}, with routing and attributes. Stricter than the
     * read path, as the service is: a TUPLE record must have exactly one value per field of {@code
     * schema} and no null in a NOT NULL field. The first bad record fails the whole call with a
     * {@link MalformedRecordException} naming its index.
     *
     * @param schema the topic schema for TUPLE, ignored (may be null) for BLOB
     */
    public static List<Record> decodePutRecordsRequest(
            byte[] payload, RecordType type, RecordSchema schema) {
        checkSchema(type, schema);
        DataHubProtos.PutRecordsRequest request =
                ProtobufMessages.parse(
                        DataHubProtos.PutRecordsRequest.parser(), payload, "PutRecordsRequest");
        List<Record> records = new ArrayList<>(request.getRecordsCount());
        for (int i = 0; i < request.getRecordsCount(); i++) {
            DataHubProtos.RecordEntry e = request.getRecords(i);
            try {
                records.add(fromPutEntry(e, type, schema));
            } catch (InvalidParameterException ex) {
                throw malformed("Record " + i + " of the put request: " + ex.getErrorMessage());
            }
        }
        return records;
    }

    // ---- put response

    public static byte[] encodePutRecordsResponse(PutRecordsResult result) {
        DataHubProtos.PutRecordsResponse.Builder response =
                DataHubProtos.PutRecordsResponse.newBuilder()
                        .setFailedCount(result.getFailedRecordCount());
        for (FailedRecord f : result.getFailedRecords()) {
            DataHubProtos.FailedRecord.Builder fb =
                    DataHubProtos.FailedRecord.newBuilder().setIndex(f.getIndex());
            if (f.getErrorCode() != null) {
                fb.setErrorCode(f.getErrorCode());
            }
            if (f.getErrorMessage() != null) {
                fb.setErrorMessage(f.getErrorMessage());
            }
            response.addFailedRecords(fb);
        }
        return response.build().toByteArray();
    }

    /**
     * A {@code PutRecordsResponse}; a missing failed_count is the number of failed records listed.
     */
    public static PutRecordsResult decodePutRecordsResponse(byte[] payload) {
        return decodePutRecordsResponse(payload, 0, payload.length);
    }

    /** As {@link #decodePutRecordsResponse(byte[])}, for a payload inside a larger array. */
    public static PutRecordsResult decodePutRecordsResponse(byte[] data, int offset, int length) {
        DataHubProtos.PutRecordsResponse response =
                ProtobufMessages.parse(
                        DataHubProtos.PutRecordsResponse.parser(),
                        data,
                        offset,
                        length,
                        "PutRecordsResponse");
        List<FailedRecord> failed = new ArrayList<>(response.getFailedRecordsCount());
        for (DataHubProtos.FailedRecord f : response.getFailedRecordsList()) {
            failed.add(
                    new FailedRecord(
                            f.getIndex(),
                            f.hasErrorCode() ? f.getErrorCode() : null,
                            f.hasErrorMessage() ? f.getErrorMessage() : null));
        }
        int count = response.hasFailedCount() ? response.getFailedCount() : failed.size();
        return new PutRecordsResult(count, failed);
    }

    // ---- get request (also used by the BATCH mode)

    public static byte[] encodeGetRecordsRequest(String cursor, int limit) {
        return getRecordsRequest(cursor, limit).toByteArray();
    }

    /** As {@link #encodeGetRecordsRequest}, as a message to frame without a copy. */
    public static DataHubProtos.GetRecordsRequest getRecordsRequest(String cursor, int limit) {
        return DataHubProtos.GetRecordsRequest.newBuilder()
                .setCursor(Validation.notEmpty(cursor, "cursor"))
                .setLimit(limit)
                .build();
    }

    /**
     * The request as sent; {@code getLimit()} is 1 when the client left it out, as in the service.
     */
    public static DataHubProtos.GetRecordsRequest decodeGetRecordsRequest(byte[] payload) {
        return ProtobufMessages.parse(
                DataHubProtos.GetRecordsRequest.parser(), payload, "GetRecordsRequest");
    }

    // ---- get response

    /** A {@code GetRecordsResponse} whose entries carry each record's position and attributes. */
    public static byte[] encodeGetRecordsResponse(GetRecordsResult result) {
        DataHubProtos.GetRecordsResponse.Builder response =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor(result.getNextCursor())
                        .setRecordCount(result.getRecordCount())
                        .setStartSequence(result.getStartSequence())
                        .setLatestSequence(result.getLatestSequence())
                        .setLatestTime(result.getLatestTime());
        for (Record r : result.getRecords()) {
            response.addRecords(toEntry(r));
        }
        return response.build().toByteArray();
    }

    /**
     * Records read with the caller's {@code schema}: a missing value is null, values beyond the
     * schema are ignored and missing trailing values are null (the topic may have gained fields
     * since). A BLOB entry needs exactly one {@code FieldData}. Read by {@link
     * GetRecordsResponseDecoder}, without a message object per record.
     *
     * @param shardIdFromUrl the shard that was read, for entries that do not name theirs
     */
    public static GetRecordsResult decodeGetRecordsResponse(
            byte[] payload, RecordType type, RecordSchema schema, String shardIdFromUrl) {
        return decodeGetRecordsResponse(payload, 0, payload.length, type, schema, shardIdFromUrl);
    }

    /** As {@link #decodeGetRecordsResponse(byte[], RecordType, RecordSchema, String)}, in place. */
    public static GetRecordsResult decodeGetRecordsResponse(
            byte[] data,
            int offset,
            int length,
            RecordType type,
            RecordSchema schema,
            String shardIdFromUrl) {
        checkSchema(type, schema);
        return GetRecordsResponseDecoder.decode(data, offset, length, type, schema, shardIdFromUrl);
    }

    // ---- entries

    /** A read record's entry ({@link PutRecordsRequestEncoder} writes the put side's). */
    private static DataHubProtos.RecordEntry toEntry(Record r) {
        DataHubProtos.RecordEntry.Builder e = DataHubProtos.RecordEntry.newBuilder();
        if (r.getShardId() != null) {
            e.setShardId(r.getShardId());
        }
        if (r.getHashKey() != null) {
            e.setHashKey(r.getHashKey());
        }
        if (r.getPartitionKey() != null) {
            e.setPartitionKey(r.getPartitionKey());
        }
        if (r.getCursor() != null) {
            e.setCursor(r.getCursor());
        }
        if (r.getNextCursor() != null) {
            e.setNextCursor(r.getNextCursor());
        }
        if (r.getSequence() >= 0) {
            e.setSequence(r.getSequence());
        }
        if (r.getSystemTime() >= 0) {
            e.setSystemTime(r.getSystemTime());
        }
        if (r.getSerial() >= 0) {
            e.setSerial(r.getSerial());
        }
        if (!r.getAttributes().isEmpty()) {
            DataHubProtos.RecordAttributes.Builder attrs =
                    DataHubProtos.RecordAttributes.newBuilder();
            for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
                attrs.addAttributes(
                        DataHubProtos.StringPair.newBuilder()
                                .setKey(a.getKey())
                                .setValue(a.getValue()));
            }
            e.setAttributes(attrs);
        }
        return e.setData(toData(r)).build();
    }

    /** A tuple record carries only the values it was written with. */
    private static DataHubProtos.RecordData toData(Record r) {
        DataHubProtos.RecordData.Builder data = DataHubProtos.RecordData.newBuilder();
        if (r instanceof BlobRecord) {
            data.addData(
                    DataHubProtos.FieldData.newBuilder()
                            // Records are immutable, so the message may share their bytes.
                            .setValue(
                                    UnsafeByteOperations.unsafeWrap(
                                            ((BlobRecord) r).dataUnsafe())));
            return data.build();
        }
        TupleRecord t = (TupleRecord) r;
        List<Field> fields = t.getSchema().getFields();
        int count = t.getWrittenFieldCount();
        for (int i = 0; i < count; i++) {
            DataHubProtos.FieldData.Builder fd = DataHubProtos.FieldData.newBuilder();
            Object v = t.getValue(i);
            if (v != null) {
                fd.setValue(ByteString.copyFromUtf8(fields.get(i).getType().toText(v)));
            }
            data.addData(fd);
        }
        return data.build();
    }

    private static Record fromPutEntry(
            DataHubProtos.RecordEntry e, RecordType type, RecordSchema schema) {
        if (type == RecordType.BLOB) {
            return withRouting(BlobRecord.builderUnsafe(blobData(e.getData())), e).build();
        }
        if (e.getData().getDataCount() != schema.size()) {
            throw malformed(
                    "Record field size not match: "
                            + e.getData().getDataCount()
                            + " values for the "
                            + schema.size()
                            + " fields of the schema");
        }
        return withRouting(tupleBuilder(e.getData(), schema), e).build();
    }

    /**
     * Values beyond the schema are ignored; a record with fewer values (written before fields were
     * appended) says so in its written field count, and the missing values are null.
     */
    private static TupleRecord.Builder tupleBuilder(
            DataHubProtos.RecordData data, RecordSchema schema) {
        int n = Math.min(data.getDataCount(), schema.size());
        TupleRecord.Builder b = TupleRecord.builder(schema).writtenFieldCount(n);
        for (int i = 0; i < n; i++) {
            DataHubProtos.FieldData fd = data.getData(i);
            if (fd.hasValue()) {
                Field f = schema.getField(i);
                String text =
                        fd.getValue().isValidUtf8()
                                ? fd.getValue().toStringUtf8()
                                : invalidUtf8(fd.getValue().toByteArray(), f.getName());
                b.set(i, f.getType().fromText(text, f.getName()));
            }
        }
        return b;
    }

    private static byte[] blobData(DataHubProtos.RecordData data) {
        if (data.getDataCount() != 1) {
            throw malformed(
                    "A BLOB record holds exactly one data item, got " + data.getDataCount());
        }
        return data.getData(0).getValue().toByteArray();
    }

    private static <B extends Record.Builder<B>> B withRouting(B b, DataHubProtos.RecordEntry e) {
        if (e.hasShardId()) {
            b.shardId(e.getShardId());
        }
        if (e.hasHashKey()) {
            b.hashKey(e.getHashKey());
        }
        if (e.hasPartitionKey()) {
            b.partitionKey(e.getPartitionKey());
        }
        return withAttributes(b, e);
    }

    private static <B extends Record.Builder<B>> B withAttributes(
            B b, DataHubProtos.RecordEntry e) {
        for (DataHubProtos.StringPair a : e.getAttributes().getAttributesList()) {
            b.attribute(a.getKey(), a.getValue());
        }
        return b;
    }

    private static void checkSchema(RecordType type, RecordSchema schema) {
        Validation.notNull(type, "record type");
        Validation.check(
                type == RecordType.BLOB || schema != null,
                "TUPLE records need the topic's record schema");
    }

    private static MalformedRecordException malformed(String message) {
        return (MalformedRecordException) ErrorCode.MALFORMED_RECORD.exception(message);
    }

    /** Fails naming the field: the value's bytes are not UTF-8 (the caller checked). */
    private static String invalidUtf8(byte[] value, String fieldName) {
        return StrictUtf8.decodeField(value, 0, value.length, fieldName);
    }
}
