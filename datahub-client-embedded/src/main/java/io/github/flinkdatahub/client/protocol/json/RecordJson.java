package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-mode record bodies ({@code "Action":"pub"} / {@code "sub"}), both directions. Tuple values
 * travel as strings (null as JSON null), blob data as standard Base64.
 */
@Internal
public final class RecordJson {
    private RecordJson() {}

    public static ObjectNode writePutRequest(List<? extends Record> records) {
        ObjectNode o = Json.object();
        o.put("Action", "pub");
        ArrayNode arr = o.putArray("Records");
        for (Record r : records) {
            arr.add(writeRecord(r, false));
        }
        return o;
    }

    /**
     * Reads the records of a put. The topic's type decides how {@code Data} is read; a record whose
     * shape does not fit fails the whole request with {@code MalformedRecord}.
     */
    public static List<Record> readPutRequest(JsonNode body, RecordType type, RecordSchema schema) {
        JsonNode arr = body.get("Records");
        if (arr == null || !arr.isArray()) {
            throw ErrorCode.INVALID_PARAMETER.exception("The put request has no \"Records\" array");
        }
        List<Record> out = new ArrayList<>(arr.size());
        for (JsonNode n : arr) {
            out.add(readRecord(n, type, schema, null, true));
        }
        return out;
    }

    public static ObjectNode writePutResponse(PutRecordsResult result) {
        ObjectNode o = Json.object();
        o.put("FailedRecordCount", result.getFailedRecordCount());
        ArrayNode arr = o.putArray("FailedRecords");
        for (FailedRecord f : result.getFailedRecords()) {
            ObjectNode n = arr.addObject();
            n.put("Index", f.getIndex());
            n.put("ErrorCode", f.getErrorCode());
            n.put("ErrorMessage", f.getErrorMessage());
        }
        return o;
    }

    public static PutRecordsResult readPutResponse(JsonNode body) {
        List<FailedRecord> failed = new ArrayList<>();
        JsonNode arr = body.get("FailedRecords");
        if (arr != null && arr.isArray()) {
            for (JsonNode n : arr) {
                failed.add(
                        new FailedRecord(
                                Json.intValue(n, "Index", -1),
                                Json.text(n, "ErrorCode"),
                                Json.text(n, "ErrorMessage")));
            }
        }
        return new PutRecordsResult(
                Json.intValue(body, "FailedRecordCount", failed.size()), failed);
    }

    public static ObjectNode writeGetRequest(String cursor, int limit) {
        ObjectNode o = Json.object();
        o.put("Action", "sub");
        o.put("Cursor", cursor);
        o.put("Limit", limit);
        return o;
    }

    public static ObjectNode writeGetResponse(GetRecordsResult result) {
        ObjectNode o = Json.object();
        o.put("NextCursor", result.getNextCursor());
        o.put("RecordCount", result.getRecordCount());
        o.put("StartSeq", result.getStartSequence());
        o.put("LatestSeq", result.getLatestSequence());
        o.put("LatestTime", result.getLatestTime());
        ArrayNode arr = o.putArray("Records");
        for (Record r : result.getRecords()) {
            arr.add(writeRecord(r, true));
        }
        return o;
    }

    /**
     * Reads a get answer. {@code schema} is required for tuple records; {@code shardId} is the
     * shard read from, stamped on records that do not name one.
     */
    public static GetRecordsResult readGetResponse(
            JsonNode body, RecordType type, RecordSchema schema, String shardId) {
        List<Record> records = new ArrayList<>();
        JsonNode arr = body.get("Records");
        if (arr != null && arr.isArray()) {
            for (JsonNode n : arr) {
                records.add(readRecord(n, type, schema, shardId, false));
            }
        }
        return new GetRecordsResult(
                Json.text(body, "NextCursor"),
                Json.intValue(body, "RecordCount", records.size()),
                Json.longValue(body, "StartSeq", -1),
                Json.longValue(body, "LatestSeq", -1),
                Json.longValue(body, "LatestTime", -1),
                records);
    }

    private static ObjectNode writeRecord(Record r, boolean readSide) {
        ObjectNode n = Json.object();
        if (r.getShardId() != null) {
            n.put("ShardId", r.getShardId());
        }
        if (!readSide) {
            if (r.getHashKey() != null) {
                n.put("HashKey", r.getHashKey());
            }
            if (r.getPartitionKey() != null) {
                n.put("PartitionKey", r.getPartitionKey());
            }
        } else {
            n.put("Cursor", r.getCursor());
            n.put("NextCursor", r.getNextCursor());
            n.put("Sequence", r.getSequence());
            n.put("SystemTime", r.getSystemTime());
            if (r.getSerial() >= 0) {
                n.put("Serial", r.getSerial());
            }
        }
        if (!r.getAttributes().isEmpty()) {
            n.set("Attributes", Json.stringObject(r.getAttributes()));
        }
        if (r instanceof TupleRecord) {
            TupleRecord t = (TupleRecord) r;
            ArrayNode data = n.putArray("Data");
            // An answer carries only the values the record was written with.
            int count = readSide ? t.getWrittenFieldCount() : t.getSchema().size();
            for (int i = 0; i < count; i++) {
                String text = t.getSchema().getField(i).getType().toText(t.getValue(i));
                if (text == null) {
                    data.addNull();
                } else {
                    data.add(text);
                }
            }
        } else {
            n.put("Data", Base64.getEncoder().encodeToString(((BlobRecord) r).dataUnsafe()));
        }
        return n;
    }

    /**
     * {@code strict} (a put being received) refuses more values than fields; a reader is lenient
     * like the SDKs: extra values are ignored (its schema may be older than the topic's) and
     * missing trailing values are null, the record's written field count saying how many it had.
     */
    private static Record readRecord(
            JsonNode n, RecordType type, RecordSchema schema, String shardId, boolean strict) {
        JsonNode data = n.get("Data");
        Record.Builder<?> b;
        if (type == RecordType.TUPLE) {
            if (schema == null) {
                throw new IllegalArgumentException("A schema is needed to read tuple records");
            }
            if (data == null || !data.isArray()) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "A tuple record needs a \"Data\" array of field values");
            }
            if (strict && data.size() != schema.size()) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "Record field size not match: "
                                + data.size()
                                + " values for "
                                + schema.size()
                                + " fields");
            }
            int count = Math.min(data.size(), schema.size());
            TupleRecord.Builder tb = TupleRecord.builder(schema).writtenFieldCount(count);
            for (int i = 0; i < count; i++) {
                JsonNode v = data.get(i);
                if (v != null && !v.isNull()) {
                    Field f = schema.getField(i);
                    tb.set(i, f.getType().fromText(v.asText(), f.getName()));
                }
            }
            b = tb;
        } else {
            if (data == null || !data.isTextual()) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "A blob record needs \"Data\" as a Base64 string");
            }
            try {
                b = BlobRecord.builderUnsafe(Base64.getDecoder().decode(data.asText()));
            } catch (IllegalArgumentException e) {
                throw ErrorCode.MALFORMED_RECORD.exception("Blob \"Data\" is not valid Base64");
            }
        }
        b.attributes(attributes(n));
        String sid = Json.text(n, "ShardId");
        b.shardId(sid != null ? sid : shardId);
        String hashKey = Json.text(n, "HashKey");
        if (hashKey != null && !hashKey.isEmpty()) {
            b.hashKey(hashKey);
        }
        b.partitionKey(Json.text(n, "PartitionKey"));
        b.sequence(Json.longValue(n, "Sequence", -1));
        b.systemTime(Json.longValue(n, "SystemTime", -1));
        b.cursor(Json.text(n, "Cursor"));
        b.nextCursor(Json.text(n, "NextCursor"));
        b.serial(Json.longValue(n, "Serial", -1));
        return b instanceof TupleRecord.Builder
                ? ((TupleRecord.Builder) b).buildUnchecked()
                : ((BlobRecord.Builder) b).build();
    }

    /** A record's attributes: an object of strings, or absent; anything else is malformed. */
    private static Map<String, String> attributes(JsonNode record) {
        JsonNode v = record.get("Attributes");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw ErrorCode.MALFORMED_RECORD.exception(
                    "Record \"Attributes\" must be an object of strings");
        }
        v.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isTextual()) {
                                throw ErrorCode.MALFORMED_RECORD.exception(
                                        "Record attribute \"" + e.getKey() + "\" must be a string");
                            }
                            out.put(e.getKey(), e.getValue().textValue());
                        });
        return out;
    }
}
