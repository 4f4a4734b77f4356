package io.github.flinkdatahub.connector.source.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The reader's FLIP-33 metrics: numBytesIn, pendingRecords, currentFetchEventTimeLag, the per-shard
 * groups, commitsSucceeded / commitsFailed of subscription commits, and bufferedBytes (records read
 * but not yet handed to Flink). (numRecordsIn is counted by Flink itself.)
 */
@Internal
public final class DataHubSourceReaderMetrics {
    private final SourceReaderMetricGroup group;
    private final Counter numBytesIn;
    private final Counter commitsSucceeded;
    private final Counter commitsFailed;
    private final Map<String, ShardMetrics> shards = new ConcurrentHashMap<>();
    private volatile long fetchEventTimeLag = -1;
    private volatile LongSupplier bufferedBytes = () -> 0;

    public DataHubSourceReaderMetrics(SourceReaderMetricGroup group) {
        this.group = group;
        this.numBytesIn = group.getIOMetricGroup().getNumBytesInCounter();
        this.commitsSucceeded = group.counter("commitsSucceeded");
        this.commitsFailed = group.counter("commitsFailed");
        group.setPendingRecordsGauge(
                () -> shards.values().stream().mapToLong(ShardMetrics::pendingRecords).sum());
        group.gauge("currentFetchEventTimeLag", (Gauge<Long>) () -> fetchEventTimeLag);
        group.gauge("bufferedBytes", (Gauge<Long>) () -> bufferedBytes.getAsLong());
    }

    /** Where the bufferedBytes gauge reads: the split reader's buffer of completed reads. */
    public void bufferedBytes(LongSupplier source) {
        bufferedBytes = source;
    }

    public ShardMetrics register(String shardId) {
        return shards.computeIfAbsent(shardId, id -> new ShardMetrics(group, id));
    }

    /** The shard's metrics, or null once its split has finished. */
    public ShardMetrics shard(String shardId) {
        return shards.get(shardId);
    }

    public void unregister(String shardId) {
        ShardMetrics m = shards.remove(shardId);
        if (m != null) {
            m.close();
        }
    }

    public void bytesIn(long bytes) {
        numBytesIn.inc(bytes);
    }

    /** Fetch time minus the record's DataHub system time. */
    public void fetchEventTimeLag(long lagMillis) {
        fetchEventTimeLag = lagMillis;
    }

    public void commitSucceeded() {
        commitsSucceeded.inc();
    }

    public void commitFailed() {
        commitsFailed.inc();
    }
}
