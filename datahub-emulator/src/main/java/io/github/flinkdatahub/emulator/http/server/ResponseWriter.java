package io.github.flinkdatahub.emulator.http.server;

import io.github.flinkdatahub.client.protocol.signing.RequestSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes answers to a connection: status line, headers and body in one write where the body is
 * small, always with a {@code Content-Length}, so an answer never waits for the client's delayed
 * ACK of a separately sent part.
 */
final class ResponseWriter {
    /** Bodies up to this size go out in the same write as the head. */
    private static final int SINGLE_WRITE_BODY_BYTES = 64 * 1024;

    private static final byte[] CONTINUE =
            "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The Date header of the current second, shared by all connections. */
    private static volatile CachedDate date = new CachedDate(-1, "");

    private final OutputStream out;

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    /** Tells a client waiting with {@code Expect: 100-continue} to send its body. */
    void writeContinue() throws IOException {
        out.write(CONTINUE);
        out.flush();
    }

    /**
     * Writes an answer. {@code keepAlive} false adds {@code Connection: close}; a HEAD request's
     * answer has its headers only.
     */
    void write(HttpResponse response, boolean headRequest, boolean keepAlive, boolean http10)
            throws IOException {
        byte[] body = response.body();
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(reason(response.status()))
                .append("\r\n");
        head.append("Date: ").append(currentDate()).append("\r\n");
        for (String[] h : response.headers()) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        } else if (http10) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        int bodyBytes = headRequest ? 0 : body.length;
        if (bodyBytes <= SINGLE_WRITE_BODY_BYTES) {
            byte[] all = new byte[headBytes.length + bodyBytes];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, bodyBytes);
            out.write(all);
        } else {
            out.write(headBytes);
            out.write(body);
        }
        out.flush();
    }

    private static String currentDate() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate cached = date;
        if (cached.second != second) {
            cached =
                    new CachedDate(
                            second,
                            RequestSigner.DATE_FORMAT.format(Instant.ofEpochSecond(second)));
            date = cached;
        }
        return cached.text;
    }

    private static final class CachedDate {
        final long second;
        final String text;

        CachedDate(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 201:
                return "Created";
            case 204:
                return "No Content";
            case 400:
                return "Bad Request";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 409:
                return "Conflict";
            case 414:
                return "URI Too Long";
            case 417:
                return "Expectation Failed";
            case 429:
                return "Too Many Requests";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return status < 400 ? "OK" : status < 500 ? "Bad Request" : "Server Error";
        }
    }
}
