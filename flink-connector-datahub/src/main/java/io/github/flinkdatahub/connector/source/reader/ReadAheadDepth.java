package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many pages of one shard are read ahead of its next read now. Pages ahead cost a cursor
 * request each and pay off only while the reader waits on the shard's round trips, so a shard
 * starts with its single chained read. The depth goes to its maximum ({@code
 * scan.fetch.max-reads-per-shard} - 1) when the fetcher found no answer ready while the shard had a
 * read under way, and one down each time the shard's chain arrives at a page ahead after every page
 * ahead was answered: they came back before they were needed, so fewer would have done. Set by the
 * fetcher and the client's threads, hence atomic.
 */
@Internal
final class ReadAheadDepth {
    private final AtomicInteger pages = new AtomicInteger();

    /** Pages ahead wanted now. */
    int pages() {
        return pages.get();
    }

    /** The fetcher waited while the shard's read was under way: read as far ahead as allowed. */
    void waitedOn(int maxPages) {
        pages.set(maxPages);
    }

    /** The pages ahead were all answered before the chain needed the first of them. */
    void answeredBeforeNeeded() {
        pages.updateAndGet(n -> Math.max(0, n - 1));
    }
}
