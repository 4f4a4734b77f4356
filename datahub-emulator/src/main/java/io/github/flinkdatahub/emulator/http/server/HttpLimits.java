package io.github.flinkdatahub.emulator.http.server;

import java.time.Duration;

/**
 * The bounds the HTTP front-end holds every connection to, so no client can make it buffer an
 * unbounded request head or hold an unbounded number of threads.
 */
public final class HttpLimits {
    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final int maxConnections;
    private final Duration idleTimeout;

    /**
     * @param maxRequestLineBytes longest request line, without its line end
     * @param maxHeaderBytes largest header section (every header line with its line end)
     * @param maxHeaderCount most header fields in a request
     * @param maxConnections most connections open at once; beyond it the one idle longest is
     *     closed, or the new one answered 503 and closed when every one is busy
     * @param idleTimeout how long a connection may send nothing before it is closed
     */
    public HttpLimits(
            int maxRequestLineBytes,
            int maxHeaderBytes,
            int maxHeaderCount,
            int maxConnections,
            Duration idleTimeout) {
        this.maxRequestLineBytes = positive(maxRequestLineBytes, "maxRequestLineBytes");
        this.maxHeaderBytes = positive(maxHeaderBytes, "maxHeaderBytes");
        this.maxHeaderCount = positive(maxHeaderCount, "maxHeaderCount");
        this.maxConnections = positive(maxConnections, "maxConnections");
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "idleTimeout must be between 1 ms and " + Integer.MAX_VALUE + " ms");
        }
        this.idleTimeout = idleTimeout;
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    public int maxRequestLineBytes() {
        return maxRequestLineBytes;
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }
}
