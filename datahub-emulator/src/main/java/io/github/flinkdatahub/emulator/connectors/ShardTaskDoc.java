package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.model.connector.ConnectorShardState;

/**
 * Where a connector stands on one shard. The position is "deliver {@link #nextSequence} next", or,
 * before the first delivery, "start at {@link #startTime}" (-1: at the oldest record). {@code
 * CurrentSequence} in status answers is {@code nextSequence - 1}: the last delivered record.
 */
public final class ShardTaskDoc {
    /**
     * Bumped by reload, reposition and config changes: work started under an older one is
     * discarded.
     */
    public long generation;

    /** The next sequence to deliver; -1 until the position is known. */
    public long nextSequence = -1;

    /**
     * Where to start while {@link #nextSequence} is unknown: system time in ms, -1 for the oldest
     * record.
     */
    public long startTime = -1;

    /** First sequence delivered by the task; -1 before. */
    public long startSequence = -1;

    /** Last sequence of a closed shard read to its end; -1 otherwise. */
    public long endSequence = -1;

    /** System time (ms) of the last delivered record, or the time the task was positioned at. */
    public long currentTimestamp = -1;

    /** A {@link ConnectorShardState} name: PLANNED, EXECUTING, HANG or FINISHED. */
    public String state = ConnectorShardState.CONTEXT_PLANNED.name();

    public String lastErrorMessage;

    /** Records skipped because they expired before delivery. */
    public long discardCount;

    /**
     * Seconds: everything the shard received before this time is delivered; -1 before any progress.
     */
    public long doneTime = -1;

    /** Seconds of the last change. */
    public long updateTime;

    static ShardTaskDoc planned(long sinkStartTime) {
        ShardTaskDoc t = new ShardTaskDoc();
        t.startTime = sinkStartTime < 0 ? -1 : sinkStartTime;
        return t;
    }

    /** Last delivered sequence, as status answers report it. */
    public long currentSequence() {
        return nextSequence < 0 ? -1 : nextSequence - 1;
    }
}
