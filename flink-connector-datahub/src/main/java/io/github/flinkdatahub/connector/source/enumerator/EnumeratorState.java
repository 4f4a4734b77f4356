package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker;
import io.github.flinkdatahub.connector.source.split.ShardSplit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The enumerator's checkpointed state: every tracked split with its status, and whether the first
 * discovery (which resolves the starting positions) has happened. Stored in Flink state
 * (checkpoints and savepoints) by {@link EnumeratorStateSerializer}: a change of what it holds
 * needs a new version there that still reads the old ones.
 */
@Internal
public final class EnumeratorState {
    private final Map<ShardSplit, SplitTracker.Status> splits;
    private final boolean initialDiscoveryDone;

    public EnumeratorState(
            Map<ShardSplit, SplitTracker.Status> splits, boolean initialDiscoveryDone) {
        this.splits = new LinkedHashMap<>(splits);
        this.initialDiscoveryDone = initialDiscoveryDone;
    }

    public static EnumeratorState initial() {
        return new EnumeratorState(Map.of(), false);
    }

    public Map<ShardSplit, SplitTracker.Status> splits() {
        return splits;
    }

    public boolean initialDiscoveryDone() {
        return initialDiscoveryDone;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumeratorState
                && splits.equals(((EnumeratorState) o).splits)
                && initialDiscoveryDone == ((EnumeratorState) o).initialDiscoveryDone;
    }

    @Override
    public int hashCode() {
        return splits.hashCode() * 31 + Boolean.hashCode(initialDiscoveryDone);
    }

    @Override
    public String toString() {
        return "EnumeratorState{splits="
                + splits
                + ", initialDiscoveryDone="
                + initialDiscoveryDone
                + '}';
    }
}
