package io.github.flinkdatahub.emulator.http.server;

import java.util.List;
import java.util.Map;

/**
 * The request line and headers of one request, as read and checked by {@link RequestHeadParser},
 * with what they say about the body's framing and the connection.
 */
public final class RequestHead {
    private final String method;
    private final String path;
    private final String query;
    private final boolean http10;
    private final Map<String, List<String>> headers;
    private final long contentLength;
    private final boolean chunked;
    private final boolean expectContinue;
    private final boolean keepAlive;

    RequestHead(
            String method,
            String path,
            String query,
            boolean http10,
            Map<String, List<String>> headers,
            long contentLength,
            boolean chunked,
            boolean expectContinue,
            boolean keepAlive) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.http10 = http10;
        this.headers = headers;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.expectContinue = expectContinue;
        this.keepAlive = keepAlive;
    }

    public String method() {
        return method;
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
        return path;
    }

    /** The raw query, without its {@code ?}, or null when there is none. */
    public String query() {
        return query;
    }

    /** Header values by name, names compared ignoring case; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The declared body length: 0 for none, -1 for a chunked body. */
    public long contentLength() {
        return contentLength;
    }

    boolean isChunked() {
        return chunked;
    }

    boolean isHttp10() {
        return http10;
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body. */
    boolean expectsContinue() {
        return expectContinue;
    }

    /** Whether the client lets the connection serve another request after this one. */
    boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
