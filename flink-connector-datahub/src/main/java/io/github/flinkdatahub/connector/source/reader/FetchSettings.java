package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.RetryPolicy;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a reader reads its shards: records per read, the wait of a shard that had nothing new, the
 * backoff after throttling, and the budget (bytes, optionally records) of answers waiting to be
 * handed to Flink. Immutable; travels with the source to the task managers.
 */
@Internal
public final class FetchSettings implements Serializable {
    private static final long serialVersionUID = 3L;

    /** First backoff after throttling or a retryable error; it doubles up to the maximum. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

    private final int maxRecordsPerFetch;
    private final Duration initialEmptyInterval;
    private final Duration emptyInterval;
    private final Duration maxBackoff;
    private final long maxBufferedBytes;
    private final int maxBufferedRecords;
    private final int maxReadsPerShard;

    /**
     * @param initialEmptyInterval the wait after the first read that returned nothing new; it
     *     doubles while the shard stays empty
     * @param emptyInterval the bound of that wait (the first wait is never longer)
     */
    public FetchSettings(
            int maxRecordsPerFetch,
            Duration initialEmptyInterval,
            Duration emptyInterval,
            Duration maxBackoff,
            long maxBufferedBytes) {
        this(
                maxRecordsPerFetch,
                initialEmptyInterval,
                emptyInterval,
                maxBackoff,
                maxBufferedBytes,
                Integer.MAX_VALUE);
    }

    /**
     * One read per shard (no page read ahead).
     *
     * @param maxBufferedRecords records of completed reads not yet handed to Flink at which no new
     *     read starts ({@link Integer#MAX_VALUE}: only the byte budget counts)
     */
    public FetchSettings(
            int maxRecordsPerFetch,
            Duration initialEmptyInterval,
            Duration emptyInterval,
            Duration maxBackoff,
            long maxBufferedBytes,
            int maxBufferedRecords) {
        this(
                maxRecordsPerFetch,
                initialEmptyInterval,
                emptyInterval,
                maxBackoff,
                maxBufferedBytes,
                maxBufferedRecords,
                1);
    }

    /**
     * @param maxReadsPerShard pages of one shard in flight at once: its next read plus pages read
     *     ahead after a full page (1: one read per shard)
     */
    public FetchSettings(
            int maxRecordsPerFetch,
            Duration initialEmptyInterval,
            Duration emptyInterval,
            Duration maxBackoff,
            long maxBufferedBytes,
            int maxBufferedRecords,
            int maxReadsPerShard) {
        Preconditions.checkArgument(maxRecordsPerFetch > 0, "maxRecordsPerFetch must be > 0");
        Preconditions.checkArgument(maxBufferedBytes > 0, "maxBufferedBytes must be > 0");
        Preconditions.checkArgument(maxBufferedRecords > 0, "maxBufferedRecords must be > 0");
        Preconditions.checkArgument(maxReadsPerShard > 0, "maxReadsPerShard must be > 0");
        this.maxReadsPerShard = maxReadsPerShard;
        this.maxBufferedRecords = maxBufferedRecords;
        this.maxRecordsPerFetch = maxRecordsPerFetch;
        this.initialEmptyInterval = Preconditions.checkNotNull(initialEmptyInterval);
        this.emptyInterval = Preconditions.checkNotNull(emptyInterval);
        this.maxBackoff = Preconditions.checkNotNull(maxBackoff);
        this.maxBufferedBytes = maxBufferedBytes;
    }

    int maxRecordsPerFetch() {
        return maxRecordsPerFetch;
    }

    /** The first wait after an empty read: the initial interval, never above the bound. */
    long initialEmptyWaitMillis() {
        return Math.min(initialEmptyInterval.toMillis(), emptyWaitBoundMillis());
    }

    long emptyWaitBoundMillis() {
        return emptyInterval.toMillis();
    }

    long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    int maxBufferedRecords() {
        return maxBufferedRecords;
    }

    int maxReadsPerShard() {
        return maxReadsPerShard;
    }

    /** The project's one backoff: doubling from 100 ms up to the maximum, with equal jitter. */
    RetryPolicy backoff() {
        Duration max = maxBackoff.compareTo(INITIAL_BACKOFF) < 0 ? INITIAL_BACKOFF : maxBackoff;
        return RetryPolicy.of(Integer.MAX_VALUE, INITIAL_BACKOFF, max);
    }

    @Override
    public String toString() {
        return "FetchSettings{maxRecordsPerFetch="
                + maxRecordsPerFetch
                + ", initialEmptyInterval="
                + initialEmptyInterval
                + ", emptyInterval="
                + emptyInterval
                + ", maxBackoff="
                + maxBackoff
                + ", maxBufferedBytes="
                + maxBufferedBytes
                + (maxBufferedRecords == Integer.MAX_VALUE
                        ? ""
                        : ", maxBufferedRecords=" + maxBufferedRecords)
                + ", maxReadsPerShard="
                + maxReadsPerShard
                + '}';
    }
}
