package io.github.flinkdatahub.connector.testutil;

import org.apache.flink.api.common.functions.MapFunction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets records through a job only as far as the test has released them: the hand-off that makes
 * "this happens while the job is writing" hold by construction instead of by pacing. The gate lives
 * in a static registry, found by name from the job's function (a MiniCluster's tasks run in the
 * test JVM). Put the function in a task of its own ({@code disableChaining()}) when the operators
 * after it must keep working (timers, flushes) while it holds records back.
 */
public final class RecordGate {
    private static final Map<String, RecordGate> GATES = new ConcurrentHashMap<>();

    private final String name;
    private long released;
    private long passed;

    private RecordGate(String name) {
        this.name = name;
    }

    /** A closed gate under {@code name} (replacing an earlier one of that name). */
    public static RecordGate closed(String name) {
        RecordGate gate = new RecordGate(name);
        GATES.put(name, gate);
        return gate;
    }

    /** Lets {@code records} more records through (counted over all subtasks and attempts). */
    public synchronized void release(long records) {
        released = released >= Long.MAX_VALUE - records ? Long.MAX_VALUE : released + records;
        notifyAll();
    }

    /** Lets every record through from now on. */
    public void open() {
        release(Long.MAX_VALUE);
    }

    /** Records let through so far. */
    public synchronized long passed() {
        return passed;
    }

    private synchronized void pass() throws InterruptedException {
        // wait() returns on release() or when the task is cancelled (interrupted).
        while (passed >= released) {
            wait();
        }
        passed++;
    }

    /** The function to put into the job: an identity map that waits at the gate. */
    public <T> MapFunction<T, T> function() {
        return new Gated<>(name);
    }

    private static final class Gated<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final String name;

        Gated(String name) {
            this.name = name;
        }

        @Override
        public T map(T value) throws InterruptedException {
            GATES.get(name).pass();
            return value;
        }
    }
}
