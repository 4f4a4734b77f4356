package io.github.flinkdatahub.connector.source.split;

import org.apache.flink.annotation.Internal;

/**
 * The mutable reading progress of a {@link ShardSplit}, advanced by the record emitter as records
 * leave the source, and turned back into a split for checkpoints.
 */
@Internal
public final class ShardSplitState {
    private final ShardSplit split;
    private ShardPosition position;

    /** Last emitted record, for subscription commits: its sequence, batch index and system time. */
    private long lastSequence = -1;

    private int lastBatchIndex;
    private long lastSystemTime = -1;

    public ShardSplitState(ShardSplit split) {
        this.split = split;
        this.position = split.position();
    }

    /**
     * Records that the record at {@code sequence} (index {@code batchIndex} of {@code batchSize})
     * was emitted.
     */
    public void recordEmitted(long sequence, int batchIndex, int batchSize, long systemTime) {
        position =
                batchIndex + 1 >= batchSize
                        ? ShardPosition.sequence(sequence + 1, 0)
                        : ShardPosition.sequence(sequence, batchIndex + 1);
        lastSequence = sequence;
        lastBatchIndex = batchIndex;
        lastSystemTime = systemTime;
    }

    public ShardPosition position() {
        return position;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public int lastBatchIndex() {
        return lastBatchIndex;
    }

    public long lastSystemTime() {
        return lastSystemTime;
    }

    public ShardSplit toSplit() {
        return split.withPosition(position);
    }
}
