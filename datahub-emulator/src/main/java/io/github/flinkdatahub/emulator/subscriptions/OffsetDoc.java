package io.github.flinkdatahub.emulator.subscriptions;

/**
 * The offset of one subscription on one shard, keyed {@code project/topic/subId/shardId}. A shard
 * without a document has never been committed, reset or opened.
 */
public final class OffsetDoc {
    /** Sequence and system time (ms) of the last consumed record; -1 when nothing was committed. */
    public long sequence = -1;

    public long timestamp = -1;
    public int batchIndex;

    /**
     * Incremented by every reset, so commits made from an offset read before the reset are refused.
     */
    public long version;

    /** The session of the latest open; -1 when the shard was never opened. */
    public long sessionId = -1;
}
