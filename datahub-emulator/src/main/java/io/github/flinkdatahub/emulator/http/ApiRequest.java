package io.github.flinkdatahub.emulator.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.http.HttpTransport;
import io.github.flinkdatahub.client.protocol.json.Json;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One authenticated, decompressed request: method, path variables, query, headers, body, and the
 * action (from the {@code x-datahub-request-action} header of PB/batch calls or the JSON {@code
 * Action} member), lower-cased because the SDKs spell actions in several cases.
 */
public final class ApiRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String requestId;
    private JsonNode json;

    ApiRequest(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            byte[] body,
            String requestId) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Raw query string or null. */
    public String query() {
        return query;
    }

    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String contentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
    }

    /** Whether the body is a DHUB frame (protobuf or batch). */
    public boolean isBinary() {
        String ct = contentType();
        return ct.startsWith("application/x-protobuf") || ct.startsWith("application/x-binary");
    }

    public boolean isBatch() {
        return contentType().startsWith("application/x-binary");
    }

    public byte[] body() {
        return body;
    }

    public String requestId() {
        return requestId;
    }

    /**
     * The JSON body; an empty body reads as {@code {}}; a body that is not JSON is
     * InvalidParameter.
     */
    private static final ObjectReader STRICT =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public JsonNode json() {
        if (json == null) {
            if (isBinary()) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Expected a JSON body, got " + contentType());
            }
            try {
                // Strict as the service: one JSON document, nothing after it.
                json = body.length == 0 ? Json.object() : STRICT.readTree(body);
                if (json == null) {
                    json = Json.object();
                }
            } catch (IOException | RuntimeException e) {
                throw ErrorCode.INVALID_PARAMETER.exception("The request body is not valid JSON");
            }
        }
        return json;
    }

    /** The action in lower case, or "" when there is none. */
    public String action() {
        String a = header(HttpTransport.ACTION_HEADER);
        if (a == null && !isBinary() && body.length > 0) {
            a = Json.text(json(), "Action");
        }
        return a == null ? "" : a.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
