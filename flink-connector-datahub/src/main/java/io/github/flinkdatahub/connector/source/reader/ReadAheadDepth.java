package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many pages of one shard are read ahead of its next read now, and the shard's recent round
 * trips that decide it. Pages ahead cost a cursor request each and pay off only while the reader
 * waits on the shard's round trips; when the service itself is the bottleneck (no added latency),
 * more requests only slow it down. So a shard reads ahead as far as allowed ({@code
 * scan.fetch.max-reads-per-shard} - 1) only when the fetcher found no answer ready while the
 * shard's read was under way and the shard's shortest recent round trip is at least the time the
 * fetcher takes to hand out a page of every shard (the shards' single reads cannot keep it busy);
 * otherwise, and each time its pages ahead or answers were there before they were needed, one
 * fewer. Updated by the fetcher and the client's threads.
 */
@Internal
final class ReadAheadDepth {
    /** Round trips remembered: the shortest of them leaves out the queueing of busy moments. */
    private static final int ROUND_TRIPS = 8;

    private final AtomicInteger pages = new AtomicInteger();
    private final long[] roundTrips = new long[ROUND_TRIPS];
    private int nextRoundTrip;

    /** Pages ahead wanted now. */
    int pages() {
        return pages.get();
    }

    /** A read of the shard took {@code millis} from its request to its answer. */
    synchronized void roundTrip(long millis) {
        roundTrips[nextRoundTrip++ % ROUND_TRIPS] = millis;
    }

    /** The shortest of the recent round trips; 0 before the first. */
    synchronized long shortestRoundTrip() {
        int n = Math.min(nextRoundTrip, ROUND_TRIPS);
        long min = n == 0 ? 0 : Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, roundTrips[i]);
        }
        return min;
    }

    /**
     * The fetcher waited while the shard's read was under way: read as far ahead as allowed if the
     * shard's round trips are at least {@code roundOfPagesMillis}, the fetcher's time to hand out a
     * page of every shard; else one fewer (the service, not the distance, is slow).
     */
    void fetcherWaited(int maxPages, double roundOfPagesMillis) {
        if (shortestRoundTrip() >= roundOfPagesMillis) {
            pages.set(maxPages);
        } else {
            fewer();
        }
    }

    /** Pages ahead or answers of the shard were there before they were needed. */
    void fewer() {
        pages.updateAndGet(n -> Math.max(0, n - 1));
    }
}
