package io.github.flinkdatahub.connector.testutil;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails a task once at each chosen count of records processed (replays included). Held in a static
 * field of the failing function: a MiniCluster's subtasks run in the test JVM and share it.
 */
public final class InjectedFailures {
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> failAt = new ConcurrentLinkedQueue<>();

    /** Starts over: fail once when the count reaches each of {@code at}. */
    public void reset(long... at) {
        processed.set(0);
        failures.set(0);
        failAt.clear();
        for (long a : at) {
            failAt.add(a);
        }
    }

    /** Counts one processed record; throws when a chosen count is reached. Returns the count. */
    public long count() {
        long n = processed.incrementAndGet();
        Long next = failAt.peek();
        if (next != null && n >= next && failAt.remove(next)) {
            failures.incrementAndGet();
            throw new IllegalStateException("Injected failure after " + n + " records");
        }
        return n;
    }

    /** Failures injected since the last reset. */
    public long failures() {
        return failures.get();
    }
}
