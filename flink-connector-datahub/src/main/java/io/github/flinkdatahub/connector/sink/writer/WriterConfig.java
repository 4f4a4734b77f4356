package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.DeliveryGuarantee;

import java.io.Serializable;
import java.time.Duration;

/** The writer's batching, flow-control and retry settings, checked by the sink builder. */
@Internal
public final class WriterConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int batchMaxRecords;
    private final long batchMaxBytes;
    private final Duration flushInterval;
    private final int maxInFlightRequests;
    private final int bufferMaxRecords;
    private final long bufferMaxBytes;
    private final int maxRetries;
    private final Duration retryTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration shardRefreshInterval;
    private final DeliveryGuarantee deliveryGuarantee;

    public WriterConfig(
            int batchMaxRecords,
            long batchMaxBytes,
            Duration flushInterval,
            int maxInFlightRequests,
            int bufferMaxRecords,
            long bufferMaxBytes,
            int maxRetries,
            Duration retryTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration shardRefreshInterval,
            DeliveryGuarantee deliveryGuarantee) {
        this.batchMaxRecords = batchMaxRecords;
        this.batchMaxBytes = batchMaxBytes;
        this.flushInterval = flushInterval;
        this.maxInFlightRequests = maxInFlightRequests;
        this.bufferMaxRecords = bufferMaxRecords;
        this.bufferMaxBytes = bufferMaxBytes;
        this.maxRetries = maxRetries;
        this.retryTimeout = retryTimeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.shardRefreshInterval = shardRefreshInterval;
        this.deliveryGuarantee = deliveryGuarantee;
    }

    public int batchMaxRecords() {
        return batchMaxRecords;
    }

    public long batchMaxBytes() {
        return batchMaxBytes;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    public int bufferMaxRecords() {
        return bufferMaxRecords;
    }

    public long bufferMaxBytes() {
        return bufferMaxBytes;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryTimeout() {
        return retryTimeout;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration shardRefreshInterval() {
        return shardRefreshInterval;
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    /**
     * Delay before retry number {@code retry} (1-based): the capped exponential delay, half fixed
     * and half random ("equal jitter"), so retries spread out but never fire at once.
     */
    public long backoffMillis(int retry) {
        long base = Math.max(1, initialBackoff.toMillis());
        long cap = Math.max(base, maxBackoff.toMillis());
        long exp = retry >= 31 ? cap : Math.min(cap, base << Math.max(0, retry - 1));
        long half = Math.max(1, exp / 2);
        return half + java.util.concurrent.ThreadLocalRandom.current().nextLong(half + 1);
    }

    @Override
    public String toString() {
        return "WriterConfig{batchMaxRecords="
                + batchMaxRecords
                + ", batchMaxBytes="
                + batchMaxBytes
                + ", flushInterval="
                + flushInterval
                + ", maxInFlightRequests="
                + maxInFlightRequests
                + ", bufferMaxRecords="
                + bufferMaxRecords
                + ", bufferMaxBytes="
                + bufferMaxBytes
                + ", maxRetries="
                + maxRetries
                + ", retryTimeout="
                + retryTimeout
                + ", backoff="
                + initialBackoff
                + ".."
                + maxBackoff
                + ", shardRefreshInterval="
                + shardRefreshInterval
                + ", deliveryGuarantee="
                + deliveryGuarantee
                + '}';
    }
}
