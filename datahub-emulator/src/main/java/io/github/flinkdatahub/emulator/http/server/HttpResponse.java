package io.github.flinkdatahub.emulator.http.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An answer: status, headers and body. The front-end adds the framing headers ({@code
 * Content-Length}, {@code Connection}) and {@code Date} itself.
 */
public final class HttpResponse {
    private static final HttpResponse NO_ANSWER = new HttpResponse(0, List.of(), new byte[0]);

    private final int status;
    private final List<String[]> headers;
    private final byte[] body;

    private HttpResponse(int status, List<String[]> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public static Builder builder(int status) {
        return new Builder(status);
    }

    /** Closes the connection without answering, as a network failure would. */
    public static HttpResponse noAnswer() {
        return NO_ANSWER;
    }

    public boolean isNoAnswer() {
        return this == NO_ANSWER;
    }

    public int status() {
        return status;
    }

    /** Name and value pairs, in the order they are written. */
    List<String[]> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** Builds a {@link HttpResponse}. */
    public static final class Builder {
        private final int status;
        private final List<String[]> headers = new ArrayList<>(4);
        private byte[] body = new byte[0];

        private Builder(int status) {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status must be 200-599, got " + status);
            }
            this.status = status;
        }

        /** Adds a header; names and values are the server's own, checked to be one line. */
        public Builder header(String name, String value) {
            checkOneLine(name);
            checkOneLine(value);
            headers.add(new String[] {name, value});
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        public HttpResponse build() {
            return new HttpResponse(status, Collections.unmodifiableList(headers), body);
        }

        private static void checkOneLine(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t' || c >= 0x7F) {
                    throw new IllegalArgumentException(
                            "A response header must be printable ASCII on one line: '" + s + "'");
                }
            }
        }
    }
}
