package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** The shard created by a merge. */
@PublicEvolving
public final class MergeShardResult {
    private final String shardId;
    private final String beginHashKey;
    private final String endHashKey;

    public MergeShardResult(String shardId, String beginHashKey, String endHashKey) {
        this.shardId = shardId;
        this.beginHashKey = beginHashKey;
        this.endHashKey = endHashKey;
    }

    public String getShardId() {
        return shardId;
    }

    public String getBeginHashKey() {
        return beginHashKey;
    }

    public String getEndHashKey() {
        return endHashKey;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MergeShardResult)) {
            return false;
        }
        MergeShardResult r = (MergeShardResult) o;
        return java.util.Objects.equals(shardId, r.shardId)
                && java.util.Objects.equals(beginHashKey, r.beginHashKey)
                && java.util.Objects.equals(endHashKey, r.endHashKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(shardId, beginHashKey, endHashKey);
    }

    @Override
    public String toString() {
        return "MergeShardResult{shardId="
                + shardId
                + ", beginHashKey="
                + beginHashKey
                + ", endHashKey="
                + endHashKey
                + '}';
    }
}
