package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * JSON-mode record bodies ({@code "Action":"pub"} / {@code "sub"}), both directions. Tuple values
 * travel as strings (null as JSON null), blob data as standard Base64.
 */
@Internal
public final class RecordJson {
    private RecordJson() {}

    /**
     * The body of a put, streamed: no JSON tree per record (the client's hottest JSON path).
     * Members in the order the service documents: ShardId, HashKey, PartitionKey, Attributes, Data.
     */
    public static byte[] encodePutRequest(List<? extends Record> records) {
        ByteArrayBuilder out = new ByteArrayBuilder();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Action", "pub");
            g.writeArrayFieldStart("Records");
            for (Record r : records) {
                writePutRecord(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
        return out.toByteArray();
    }

    private static void writePutRecord(JsonGenerator g, Record r) throws IOException {
        g.writeStartObject();
        if (r.getShardId() != null) {
            g.writeStringField("ShardId", r.getShardId());
        }
        if (r.getHashKey() != null) {
            g.writeStringField("HashKey", r.getHashKey());
        }
        if (r.getPartitionKey() != null) {
            g.writeStringField("PartitionKey", r.getPartitionKey());
        }
        if (!r.getAttributes().isEmpty()) {
            g.writeObjectFieldStart("Attributes");
            for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        }
        if (r instanceof TupleRecord) {
            TupleRecord t = (TupleRecord) r;
            List<Field> fields = t.getSchema().getFields();
            g.writeArrayFieldStart("Data");
            for (int i = 0; i < fields.size(); i++) {
                String text = fields.get(i).getType().toText(t.getValue(i));
                if (text == null) {
                    g.writeNull();
                } else {
                    g.writeString(text);
                }
            }
            g.writeEndArray();
        } else {
            // Standard Base64 is ASCII that JSON never escapes: written as is, without a String.
            byte[] base64 = Base64.getEncoder().encode(((BlobRecord) r).dataUnsafe());
            g.writeFieldName("Data");
            g.writeRawUTF8String(base64, 0, base64.length);
        }
        g.writeEndObject();
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
            out.add(RecordMembers.of(n).toRecord(type, schema, null, true));
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
            arr.add(writeRecord(r));
        }
        return o;
    }

    /**
     * Reads a get answer from its body, streamed (no JSON tree per record); the same result as
     * {@link #readGetResponse(JsonNode, RecordType, RecordSchema, String)} of the parsed body.
     */
    public static GetRecordsResult decodeGetResponse(
            byte[] body, RecordType type, RecordSchema schema, String shardId) {
        return GetRecordsJsonReader.read(body, type, schema, shardId);
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
                records.add(RecordMembers.of(n).toRecord(type, schema, shardId, false));
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

    /** A record of a get response, with its read position. */
    private static ObjectNode writeRecord(Record r) {
        ObjectNode n = Json.object();
        if (r.getShardId() != null) {
            n.put("ShardId", r.getShardId());
        }
        n.put("Cursor", r.getCursor());
        n.put("NextCursor", r.getNextCursor());
        n.put("Sequence", r.getSequence());
        n.put("SystemTime", r.getSystemTime());
        if (r.getSerial() >= 0) {
            n.put("Serial", r.getSerial());
        }
        if (!r.getAttributes().isEmpty()) {
            n.set("Attributes", Json.stringObject(r.getAttributes()));
        }
        if (r instanceof TupleRecord) {
            TupleRecord t = (TupleRecord) r;
            ArrayNode data = n.putArray("Data");
            // An answer carries only the values the record was written with.
            for (int i = 0; i < t.getWrittenFieldCount(); i++) {
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
}
