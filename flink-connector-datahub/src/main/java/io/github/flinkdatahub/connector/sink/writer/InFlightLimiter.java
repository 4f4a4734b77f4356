package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

/**
 * How many puts may be in flight at once: halved when DataHub throttles, one more per put written
 * in full, up to the configured maximum (additive increase, multiplicative decrease).
 */
@Internal
final class InFlightLimiter {
    private final int max;
    private int limit;
    private int inFlight;

    InFlightLimiter(int max) {
        this.max = max;
        this.limit = max;
    }

    boolean canSend() {
        return inFlight < limit;
    }

    void sent() {
        inFlight++;
    }

    /** A put was answered, whatever the answer. */
    void answered() {
        inFlight--;
    }

    void succeeded() {
        if (limit < max) {
            limit++;
        }
    }

    void throttled() {
        limit = Math.max(1, limit / 2);
    }

    int inFlight() {
        return inFlight;
    }

    int limit() {
        return limit;
    }
}
