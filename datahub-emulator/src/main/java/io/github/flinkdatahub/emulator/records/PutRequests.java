package io.github.flinkdatahub.emulator.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.batch.BatchDeserializer;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordHeaders;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufMessages;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decodes the bodies of puts in the three wire modes against a topic, with the service's checks:
 * one value per field, values that parse and fit their type (a STRING of at most 2 MB), no null in
 * a NOT NULL field, the topic's record type, at most {@value #MAX_RECORDS} records. Values come out
 * normalised (e.g. BOOLEAN {@code 1} becomes {@code true}), so readers get them in canonical form.
 */
public final class PutRequests {
    public static final int MAX_RECORDS = 10_000;

    private PutRequests() {}

    /** One record of a routed put: decoded, or refused with the service's per-record error. */
    public static final class Item {
        private final int index;
        private final Record record;
        private final DataHubException error;

        private Item(int index, Record record, DataHubException error) {
            this.index = index;
            this.record = record;
            this.error = error;
        }

        public int index() {
            return index;
        }

        /** Null when the record was refused. */
        public Record record() {
            return record;
        }

        /** The per-record error; null when the record was decoded. */
        public DataHubException error() {
            return error;
        }
    }

    /**
     * The records of a routed put (JSON or protobuf; the batch format has no routed put). A record
     * that does not fit the topic is refused alone with MalformedRecord; a body that is not a put
     * request at all fails the request with InvalidParameter.
     */
    public static List<Item> decodeRouted(WireMode mode, byte[] body, TopicFormat f) {
        List<Item> items = new ArrayList<>();
        if (mode == WireMode.JSON) {
            JsonNode records = recordsArray(body);
            checkCount(records.size());
            for (int i = 0; i < records.size(); i++) {
                ObjectNode one = Json.object();
                one.putArray("Records").add(records.get(i));
                items.add(
                        item(
                                i,
                                () -> RecordJson.readPutRequest(one, f.type(), f.schema()).get(0),
                                f));
            }
            return items;
        }
        if (mode == WireMode.BATCH) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Batch records can only be put to one shard:" + " POST .../shards/{id}");
        }
        byte[] payload = payload(body);
        DataHubProtos.PutRecordsRequest request =
                request(
                        () ->
                                ProtobufMessages.parse(
                                        DataHubProtos.PutRecordsRequest.parser(),
                                        payload,
                                        "PutRecordsRequest"));
        checkCount(request.getRecordsCount());
        for (int i = 0; i < request.getRecordsCount(); i++) {
            byte[] one =
                    DataHubProtos.PutRecordsRequest.newBuilder()
                            .addRecords(request.getRecords(i))
                            .build()
                            .toByteArray();
            items.add(
                    item(
                            i,
                            () ->
                                    ProtobufRecordCodec.decodePutRecordsRequest(
                                                    one, f.type(), f.schema())
                                            .get(0),
                            f));
        }
        // Each record was decoded as record 0 of a request of its own; its index is in the answer.
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.error != null) {
                String message =
                        it.error
                                .getErrorMessage()
                                .replaceFirst("^Record 0 of the put request: ", "");
                items.set(i, new Item(i, null, ErrorCode.MALFORMED_RECORD.exception(message)));
            }
        }
        return items;
    }

    /**
     * The log entries of a put by shard: one per record (JSON, protobuf) or one per batch blob
     * (batch). All or nothing: one record that does not fit fails the request with MalformedRecord.
     */
    public static List<LogEntry> decodeByShard(WireMode mode, byte[] body, TopicFormat f) {
        if (mode == WireMode.JSON) {
            JsonNode records = recordsArray(body);
            checkCount(records.size());
            ObjectNode request = Json.object();
            request.set("Records", records);
            return entries(
                    checked(
                            malformed(
                                    () -> RecordJson.readPutRequest(request, f.type(), f.schema())),
                            f));
        }
        byte[] payload = payload(body);
        if (mode == WireMode.PROTOBUF) {
            List<Record> records =
                    malformed(
                            () ->
                                    ProtobufRecordCodec.decodePutRecordsRequest(
                                            payload, f.type(), f.schema()));
            checkCount(records.size());
            return entries(checked(records, f));
        }
        List<byte[]> blobs = request(() -> BatchRecordCodec.decodePutBinaryRecordsRequest(payload));
        List<LogEntry> entries = new ArrayList<>(blobs.size());
        int count = 0;
        for (byte[] blob : blobs) {
            List<Record> records =
                    malformed(
                            () ->
                                    BatchDeserializer.deserialize(
                                            blob, f.type(), f.schema(), f::schemaOfVersion));
            if (records.isEmpty()) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "A batch blob of the put holds no records.");
            }
            checked(records, f);
            count += records.size();
            entries.add(LogEntry.batch(withShapes(blob, records, f), records.size()));
        }
        checkCount(count);
        return entries;
    }

    /**
     * The blob as it is kept: each tuple record names the registered version of the shape it was
     * read with and holds its field count, as the blobs the service answers with do, so readers
     * know records written before fields were appended (the Java SDK writes fieldCount 0, and
     * version 0 without a schema registry) [inferred from the service's blobs, protocol reference
     * §3.4.2].
     */
    private static byte[] withShapes(byte[] blob, List<Record> records, TopicFormat f) {
        if (!(records.get(0) instanceof TupleRecord)) {
            return blob;
        }
        int[] versions = new int[records.size()];
        int[] fieldCounts = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            TupleRecord t = (TupleRecord) records.get(i);
            versions[i] = f.schemaVersion(t);
            fieldCounts[i] = t.getWrittenFieldCount();
        }
        return BatchRecordHeaders.withShapes(blob, versions, fieldCounts);
    }

    /**
     * One log entry per record: its protobuf RecordEntry without the routing, which is not kept.
     */
    public static List<LogEntry> entries(List<Record> records) {
        List<Record> stored = new ArrayList<>(records.size());
        for (Record r : records) {
            stored.add(withoutRouting(r));
        }
        DataHubProtos.PutRecordsRequest encoded =
                ProtobufMessages.parse(
                        DataHubProtos.PutRecordsRequest.parser(),
                        ProtobufRecordCodec.encodePutRecordsRequest(stored),
                        "PutRecordsRequest");
        List<LogEntry> entries = new ArrayList<>(records.size());
        for (DataHubProtos.RecordEntry e : encoded.getRecordsList()) {
            entries.add(LogEntry.record(e.toByteArray()));
        }
        return entries;
    }

    private static Record withoutRouting(Record r) {
        if (r instanceof TupleRecord) {
            return ((TupleRecord) r)
                    .toBuilder().shardId(null).hashKey(null).partitionKey(null).buildUnchecked();
        }
        return ((BlobRecord) r).toBuilder().shardId(null).hashKey(null).partitionKey(null).build();
    }

    private static Item item(int index, Supplier<Record> decode, TopicFormat f) {
        try {
            Record r = malformed(decode);
            checkNotNull(r);
            return new Item(index, r, null);
        } catch (DataHubException e) {
            return new Item(index, null, e);
        }
    }

    private static List<Record> checked(List<Record> records, TopicFormat f) {
        for (int i = 0; i < records.size(); i++) {
            try {
                checkNotNull(records.get(i));
            } catch (DataHubException e) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "Record " + i + " of the put: " + e.getErrorMessage());
            }
        }
        return records;
    }

    /**
     * The JSON and batch decoders leave NOT NULL to the caller (readers must accept what they get).
     */
    private static void checkNotNull(Record r) {
        if (!(r instanceof TupleRecord)) {
            return;
        }
        // A batch record may name an older registered version: its own schema says what it has.
        TupleRecord t = (TupleRecord) r;
        for (int i = 0; i < t.getWrittenFieldCount(); i++) {
            Field field = t.getSchema().getField(i);
            if (!field.isAllowNull() && t.getValue(i) == null) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "Field '"
                                + field.getName()
                                + "' is NOT NULL but the record has no value for it.");
            }
        }
    }

    private static JsonNode recordsArray(byte[] body) {
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (RuntimeException e) {
            throw ErrorCode.INVALID_PARAMETER.exception("The request body is not valid JSON");
        }
        JsonNode records = json.get("Records");
        if (records == null || !records.isArray()) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The put request has no \"Records\" array.");
        }
        return records;
    }

    private static byte[] payload(byte[] body) {
        return request(() -> DhubFrame.decode(body));
    }

    private static void checkCount(int count) {
        if (count > MAX_RECORDS) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The put holds "
                            + count
                            + " records; at most "
                            + MAX_RECORDS
                            + " are allowed per request.");
        }
    }

    /** Runs a decoder whose failures mean the body is not a well-formed request at all. */
    private static <T> T request(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (DataHubException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The request body is not a valid put request: " + e.getErrorMessage());
        }
    }

    /** Runs a record decoder: whatever it refuses is a record that is not well-formed. */
    private static <T> T malformed(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (DataHubException | IllegalArgumentException e) {
            String message =
                    e instanceof DataHubException
                            ? ((DataHubException) e).getErrorMessage()
                            : e.getMessage();
            throw ErrorCode.MALFORMED_RECORD.exception(message);
        }
    }
}
