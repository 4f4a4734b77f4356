package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.source.event.SplitsFinishedEvent;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitState;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The source reader. Beyond {@link SingleThreadMultiplexSourceReaderBase} it keeps finished splits
 * durable: a split read to its end stays in the reader's snapshots (marked finished) until a
 * checkpoint containing it completes, and after a restore its finished event is sent again. So a
 * crash between "shard finished" and the next completed checkpoint cannot leave the enumerator
 * believing the shard is still being read (and its children blocked) nor lose its tail. It also
 * hands positions to the subscription committer.
 */
@Internal
public final class DataHubSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<Record, T, ShardSplit, ShardSplitState> {

    private final Map<String, ShardSplitState> states = new HashMap<>();
    private final Map<String, ShardSplit> finishedNotCheckpointed = new LinkedHashMap<>();
    private final Map<String, SubscriptionCommitter.CommitOffset> finishedOffsets = new HashMap<>();
    private final NavigableMap<Long, Set<String>> finishedInCheckpoint = new TreeMap<>();
    private final DataHubSourceReaderMetrics metrics;
    @Nullable private final SubscriptionCommitter committer;
    @Nullable private final DataHubClient commitClient;

    DataHubSourceReader(
            Supplier<SplitReader<Record, ShardSplit>> splitReaderSupplier,
            RecordEmitter<Record, T, ShardSplitState> emitter,
            Configuration config,
            SourceReaderContext context,
            DataHubSourceReaderMetrics metrics,
            @Nullable SubscriptionCommitter committer,
            @Nullable DataHubClient commitClient) {
        super(splitReaderSupplier, emitter, config, context);
        this.metrics = metrics;
        this.committer = committer;
        this.commitClient = commitClient;
    }

    @Override
    public void addSplits(List<ShardSplit> splits) {
        List<ShardSplit> active = new ArrayList<>();
        List<String> alreadyFinished = new ArrayList<>();
        for (ShardSplit s : splits) {
            if (s.isFinished()) {
                finishedNotCheckpointed.put(s.splitId(), s);
                alreadyFinished.add(s.splitId());
            } else {
                active.add(s);
            }
        }
        if (!alreadyFinished.isEmpty()) {
            context.sendSourceEventToCoordinator(new SplitsFinishedEvent(alreadyFinished));
        }
        if (!active.isEmpty()) {
            super.addSplits(active);
        }
    }

    @Override
    protected ShardSplitState initializedState(ShardSplit split) {
        ShardSplitState state = new ShardSplitState(split);
        states.put(split.splitId(), state);
        metrics.register(split.splitId());
        return state;
    }

    @Override
    protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, ShardSplitState> finished) {
        List<String> ids = new ArrayList<>(finished.keySet());
        finished.forEach(
                (id, state) -> {
                    finishedNotCheckpointed.put(id, state.toSplit().asFinished());
                    SubscriptionCommitter.CommitOffset o = commitOffset(state);
                    if (o != null) {
                        finishedOffsets.put(id, o);
                    }
                    states.remove(id);
                    metrics.unregister(id);
                });
        context.sendSourceEventToCoordinator(new SplitsFinishedEvent(ids));
    }

    @Override
    public List<ShardSplit> snapshotState(long checkpointId) {
        List<ShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedNotCheckpointed.values());
        if (!finishedNotCheckpointed.isEmpty()) {
            finishedInCheckpoint.put(checkpointId, new HashSet<>(finishedNotCheckpointed.keySet()));
        }
        if (committer != null) {
            Map<String, SubscriptionCommitter.CommitOffset> offsets =
                    new HashMap<>(finishedOffsets);
            states.forEach(
                    (id, state) -> {
                        SubscriptionCommitter.CommitOffset o = commitOffset(state);
                        if (o != null) {
                            offsets.put(id, o);
                        }
                    });
            committer.snapshot(checkpointId, offsets);
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        NavigableMap<Long, Set<String>> covered = finishedInCheckpoint.headMap(checkpointId, true);
        covered.values()
                .forEach(
                        ids ->
                                ids.forEach(
                                        id -> {
                                            finishedNotCheckpointed.remove(id);
                                            finishedOffsets.remove(id);
                                        }));
        covered.clear();
        if (committer != null) {
            committer.checkpointComplete(checkpointId);
        }
    }

    /** The last record consumed in this run, or null when nothing was read yet. */
    @Nullable
    private static SubscriptionCommitter.CommitOffset commitOffset(ShardSplitState state) {
        return state.lastSequence() < 0
                ? null
                : new SubscriptionCommitter.CommitOffset(
                        state.lastSequence(), state.lastBatchIndex(), state.lastSystemTime());
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (committer != null) {
                committer.close();
            }
            if (commitClient != null) {
                commitClient.close();
            }
        }
    }
}
