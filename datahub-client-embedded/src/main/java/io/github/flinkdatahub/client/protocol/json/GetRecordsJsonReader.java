package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON get answer as a stream: no JSON tree per record. Members are read as {@link
 * RecordJson#readGetResponse} reads them from a tree (the same {@link RecordMembers}; a value of an
 * unexpected kind is read as a tree and handled by the same tolerant accessors), so results and
 * errors are the same, except that a bad record before invalid JSON is reported first. A body that
 * is not a JSON object is read through the tree.
 */
final class GetRecordsJsonReader {
    private final JsonParser p;
    private final byte[] body;
    private final RecordType type;
    private final RecordSchema schema;
    private final String shardId;

    private GetRecordsJsonReader(
            JsonParser p, byte[] body, RecordType type, RecordSchema schema, String shardId) {
        this.p = p;
        this.body = body;
        this.type = type;
        this.schema = schema;
        this.shardId = shardId;
    }

    static GetRecordsResult read(
            byte[] body, RecordType type, RecordSchema schema, String shardId) {
        if (body == null || body.length == 0) {
            return RecordJson.readGetResponse(Json.parse(body), type, schema, shardId);
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return RecordJson.readGetResponse(Json.parse(body), type, schema, shardId);
            }
            return new GetRecordsJsonReader(p, body, type, schema, shardId).response();
        } catch (IOException e) {
            throw new CorruptedResponseException(
                    "Body is not valid JSON: "
                            + new String(
                                    body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8),
                    e);
        }
    }

    private GetRecordsResult response() throws IOException {
        List<Record> records = new ArrayList<>();
        String nextCursor = null;
        Object recordCount = null;
        Object startSeq = null;
        Object latestSeq = null;
        Object latestTime = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "Records":
                    // A repeated member replaces the earlier one, as in a tree.
                    records = new ArrayList<>();
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            RecordMembers m =
                                    p.currentToken() == JsonToken.START_OBJECT
                                            ? members()
                                            : RecordMembers.of(tree());
                            records.add(m.toRecord(type, schema, shardId, false));
                        }
                    } else {
                        p.skipChildren();
                    }
                    break;
                case "NextCursor":
                    nextCursor = text();
                    break;
                case "RecordCount":
                    recordCount = number();
                    break;
                case "StartSeq":
                    startSeq = number();
                    break;
                case "LatestSeq":
                    latestSeq = number();
                    break;
                case "LatestTime":
                    latestTime = number();
                    break;
                default:
                    p.skipChildren();
            }
        }
        return new GetRecordsResult(
                nextCursor,
                (int) RecordMembers.longOf(recordCount, "RecordCount", records.size()),
                RecordMembers.longOf(startSeq, "StartSeq", -1),
                RecordMembers.longOf(latestSeq, "LatestSeq", -1),
                RecordMembers.longOf(latestTime, "LatestTime", -1),
                records);
    }

    /** The members of the record object the parser is at. */
    private RecordMembers members() throws IOException {
        RecordMembers m = new RecordMembers();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "Data":
                    m.values = null;
                    m.dataText = null;
                    m.blobData = null;
                    if (t == JsonToken.START_ARRAY) {
                        m.values = new ArrayList<>(schema != null ? schema.size() : 10);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            m.values.add(text());
                        }
                    } else if (t == JsonToken.VALUE_STRING) {
                        if (type == RecordType.BLOB) {
                            m.blobData = base64InPlace();
                        }
                        if (m.blobData == null) {
                            m.dataText = p.getText();
                        }
                    } else {
                        p.skipChildren();
                    }
                    break;
                case "Attributes":
                    m.attributes = attributes(t);
                    break;
                case "ShardId":
                    m.shardId = text();
                    break;
                case "HashKey":
                    m.hashKey = text();
                    break;
                case "PartitionKey":
                    m.partitionKey = text();
                    break;
                case "Cursor":
                    m.cursor = text();
                    break;
                case "NextCursor":
                    m.nextCursor = text();
                    break;
                case "Sequence":
                    m.sequence = number();
                    break;
                case "SystemTime":
                    m.systemTime = number();
                    break;
                case "Serial":
                    m.serial = number();
                    break;
                default:
                    p.skipChildren();
            }
        }
        return m;
    }

    /**
     * The blob the current string value holds, decoded from Base64 where its bytes lie in the body:
     * no char decoding by the parser and no String for the (large) value. Only a value of plain
     * Base64 bytes is read so, and its bytes are then exactly its text, so the result is the
     * text's; null for any other (an escape, a blank, a bad character), which is decoded from its
     * text as before and keeps the text's result or error.
     */
    private byte[] base64InPlace() {
        long quote = p.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= body.length || body[(int) quote] != '"') {
            return null;
        }
        int start = (int) quote + 1;
        int end = start;
        while (end < body.length && body[end] != '"') {
            end++;
        }
        if (end == body.length) {
            return null;
        }
        ByteBuffer decoded;
        try {
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
        } catch (IllegalArgumentException notPlainBase64) {
            return null;
        }
        byte[] array = decoded.array();
        return decoded.remaining() == array.length
                ? array
                : Arrays.copyOfRange(array, decoded.position(), decoded.limit());
    }

    /** As {@link RecordMembers#attributes}: an object of strings, or null. */
    private Map<String, String> attributes(JsonToken t) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (t == JsonToken.VALUE_NULL) {
            return out;
        }
        if (t != JsonToken.START_OBJECT) {
            throw RecordMembers.notAnObjectOfStrings();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.getCurrentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw RecordMembers.notAStringAttribute(key);
            }
            out.put(key, p.getText());
        }
        return out;
    }

    /** As {@link Json#text}: null for JSON null, a string as is, anything else as its text. */
    private String text() throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return p.getText();
            default:
                return tree().asText();
        }
    }

    /** An unresolved number for {@link RecordMembers#longOf}. */
    private Object number() throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                JsonParser.NumberType nt = p.getNumberType();
                if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return tree();
            default:
                return tree();
        }
    }

    /** The value the parser is at, as the tree reader would hold it. */
    private JsonNode tree() throws IOException {
        return Json.MAPPER.readTree(p);
    }
}
