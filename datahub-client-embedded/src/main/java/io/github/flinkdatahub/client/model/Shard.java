package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.util.List;
import java.util.Objects;

/**
 * A shard as listed by {@code listShard}: range, state, closing time, parents (one after a split,
 * two after a merge) and neighbours by hash order (null when there is none).
 */
@PublicEvolving
public final class Shard extends ShardBase {
    private final ShardState state;
    private final long closedTime;
    private final long createTime;
    private final List<String> parentShardIds;
    private final String leftShardId;
    private final String rightShardId;

    public Shard(
            String shardId,
            String beginHashKey,
            String endHashKey,
            ShardState state,
            long closedTime,
            List<String> parentShardIds,
            String leftShardId,
            String rightShardId) {
        this(
                shardId,
                beginHashKey,
                endHashKey,
                state,
                0,
                closedTime,
                parentShardIds,
                leftShardId,
                rightShardId);
    }

    /** {@code createTime} and {@code closedTime} as sent by the service (0 when absent). */
    public Shard(
            String shardId,
            String beginHashKey,
            String endHashKey,
            ShardState state,
            long createTime,
            long closedTime,
            List<String> parentShardIds,
            String leftShardId,
            String rightShardId) {
        super(shardId, beginHashKey, endHashKey);
        this.state = state;
        this.createTime = createTime;
        this.closedTime = closedTime;
        this.parentShardIds = parentShardIds == null ? List.of() : List.copyOf(parentShardIds);
        this.leftShardId = leftShardId;
        this.rightShardId = rightShardId;
    }

    public ShardState getState() {
        return state;
    }

    /** When the shard was created (as sent by the service); 0 when the answer had none. */
    public long getCreateTime() {
        return createTime;
    }

    /** When the shard was closed (as sent by the service); 0 when it is not closed. */
    public long getClosedTime() {
        return closedTime;
    }

    public List<String> getParentShardIds() {
        return parentShardIds;
    }

    public String getLeftShardId() {
        return leftShardId;
    }

    public String getRightShardId() {
        return rightShardId;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        Shard s = (Shard) o;
        return closedTime == s.closedTime
                && createTime == s.createTime
                && state == s.state
                && parentShardIds.equals(s.parentShardIds)
                && Objects.equals(leftShardId, s.leftShardId)
                && Objects.equals(rightShardId, s.rightShardId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                super.hashCode(),
                state,
                createTime,
                closedTime,
                parentShardIds,
                leftShardId,
                rightShardId);
    }

    @Override
    public String toString() {
        return "Shard{shardId="
                + getShardId()
                + ", state="
                + state
                + ", range=["
                + getBeginHashKey()
                + ", "
                + getEndHashKey()
                + "), parents="
                + parentShardIds
                + ", left="
                + leftShardId
                + ", right="
                + rightShardId
                + (closedTime > 0 ? ", closedTime=" + closedTime : "")
                + '}';
    }
}
