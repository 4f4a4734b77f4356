package io.github.flinkdatahub.connector.source.split;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * A concrete place in one shard where reading (re)starts. Checkpoints store {@link Kind#SEQUENCE}
 * positions; cursors are never stored because they expire. {@code skip} counts records of the entry
 * at {@code sequence} already emitted: in batch topics one sequence holds a whole batch, so a
 * checkpoint inside a batch must skip its first records on restore.
 */
@Internal
public final class ShardPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What the position is measured in. Stored in Flink state as a code ({@link
     * ShardSplitSerializer}): a new kind needs a new code there.
     */
    public enum Kind {
        /** The oldest retained record. */
        EARLIEST,
        /** The entry with {@code sequence}, skipping its first {@code skip} records. */
        SEQUENCE,
        /** The first record received at or after {@code timestampMillis}. */
        TIMESTAMP
    }

    private static final ShardPosition EARLIEST = new ShardPosition(Kind.EARLIEST, -1, 0, -1);

    private final Kind kind;
    private final long sequence;
    private final int skip;
    private final long timestampMillis;

    private ShardPosition(Kind kind, long sequence, int skip, long timestampMillis) {
        this.kind = kind;
        this.sequence = sequence;
        this.skip = skip;
        this.timestampMillis = timestampMillis;
    }

    public static ShardPosition earliest() {
        return EARLIEST;
    }

    public static ShardPosition sequence(long sequence, int skip) {
        if (sequence < 0 || skip < 0) {
            throw new IllegalArgumentException(
                    "sequence and skip must be >= 0, got " + sequence + "/" + skip);
        }
        return new ShardPosition(Kind.SEQUENCE, sequence, skip, -1);
    }

    public static ShardPosition timestamp(long timestampMillis) {
        return new ShardPosition(Kind.TIMESTAMP, -1, 0, timestampMillis);
    }

    public Kind kind() {
        return kind;
    }

    public long sequence() {
        return sequence;
    }

    public int skip() {
        return skip;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardPosition)) {
            return false;
        }
        ShardPosition p = (ShardPosition) o;
        return kind == p.kind
                && sequence == p.sequence
                && skip == p.skip
                && timestampMillis == p.timestampMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sequence, skip, timestampMillis);
    }

    @Override
    public String toString() {
        switch (kind) {
            case SEQUENCE:
                return "sequence " + sequence + (skip > 0 ? " (skip " + skip + ")" : "");
            case TIMESTAMP:
                return "time " + timestampMillis;
            default:
                return "earliest";
        }
    }
}
