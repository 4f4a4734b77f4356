package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.ShardBase;

import java.util.List;

/** The two shards created by a split, left then right. */
@PublicEvolving
public final class SplitShardResult {
    private final List<ShardBase> newShards;

    public SplitShardResult(List<ShardBase> newShards) {
        this.newShards = newShards == null ? List.of() : List.copyOf(newShards);
    }

    public List<ShardBase> getNewShards() {
        return newShards;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SplitShardResult)) {
            return false;
        }
        SplitShardResult r = (SplitShardResult) o;
        return java.util.Objects.equals(newShards, r.newShards);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(newShards);
    }

    @Override
    public String toString() {
        return "SplitShardResult{newShards=" + newShards + '}';
    }
}
