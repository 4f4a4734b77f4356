package io.github.flinkdatahub.emulator.http.server;

import io.github.flinkdatahub.emulator.http.server.RefusedRequestException.Reason;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one request, framed by its {@code Content-Length} or by chunked transfer coding, read
 * only as far as the handler reads it. A client that sent {@code Expect: 100-continue} is told to
 * go on at the first read, so a body refused on the request's headers is never sent.
 */
public final class RequestBody extends InputStream {
    /** Longest chunk-size line (size and extensions); sizes need 16 bytes at most. */
    private static final int MAX_CHUNK_LINE_BYTES = 1024;

    private final ConnectionInput in;
    private final ResponseWriter out;
    private final long contentLength;
    private final boolean chunked;
    private final int maxTrailerBytes;
    private boolean expectContinue;

    /** Bytes left in the body (Content-Length) or in the current chunk. */
    private long remaining;

    /** Whether a chunk's data has been read and its CR LF is still to come. */
    private boolean inChunk;

    private boolean finished;

    RequestBody(ConnectionInput in, ResponseWriter out, RequestHead head, HttpLimits limits) {
        this.in = in;
        this.out = out;
        this.contentLength = head.contentLength();
        this.chunked = head.isChunked();
        this.maxTrailerBytes = limits.maxHeaderBytes();
        this.expectContinue = head.expectsContinue();
        this.remaining = chunked ? 0 : contentLength;
        this.finished = !chunked && contentLength == 0;
    }

    /** The declared length, or -1 for a chunked body (its length is known once read). */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body has been read to its end, so the connection can serve another request. */
    boolean isFullyRead() {
        return finished;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (expectContinue) {
            expectContinue = false;
            out.writeContinue();
        }
        if (chunked && remaining == 0) {
            nextChunk();
            if (finished) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException(
                    "The connection closed " + remaining + " bytes before the end of the body");
        }
        remaining -= n;
        if (!chunked && remaining == 0) {
            finished = true;
        }
        return n;
    }

    /** Reads the CR LF after a chunk and the next chunk's size; the trailers after the last. */
    private void nextChunk() throws IOException {
        if (inChunk) {
            String end = in.readLine(0);
            if (end == null || !end.isEmpty()) {
                throw malformed("a chunk's data is not followed by CR LF");
            }
        }
        String line = in.readLine(MAX_CHUNK_LINE_BYTES);
        if (line == null) {
            throw malformed("a chunk-size line is longer than " + MAX_CHUNK_LINE_BYTES + " bytes");
        }
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        remaining = parseSize(size);
        inChunk = true;
        if (remaining == 0) {
            skipTrailers();
            finished = true;
        }
    }

    private static long parseSize(String size) throws RefusedRequestException {
        String digits = size.replaceFirst("^0+(?=.)", "");
        if (digits.isEmpty() || digits.length() > 15) {
            throw malformed("the chunk size '" + printable(size) + "' is not a hex number");
        }
        try {
            return Long.parseLong(digits, 16);
        } catch (NumberFormatException e) {
            throw malformed("the chunk size '" + printable(size) + "' is not a hex number");
        }
    }

    private void skipTrailers() throws IOException {
        int used = 0;
        while (true) {
            String line = in.readLine(Math.max(0, maxTrailerBytes - used - 2));
            if (line == null) {
                throw malformed("the trailer section is larger than " + maxTrailerBytes + " bytes");
            }
            if (line.isEmpty()) {
                return;
            }
            used += line.length() + 2;
        }
    }

    private static RefusedRequestException malformed(String what) {
        return new RefusedRequestException(
                Reason.MALFORMED_BODY, "The chunked request body is malformed: " + what + ".");
    }

    /** At most 20 chars, non-printable ones as '?': the text came from the client. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 20); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
