package io.github.flinkdatahub.connector.source.enumerator.assigner;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.connector.source.split.ShardSplit;

import java.math.BigInteger;

/**
 * Maps the midpoint of a shard's 128-bit hash range onto {@code [0, parallelism)}. Shards cover the
 * key space without overlap, so their midpoints spread like the key space: after a split the two
 * children land on the reader(s) owning their halves, after a merge the child lands in between.
 */
@Internal
final class UniformShardAssigner implements ShardAssigner {
    private static final long serialVersionUID = 1L;
    private static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);

    @Override
    public int assign(ShardSplit split, int parallelism) {
        BigInteger mid =
                new BigInteger(split.beginHashKey(), 16)
                        .add(new BigInteger(split.endHashKey(), 16))
                        .shiftRight(1);
        int reader = mid.multiply(BigInteger.valueOf(parallelism)).divide(KEY_SPACE).intValue();
        return Math.min(Math.max(reader, 0), parallelism - 1);
    }
}
