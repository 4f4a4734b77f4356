package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one JSON record, taken from a tree ({@link #of(JsonNode)}) or from a stream
 * ({@link GetRecordsJsonReader}), and the one place that turns them into a record, so both readers
 * accept and reject exactly the same input.
 */
final class RecordMembers {
    String shardId;
    String hashKey;
    String partitionKey;
    String cursor;
    String nextCursor;

    /** Unresolved numbers: null (absent or JSON null), a Long, a String or another JsonNode. */
    Object sequence;

    Object systemTime;
    Object serial;
    Map<String, String> attributes = Collections.emptyMap();

    /** {@code Data} as an array of value texts (null for JSON null), or null when not an array. */
    List<String> values;

    /** {@code Data} as a string, or null when not a string or decoded into {@link #blobData}. */
    String dataText;

    /** {@code Data} of a blob record, already decoded from Base64 by the stream reader, or null. */
    byte[] blobData;

    /** The members of the record node {@code n}, as {@link Json}'s tolerant accessors read them. */
    static RecordMembers of(JsonNode n) {
        RecordMembers m = new RecordMembers();
        JsonNode data = n.get("Data");
        if (data != null && data.isArray()) {
            m.values = new ArrayList<>(data.size());
            for (JsonNode v : data) {
                m.values.add(v == null || v.isNull() ? null : v.asText());
            }
        } else if (data != null && data.isTextual()) {
            m.dataText = data.asText();
        }
        m.attributes = attributes(n.get("Attributes"));
        m.shardId = Json.text(n, "ShardId");
        m.hashKey = Json.text(n, "HashKey");
        m.partitionKey = Json.text(n, "PartitionKey");
        m.sequence = n.get("Sequence");
        m.systemTime = n.get("SystemTime");
        m.cursor = Json.text(n, "Cursor");
        m.nextCursor = Json.text(n, "NextCursor");
        m.serial = n.get("Serial");
        return m;
    }

    /**
     * {@code strict} (a put being received) refuses more values than fields; a reader is lenient
     * like the SDKs: extra values are ignored (its schema may be older than the topic's) and
     * missing trailing values are null, the record's written field count saying how many it had.
     */
    Record toRecord(RecordType type, RecordSchema schema, String shardIdFromUrl, boolean strict) {
        Record.Builder<?> b;
        if (type == RecordType.TUPLE) {
            if (schema == null) {
                throw new IllegalArgumentException("A schema is needed to read tuple records");
            }
            if (values == null) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "A tuple record needs a \"Data\" array of field values");
            }
            if (strict && values.size() != schema.size()) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "Record field size not match: "
                                + values.size()
                                + " values for "
                                + schema.size()
                                + " fields");
            }
            int count = Math.min(values.size(), schema.size());
            TupleRecord.Builder tb = TupleRecord.builder(schema).writtenFieldCount(count);
            for (int i = 0; i < count; i++) {
                String v = values.get(i);
                if (v != null) {
                    Field f = schema.getField(i);
                    tb.set(i, f.getType().fromText(v, f.getName()));
                }
            }
            b = tb;
        } else if (blobData != null) {
            b = BlobRecord.builderUnsafe(blobData);
        } else {
            if (dataText == null) {
                throw ErrorCode.MALFORMED_RECORD.exception(
                        "A blob record needs \"Data\" as a Base64 string");
            }
            try {
                b = BlobRecord.builderUnsafe(Base64.getDecoder().decode(dataText));
            } catch (IllegalArgumentException e) {
                throw ErrorCode.MALFORMED_RECORD.exception("Blob \"Data\" is not valid Base64");
            }
        }
        b.attributes(attributes);
        b.shardId(shardId != null ? shardId : shardIdFromUrl);
        if (hashKey != null && !hashKey.isEmpty()) {
            b.hashKey(hashKey);
        }
        b.partitionKey(partitionKey);
        b.sequence(longOf(sequence, "Sequence", -1));
        b.systemTime(longOf(systemTime, "SystemTime", -1));
        b.cursor(cursor);
        b.nextCursor(nextCursor);
        b.serial(longOf(serial, "Serial", -1));
        return b instanceof TupleRecord.Builder
                ? ((TupleRecord.Builder) b).buildUnchecked()
                : ((BlobRecord.Builder) b).build();
    }

    /** A number member as {@link Json#longValue} reads it. */
    static long longOf(Object raw, String field, long defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Long) {
            return (Long) raw;
        }
        if (raw instanceof String) {
            return Json.longText((String) raw, field, defaultValue);
        }
        return Json.longValueOf((JsonNode) raw, field, defaultValue);
    }

    /** A record's attributes: an object of strings, or absent; anything else is malformed. */
    static Map<String, String> attributes(JsonNode v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw notAnObjectOfStrings();
        }
        v.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isTextual()) {
                                throw notAStringAttribute(e.getKey());
                            }
                            out.put(e.getKey(), e.getValue().textValue());
                        });
        return out;
    }

    static DataHubException notAnObjectOfStrings() {
        return ErrorCode.MALFORMED_RECORD.exception(
                "Record \"Attributes\" must be an object of strings");
    }

    static DataHubException notAStringAttribute(String key) {
        return ErrorCode.MALFORMED_RECORD.exception(
                "Record attribute \"" + key + "\" must be a string");
    }
}
