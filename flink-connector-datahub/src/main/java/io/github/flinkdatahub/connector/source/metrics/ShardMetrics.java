package io.github.flinkdatahub.connector.source.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * Metrics of one shard under {@code shardId.<id>}: current sequence, committed sequence,
 * milliseconds behind the newest record, and whether the fetcher holds the shard paused (watermark
 * alignment) with how often it did. Written by the fetcher and committer threads, read by the
 * metric reporters, hence volatile. Closed (unregistered) when the shard's split finishes.
 */
@Internal
public final class ShardMetrics {
    private final MetricGroup group;
    private volatile long currentSequence = -1;
    private volatile long committedSequence = -1;
    private volatile long latestSequence = -1;
    private volatile long millisBehindLatest = -1;
    private volatile boolean paused;
    private final Counter pauses;

    ShardMetrics(MetricGroup parent, String shardId) {
        this.group = parent.addGroup("shardId", shardId);
        group.gauge("currentSequence", (Gauge<Long>) () -> currentSequence);
        group.gauge("committedSequence", (Gauge<Long>) () -> committedSequence);
        group.gauge("millisBehindLatest", (Gauge<Long>) () -> millisBehindLatest);
        group.gauge("paused", (Gauge<Integer>) () -> paused ? 1 : 0);
        this.pauses = group.counter("pauses");
    }

    /** After a fetch: the newest sequence/time of the shard and the last record fetched. */
    public void fetched(
            long lastSequence,
            long lastSystemTime,
            long shardLatestSequence,
            long shardLatestTime) {
        if (lastSequence >= 0) {
            currentSequence = lastSequence;
        }
        if (shardLatestSequence >= 0) {
            latestSequence = shardLatestSequence;
        }
        if (shardLatestTime >= 0 && lastSystemTime >= 0) {
            millisBehindLatest = Math.max(0, shardLatestTime - lastSystemTime);
        } else if (shardLatestSequence >= 0 && lastSequence >= shardLatestSequence) {
            millisBehindLatest = 0;
        }
    }

    /**
     * The fetcher stopped (true) or resumed (false) reading the shard; called by the fetcher thread
     * itself, so 1 means no fetch of the shard is under way or will start until it is resumed.
     */
    public void paused(boolean nowPaused) {
        if (nowPaused && !paused) {
            pauses.inc();
        }
        paused = nowPaused;
    }

    public void committed(long sequence) {
        committedSequence = sequence;
    }

    /** Records not yet read: newest sequence minus current (0 when unknown). */
    long pendingRecords() {
        long latest = latestSequence;
        long current = currentSequence;
        return latest < 0 ? 0 : Math.max(0, latest - current);
    }

    void close() {
        if (group instanceof AbstractMetricGroup) {
            ((AbstractMetricGroup<?>) group).close();
        }
    }
}
