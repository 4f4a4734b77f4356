package io.github.flinkdatahub.client.http;

import io.github.flinkdatahub.client.annotation.Internal;

/**
 * One call to the service before signing: method, path under the endpoint, optional raw query, body
 * and its content type, and the record action header of PB/batch calls.
 */
@Internal
public final class DataHubRequest {
    public static final String JSON = "application/json; charset=UTF-8";
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String BINARY = "application/x-binary";

    private final String method;
    private final String path;
    private final String query;
    private final String contentType;
    private final String action;
    private final byte[] body;
    private final boolean recordCall;

    private DataHubRequest(
            String method,
            String path,
            String query,
            String contentType,
            String action,
            byte[] body,
            boolean recordCall) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.contentType = contentType;
        this.action = action;
        this.body = body;
        this.recordCall = recordCall;
    }

    public static DataHubRequest get(String path) {
        return new DataHubRequest("GET", path, null, null, null, null, false);
    }

    public static DataHubRequest delete(String path) {
        return new DataHubRequest("DELETE", path, null, null, null, null, false);
    }

    public static DataHubRequest json(String method, String path, byte[] body) {
        return new DataHubRequest(method, path, null, JSON, null, body, false);
    }

    /** A put/get of records; its body may be compressed and its answer may come compressed. */
    public static DataHubRequest records(
            String path, String contentType, String action, byte[] body) {
        return new DataHubRequest("POST", path, null, contentType, action, body, true);
    }

    public DataHubRequest withQuery(String query) {
        return new DataHubRequest(method, path, query, contentType, action, body, recordCall);
    }

    public String method() {
        return method;
    }

    /** Path relative to the endpoint, starting with {@code /}, already URL-safe. */
    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code pub}/{@code sub} for PB and batch record calls, else null. */
    public String action() {
        return action;
    }

    public byte[] body() {
        return body;
    }

    public boolean isRecordCall() {
        return recordCall;
    }

    @Override
    public String toString() {
        return method
                + " "
                + path
                + (query == null ? "" : "?" + query)
                + (action == null ? "" : " (" + action + ")");
    }
}
