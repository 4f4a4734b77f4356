package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared Jackson set-up and tolerant accessors for DataHub JSON bodies. Readers ignore unknown
 * members (the service adds fields over time) and accept numbers sent as strings and vice versa,
 * because the service and the SDKs are inconsistent about both.
 */
@Internal
public final class Json {
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** Parses a body; an empty body reads as an empty object. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n == null ? object() : n;
        } catch (IOException e) {
            throw new CorruptedResponseException(
                    "Body is not valid JSON: "
                            + new String(
                                    body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8),
                    e);
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String text(JsonNode node, String field, String defaultValue) {
        String v = text(node, field);
        return v == null ? defaultValue : v;
    }

    public static long longValue(JsonNode node, String field, long defaultValue) {
        return longValueOf(node == null ? null : node.get(field), field, defaultValue);
    }

    /** As {@link #longValue(JsonNode, String, long)}, for the member's value {@code v}. */
    static long longValueOf(JsonNode v, String field, long defaultValue) {
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        return longText(v.asText(), field, defaultValue);
    }

    /** A number sent as text: blank is {@code defaultValue}, anything else must be a long. */
    static long longText(String text, String field, long defaultValue) {
        String s = text.trim();
        if (s.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CorruptedResponseException("Member \"" + field + "\" is not a number: " + s);
        }
    }

    public static int intValue(JsonNode node, String field, int defaultValue) {
        return (int) longValue(node, field, defaultValue);
    }

    public static boolean boolValue(JsonNode node, String field, boolean defaultValue) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
    }

    public static List<String> stringList(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isArray()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** A map member; string values are kept, other values are rendered as JSON text. */
    public static Map<String, String> stringMap(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.fields()
                    .forEachRemaining(
                            e ->
                                    out.put(
                                            e.getKey(),
                                            e.getValue().isTextual()
                                                    ? e.getValue().asText()
                                                    : e.getValue().toString()));
        }
        return out;
    }

    public static ArrayNode stringArray(List<String> values) {
        ArrayNode arr = array();
        if (values != null) {
            values.forEach(arr::add);
        }
        return arr;
    }

    public static ObjectNode stringObject(Map<String, String> values) {
        ObjectNode o = object();
        if (values != null) {
            values.forEach(o::put);
        }
        return o;
    }
}
