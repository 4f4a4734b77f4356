package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.Objects;

/**
 * Progress of a connector in one shard as listed by {@code getConnector} (deprecated by the service
 * in favour of the shard status; still sent). Sequences are -1 when unknown.
 */
@PublicEvolving
public final class ShardContext {
    private final String shardId;
    private final long startSequence;
    private final long endSequence;
    private final long currentSequence;

    public ShardContext(
            String shardId, long startSequence, long endSequence, long currentSequence) {
        this.shardId = shardId;
        this.startSequence = startSequence;
        this.endSequence = endSequence;
        this.currentSequence = currentSequence;
    }

    public String getShardId() {
        return shardId;
    }

    public long getStartSequence() {
        return startSequence;
    }

    public long getEndSequence() {
        return endSequence;
    }

    public long getCurrentSequence() {
        return currentSequence;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardContext)) {
            return false;
        }
        ShardContext c = (ShardContext) o;
        return Objects.equals(shardId, c.shardId)
                && startSequence == c.startSequence
                && endSequence == c.endSequence
                && currentSequence == c.currentSequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, startSequence, endSequence, currentSequence);
    }

    @Override
    public String toString() {
        return "ShardContext{shardId="
                + shardId
                + ", startSequence="
                + startSequence
                + ", endSequence="
                + endSequence
                + ", currentSequence="
                + currentSequence
                + '}';
    }
}
