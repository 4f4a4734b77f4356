package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A shard's id and its hash-key range {@code [beginHashKey, endHashKey)}, keys being 128-bit values
 * written as 32 upper-case hex digits.
 */
@PublicEvolving
public class ShardBase {
    private final String shardId;
    private final String beginHashKey;
    private final String endHashKey;

    public ShardBase(String shardId, String beginHashKey, String endHashKey) {
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

    /** Whether the 128-bit key (32 hex digits) lies in this shard's range. */
    public boolean containsHashKey(String hashKey) {
        BigInteger k = new BigInteger(hashKey, 16);
        return k.compareTo(new BigInteger(beginHashKey, 16)) >= 0
                && k.compareTo(new BigInteger(endHashKey, 16)) < 0;
    }

    @Override
    public boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        ShardBase s = (ShardBase) o;
        return Objects.equals(shardId, s.shardId)
                && Objects.equals(beginHashKey, s.beginHashKey)
                && Objects.equals(endHashKey, s.endHashKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, beginHashKey, endHashKey);
    }

    @Override
    public String toString() {
        return "ShardBase{shardId="
                + shardId
                + ", range=["
                + beginHashKey
                + ", "
                + endHashKey
                + ")}";
    }
}
