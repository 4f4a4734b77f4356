package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.DeliveryGuarantee;

import io.github.flinkdatahub.client.RetryPolicy;

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
    private final int schemaVersion;

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
            DeliveryGuarantee deliveryGuarantee,
            int schemaVersion) {
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
        this.schemaVersion = schemaVersion;
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

    /** The registered schema version records are written with; -1: the topic's newest schema. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * The backoff between retries, and the retry count of the budget; the retry timeout is the
     * writer's own.
     */
    public RetryPolicy retryPolicy() {
        return RetryPolicy.of(maxRetries, initialBackoff, maxBackoff);
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
                + ", schemaVersion="
                + schemaVersion
                + '}';
    }
}
