package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.RetryPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Decides when each shard is read: which shard is due and may be asked now (round robin, within the
 * memory budget, never two reads of one shard at once, never a paused shard), and how long a shard
 * waits after each kind of answer. A shard that returned records is due at once; one that returned
 * nothing waits, the wait doubling while it stays empty up to {@code scan.fetch.empty-interval};
 * one that failed backs off with the client's {@link RetryPolicy}.
 */
@Internal
final class ReadScheduler {
    private final LinkedHashMap<String, ShardReadState> shards = new LinkedHashMap<>();
    private final long initialEmptyWait;
    private final long emptyWaitBound;
    private final long maxBufferedBytes;
    private final long maxBufferedRecords;
    private final RetryPolicy backoff;
    private List<ShardReadState> order = List.of();
    private int nextIndex;

    ReadScheduler(FetchSettings settings) {
        this.initialEmptyWait = settings.initialEmptyWaitMillis();
        this.emptyWaitBound = settings.emptyWaitBoundMillis();
        this.maxBufferedBytes = settings.maxBufferedBytes();
        this.maxBufferedRecords = settings.maxBufferedRecords();
        this.backoff = settings.backoff();
    }

    void add(ShardReadState shard) {
        shards.put(shard.id(), shard);
        order = new ArrayList<>(shards.values());
    }

    void remove(String shardId) {
        shards.remove(shardId);
        order = new ArrayList<>(shards.values());
    }

    ShardReadState get(String shardId) {
        return shards.get(shardId);
    }

    Collection<ShardReadState> shards() {
        return shards.values();
    }

    /**
     * The next shard to ask, or null when none is due or the answers waiting to be handed out
     * already fill the budget. The caller starts its read before asking again.
     */
    ShardReadState nextToRequest(long now, long bufferedBytes) {
        return nextToRequest(now, bufferedBytes, 0);
    }

    /**
     * As {@link #nextToRequest(long, long)}, also null while the answers waiting hold {@code
     * scan.fetch.max-buffered-records} records or more.
     */
    ShardReadState nextToRequest(long now, long bufferedBytes, long bufferedRecords) {
        if (!hasRoom(bufferedBytes, bufferedRecords)) {
            return null;
        }
        int n = order.size();
        for (int i = 0; i < n; i++) {
            ShardReadState s = order.get((nextIndex + i) % n);
            if (!s.reading && !s.paused && s.dueAt <= now) {
                nextIndex = (nextIndex + i + 1) % n;
                return s;
            }
        }
        return null;
    }

    /**
     * Whether answers holding this much leave room for another read. Reads only the settings, so
     * the client's threads may ask too.
     */
    boolean hasRoom(long bufferedBytes, long bufferedRecords) {
        return bufferedBytes < maxBufferedBytes && bufferedRecords < maxBufferedRecords;
    }

    /**
     * Milliseconds until a shard that is neither read nor paused becomes due; at most the bound of
     * the empty wait (also when there is none), so a fetcher never sleeps longer than before.
     */
    long millisUntilNextDue(long now) {
        long due = now + emptyWaitBound;
        for (ShardReadState s : order) {
            if (!s.reading && !s.paused) {
                due = Math.min(due, s.dueAt);
            }
        }
        return Math.max(0, due - now);
    }

    /** Records came back: the shard is asked again at once. */
    void returnedRecords(ShardReadState shard, long now) {
        shard.failures = 0;
        shard.emptyWaitMillis = -1;
        shard.dueAt = now;
    }

    /** Nothing new (or nothing to read yet): the shard waits, longer the longer it stays empty. */
    long returnedNothing(ShardReadState shard, long now) {
        shard.failures = 0;
        shard.emptyWaitMillis =
                shard.emptyWaitMillis < 0
                        ? initialEmptyWait
                        : Math.min(emptyWaitBound, Math.max(1, shard.emptyWaitMillis * 2));
        shard.dueAt = now + shard.emptyWaitMillis;
        return shard.emptyWaitMillis;
    }

    /** The cursor is to be rebuilt: the shard is due at once. */
    void cursorExpired(ShardReadState shard, long now) {
        shard.cursor = null;
        shard.dueAt = now;
    }

    /** Throttled or a retryable error: the shard backs off, longer with every failure in a row. */
    long failed(ShardReadState shard, long now) {
        shard.failures = Math.min(shard.failures + 1, 64);
        long wait = backoff.backoffMillis(shard.failures);
        shard.dueAt = now + wait;
        return wait;
    }
}
