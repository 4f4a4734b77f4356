package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pages of one shard asked for ahead of its next read, oldest first, each from a sequence
 * computed from the page before it. A page is used only when the shard's chain of reads arrives
 * exactly at its start; any other arrival discards every page ahead (the shard goes on from the
 * real next cursor). The client's threads use it, hence synchronized.
 */
@Internal
final class ShardReadAhead {
    /** One page read ahead, and the budget it holds until it is answered and left this queue. */
    static final class Page {
        final long start;
        final CompletableFuture<Object> read;

        /** Its answer and its leaving the queue: the reservation is released after both. */
        private final AtomicInteger pending = new AtomicInteger(2);

        private final Runnable release;

        Page(long start, CompletableFuture<Object> read, Runnable release) {
            this.start = start;
            this.read = read;
            this.release = release;
            read.whenComplete((value, failure) -> settle());
        }

        private void settle() {
            if (pending.decrementAndGet() == 0) {
                release.run();
            }
        }
    }

    private final ArrayDeque<Page> pages = new ArrayDeque<>();

    /**
     * The page starting at {@code sequence} if it is the oldest ahead; else null, and every page
     * ahead is discarded (they were computed from a page that ended elsewhere).
     */
    synchronized Page take(long sequence) {
        Page first = pages.peekFirst();
        if (first != null && first.start == sequence) {
            pages.pollFirst();
            first.settle();
            return first;
        }
        discard();
        return null;
    }

    synchronized void discard() {
        for (Page p; (p = pages.pollFirst()) != null; ) {
            p.settle();
        }
    }

    synchronized void add(Page page) {
        pages.addLast(page);
    }

    synchronized int size() {
        return pages.size();
    }

    /** The start of the newest page ahead, or {@code orElse} when there is none. */
    synchronized long lastStart(long orElse) {
        Page last = pages.peekLast();
        return last == null ? orElse : last.start;
    }
}
