package io.github.flinkdatahub.connector.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;
import java.util.Objects;

/**
 * One DataHub shard as a Flink split: where it starts, where it stops (bounded mode), its hash
 * range and its parents. Immutable; stored in Flink state (checkpoints and savepoints) by {@link
 * ShardSplitSerializer}, so a new field needs a new version there that still reads the old ones. A
 * split marked {@link #isFinished() finished} was read to its end but its end is not yet covered by
 * a completed checkpoint (see the reader).
 */
@Internal
public final class ShardSplit implements SourceSplit {
    /** No stop sequence or time: read until the shard closes. */
    public static final long NO_STOP = Long.MAX_VALUE;

    private final String shardId;
    private final ShardPosition position;
    private final List<String> parentShardIds;
    private final String beginHashKey;
    private final String endHashKey;
    private final long stopSequence;
    private final long stopTimestampMillis;
    private final boolean finished;

    public ShardSplit(
            String shardId,
            ShardPosition position,
            List<String> parentShardIds,
            String beginHashKey,
            String endHashKey,
            long stopSequence,
            long stopTimestampMillis,
            boolean finished) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.position = Objects.requireNonNull(position, "position");
        this.parentShardIds = List.copyOf(parentShardIds);
        this.beginHashKey = Objects.requireNonNull(beginHashKey, "beginHashKey");
        this.endHashKey = Objects.requireNonNull(endHashKey, "endHashKey");
        this.stopSequence = stopSequence;
        this.stopTimestampMillis = stopTimestampMillis;
        this.finished = finished;
    }

    @Override
    public String splitId() {
        return shardId;
    }

    public String shardId() {
        return shardId;
    }

    public ShardPosition position() {
        return position;
    }

    public List<String> parentShardIds() {
        return parentShardIds;
    }

    public String beginHashKey() {
        return beginHashKey;
    }

    public String endHashKey() {
        return endHashKey;
    }

    /** Sequences at and after this one are not read (bounded mode); {@link #NO_STOP} otherwise. */
    public long stopSequence() {
        return stopSequence;
    }

    /** Records received after this time are not read (bounded mode); {@link #NO_STOP} otherwise. */
    public long stopTimestampMillis() {
        return stopTimestampMillis;
    }

    public boolean isBounded() {
        return stopSequence != NO_STOP || stopTimestampMillis != NO_STOP;
    }

    public boolean isFinished() {
        return finished;
    }

    public ShardSplit withPosition(ShardPosition newPosition) {
        return new ShardSplit(
                shardId,
                newPosition,
                parentShardIds,
                beginHashKey,
                endHashKey,
                stopSequence,
                stopTimestampMillis,
                finished);
    }

    public ShardSplit asFinished() {
        return new ShardSplit(
                shardId,
                position,
                parentShardIds,
                beginHashKey,
                endHashKey,
                stopSequence,
                stopTimestampMillis,
                true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardSplit)) {
            return false;
        }
        ShardSplit s = (ShardSplit) o;
        return stopSequence == s.stopSequence
                && stopTimestampMillis == s.stopTimestampMillis
                && finished == s.finished
                && shardId.equals(s.shardId)
                && position.equals(s.position)
                && parentShardIds.equals(s.parentShardIds)
                && beginHashKey.equals(s.beginHashKey)
                && endHashKey.equals(s.endHashKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                shardId, position, parentShardIds, stopSequence, stopTimestampMillis, finished);
    }

    @Override
    public String toString() {
        return "ShardSplit{shard="
                + shardId
                + ", from "
                + position
                + (parentShardIds.isEmpty() ? "" : ", parents=" + parentShardIds)
                + (stopSequence != NO_STOP ? ", stopSequence=" + stopSequence : "")
                + (stopTimestampMillis != NO_STOP ? ", stopTime=" + stopTimestampMillis : "")
                + (finished ? ", finished" : "")
                + '}';
    }
}
