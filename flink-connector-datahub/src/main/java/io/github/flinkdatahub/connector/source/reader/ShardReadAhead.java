package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pages of one shard asked for ahead of its next read, oldest first, each from a sequence
 * computed from the page before it, and after them the cursors already opened for the pages to
 * come, so that such a page costs one round trip when its turn comes. A page is used only when the
 * shard's chain of reads arrives exactly at its start; any other arrival discards every page and
 * cursor ahead (the shard goes on from the real next cursor). The client's threads use it, hence
 * synchronized.
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

    /** A cursor asked for the start of a page not yet read ahead. */
    private static final class OpenedCursor {
        final long start;
        final CompletableFuture<String> cursor;

        OpenedCursor(long start, CompletableFuture<String> cursor) {
            this.start = start;
            this.cursor = cursor;
        }
    }

    private final ArrayDeque<Page> pages = new ArrayDeque<>();

    /** Starting where the newest page ahead (or the next read) ends, one page apart. */
    private final ArrayDeque<OpenedCursor> cursors = new ArrayDeque<>();

    /**
     * The page starting at {@code sequence} if it is the oldest ahead; else null, and every page
     * and cursor ahead is discarded (they were computed from a page that ended elsewhere), except
     * when no page is ahead and the oldest cursor opened is for {@code sequence}: the cursors stay.
     */
    synchronized Page take(long sequence) {
        Page first = pages.peekFirst();
        if (first != null && first.start == sequence) {
            pages.pollFirst();
            first.settle();
            return first;
        }
        OpenedCursor next = cursors.peekFirst();
        if (first == null && next != null && next.start == sequence) {
            // No page ahead (the budget was full): the shard reads on from its real cursor, and
            // the cursors after this one still fit.
            cursors.pollFirst();
            return null;
        }
        discard();
        return null;
    }

    /** Whether every page ahead has been answered (also when none is left). */
    synchronized boolean allAnswered() {
        for (Page p : pages) {
            if (!p.read.isDone()) {
                return false;
            }
        }
        return true;
    }

    synchronized void discard() {
        for (Page p; (p = pages.pollFirst()) != null; ) {
            p.settle();
        }
        cursors.clear();
    }

    /** Adds the page after the newest one; it must start where the oldest opened cursor does. */
    synchronized void add(Page page) {
        OpenedCursor next = cursors.peekFirst();
        if (next != null && next.start == page.start) {
            cursors.pollFirst();
        }
        pages.addLast(page);
    }

    /** The cursor opened for {@code start} if it is the oldest one opened; else null. */
    synchronized CompletableFuture<String> openedCursor(long start) {
        OpenedCursor next = cursors.peekFirst();
        return next != null && next.start == start ? next.cursor : null;
    }

    /** A cursor for the page after the newest page or cursor ahead. */
    synchronized void addCursor(long start, CompletableFuture<String> cursor) {
        cursors.addLast(new OpenedCursor(start, cursor));
    }

    /** Pages ahead. */
    synchronized int size() {
        return pages.size();
    }

    /** Cursors opened for pages not yet read ahead. */
    synchronized int openedCursors() {
        return cursors.size();
    }

    /** The start of the newest page ahead, or {@code orElse} when there is none. */
    synchronized long lastStart(long orElse) {
        Page last = pages.peekLast();
        return last == null ? orElse : last.start;
    }

    /**
     * The start of the newest cursor opened, else of the newest page ahead, else {@code orElse}.
     */
    synchronized long lastOpenedStart(long orElse) {
        OpenedCursor last = cursors.peekLast();
        return last == null ? lastStart(orElse) : last.start;
    }
}
