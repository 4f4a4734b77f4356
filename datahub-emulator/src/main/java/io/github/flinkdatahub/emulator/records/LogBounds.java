package io.github.flinkdatahub.emulator.records;

import java.nio.ByteBuffer;

/**
 * The bounds of a shard's record log: it holds the sequences {@code [first, next)}, older ones
 * having expired. Immutable.
 */
public final class LogBounds {
    static final LogBounds EMPTY = new LogBounds(0, 0, -1, 0);
    private static final int SIZE = 4 * 8;

    private final long first;
    private final long next;
    private final long latestTime;
    private final long storedBytes;

    LogBounds(long first, long next, long latestTime, long storedBytes) {
        this.first = first;
        this.next = next;
        this.latestTime = latestTime;
        this.storedBytes = storedBytes;
    }

    /** The oldest retained sequence; equals {@link #next()} when nothing is retained. */
    public long first() {
        return first;
    }

    /** The sequence the next entry gets. */
    public long next() {
        return next;
    }

    /**
     * System time (ms) of the newest entry ever appended, expired or not; -1 for a shard never
     * written.
     */
    public long latestTime() {
        return latestTime;
    }

    /** Bytes of the retained entries. */
    public long storedBytes() {
        return storedBytes;
    }

    public boolean isEmpty() {
        return first == next;
    }

    /** The newest sequence ever appended, -1 for a shard never written. */
    public long latestSequence() {
        return next - 1;
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE)
                .putLong(first)
                .putLong(next)
                .putLong(latestTime)
                .putLong(storedBytes)
                .array();
    }

    static LogBounds fromBytes(byte[] b) {
        if (b == null) {
            return EMPTY;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new LogBounds(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
    }

    @Override
    public String toString() {
        return "LogBounds{["
                + first
                + ", "
                + next
                + "), latestTime="
                + latestTime
                + ", storedBytes="
                + storedBytes
                + '}';
    }
}
