package io.github.flinkdatahub.emulator.http.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a connection receives, buffered without the locking of {@link
 * java.io.BufferedInputStream}: a connection is read by its one thread, and the request head is
 * read a byte at a time.
 */
final class ConnectionInput extends InputStream {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int end;
    private byte[] line = new byte[256];

    ConnectionInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        if (position == end && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == end) {
            if (len >= buffer.length) {
                // Large reads (bodies) go straight into the caller's array.
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, end - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** The next byte without taking it, or -1 at the end of the stream. */
    int peek() throws IOException {
        if (position == end && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    /**
     * The next line without its line end (CR LF, or a bare LF), one char per byte; null when more
     * than {@code max} bytes come before the line end (the line is then partly consumed).
     *
     * @throws EOFException when the stream ends within the line
     */
    String readLine(int max) throws IOException {
        int n = 0;
        while (true) {
            if (position == end && !fill()) {
                throw new EOFException("The connection closed within a line");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (n > max) {
                return null;
            }
            if (n == line.length) {
                // Grows to max + 1 at most: room for the CR of a line of max bytes.
                line = Arrays.copyOf(line, Math.min(2 * n, max + 1));
            }
            line[n++] = b;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return n > max ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        end = n;
        return true;
    }
}
