package io.github.flinkdatahub.connector.source.enumerator.assigner;

import org.apache.flink.annotation.PublicEvolving;

import io.github.flinkdatahub.connector.source.split.ShardSplit;

import java.io.Serializable;

/** Chooses the reader (subtask) a shard split goes to. */
@PublicEvolving
public interface ShardAssigner extends Serializable {

    /** The subtask, in {@code [0, parallelism)}, that should read {@code split}. */
    int assign(ShardSplit split, int parallelism);

    /**
     * Spreads shards by the midpoint of their hash range, so shards stay even after splits and
     * merges.
     */
    static ShardAssigner uniform() {
        return new UniformShardAssigner();
    }
}
