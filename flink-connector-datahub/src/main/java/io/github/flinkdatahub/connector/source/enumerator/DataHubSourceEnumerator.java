package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker;
import io.github.flinkdatahub.connector.source.event.SplitsFinishedEvent;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Discovers shards, tracks them and hands them to readers: discovery (a full {@code listShard} on a
 * timer) → {@link SplitTracker} (lineage gate) → {@link ShardAssigner} (which reader). Splits are
 * assigned only once every reader has registered, so the assigner sees the real parallelism.
 */
@Internal
public final class DataHubSourceEnumerator implements SplitEnumerator<ShardSplit, EnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSourceEnumerator.class);

    private final SplitEnumeratorContext<ShardSplit> context;
    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    private final String subscriptionId;
    private final StartingPosition start;
    @Nullable private final StoppingPosition stop;
    private final Duration discoveryInterval;
    private final ShardAssigner assigner;
    private final SplitTracker tracker;
    private final Set<Integer> noMoreSplitsSignalled = new HashSet<>();

    private volatile boolean initialDiscoveryDone;

    /**
     * Whether this job takes checkpoints (one was taken or restored from). Until then a finish is
     * final at once; after, it waits for a completed checkpoint (see {@link SplitTracker}).
     */
    private boolean checkpointing;

    /**
     * Shards of this run's latest listing; null until the first one. A restored tracker cannot tell
     * a parent still being read from an expired one without a listing, so nothing is assigned
     * before.
     */
    @Nullable private Set<String> listedShardIds;

    private DataHubClient client;

    public DataHubSourceEnumerator(
            SplitEnumeratorContext<ShardSplit> context,
            DataHubConnection connection,
            String project,
            String topic,
            @Nullable String subscriptionId,
            StartingPosition start,
            @Nullable StoppingPosition stop,
            Duration discoveryInterval,
            ShardAssigner assigner,
            EnumeratorState state) {
        this.context = context;
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
        this.start = start;
        this.stop = stop;
        this.discoveryInterval = discoveryInterval;
        this.assigner = assigner;
        this.tracker = new SplitTracker(state.splits());
        this.initialDiscoveryDone = state.initialDiscoveryDone();
        this.checkpointing = !state.equals(EnumeratorState.initial());
    }

    @Override
    public void start() {
        client = connection.openClient();
        if (stop != null) {
            // Bounded: the shards at start are all there is to read.
            context.callAsync(this::discover, this::onDiscovery);
        } else {
            context.callAsync(this::discover, this::onDiscovery, 0, discoveryInterval.toMillis());
        }
    }

    /**
     * Lists the shards (worker thread); on the first discovery also resolves starting positions.
     */
    private Discovery discover() {
        List<Shard> shards = client.listShard(project, topic).getShards();
        List<ShardSplit> initial =
                initialDiscoveryDone
                        ? null
                        : new ShardPositionResolver(client, project, topic, subscriptionId)
                                .initialSplits(shards, start, stop);
        return new Discovery(shards, initial);
    }

    private void onDiscovery(Discovery discovery, Throwable error) {
        if (error != null) {
            if (!initialDiscoveryDone || stop != null) {
                // Bounded mode lists once and assigns nothing without a listing: fail so the job
                // restarts.
                throw new IllegalStateException(
                        "Cannot list the shards of DataHub topic "
                                + project
                                + "/"
                                + topic
                                + " to start reading: "
                                + error.getMessage(),
                        error);
            }
            LOG.warn(
                    "Shard discovery of {}/{} failed; will retry in {}",
                    project,
                    topic,
                    discoveryInterval,
                    error);
            return;
        }
        listedShardIds =
                discovery.shards.stream().map(Shard::getShardId).collect(Collectors.toSet());
        if (discovery.initialSplits != null && !initialDiscoveryDone) {
            tracker.addDiscovered(discovery.initialSplits);
            initialDiscoveryDone = true;
            LOG.info(
                    "Initial discovery of {}/{}: {} shards, starting at {}{}",
                    project,
                    topic,
                    discovery.initialSplits.size(),
                    start,
                    stop == null ? "" : ", stopping at " + stop);
        } else if (stop == null) {
            List<ShardSplit> later = new ArrayList<>();
            for (Shard shard : discovery.shards) {
                if (!tracker.isKnown(shard.getShardId())) {
                    later.add(ShardPositionResolver.laterSplit(shard));
                }
            }
            tracker.addDiscovered(later);
            tracker.forgetExpired(listedShardIds);
        }
        assignPending();
    }

    private void assignPending() {
        if (listedShardIds == null) {
            LOG.debug(
                    "Waiting for the first shard listing of {}/{} before assigning",
                    project,
                    topic);
            return;
        }
        int parallelism = context.currentParallelism();
        if (context.registeredReaders().size() < parallelism) {
            LOG.debug("Waiting for all {} readers to register before assigning", parallelism);
            return;
        }
        Map<Integer, List<ShardSplit>> assignment = new HashMap<>();
        for (ShardSplit split : tracker.assignable(listedShardIds)) {
            int reader = assigner.assign(split, parallelism);
            assignment.computeIfAbsent(reader, r -> new ArrayList<>()).add(split);
            tracker.markAssigned(split.splitId());
            LOG.info(
                    "Assigning shard {} (parents {}) to reader {}",
                    split.shardId(),
                    split.parentShardIds(),
                    reader);
        }
        if (!assignment.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
        signalNoMoreSplitsIfBoundedAndDone();
    }

    private void signalNoMoreSplitsIfBoundedAndDone() {
        if (stop == null || !initialDiscoveryDone) {
            return;
        }
        boolean anyUnassigned =
                tracker.snapshot().values().stream()
                        .anyMatch(s -> s == SplitTracker.Status.UNASSIGNED);
        if (anyUnassigned) {
            return;
        }
        for (int reader : context.registeredReaders().keySet()) {
            if (noMoreSplitsSignalled.add(reader)) {
                context.signalNoMoreSplits(reader);
            }
        }
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof SplitsFinishedEvent) {
            List<String> ids = ((SplitsFinishedEvent) event).shardIds();
            List<String> newly =
                    checkpointing
                            ? tracker.markFinishedUnconfirmed(ids, subtaskId)
                            : tracker.markFinished(ids);
            if (!newly.isEmpty()) {
                LOG.info("Reader {} finished shards {}", subtaskId, newly);
            }
            assignPending();
        } else {
            LOG.warn("Ignoring unknown source event {} from reader {}", event, subtaskId);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed on discovery; readers never ask.
    }

    @Override
    public void addSplitsBack(List<ShardSplit> splits, int subtaskId) {
        LOG.info(
                "Reader {} gave back shards {}",
                subtaskId,
                splits.stream().map(ShardSplit::shardId).collect(Collectors.toList()));
        // Flink calls this on every reader restore, with the splits assigned since its checkpoint.
        tracker.readerReset(subtaskId, splits);
        noMoreSplitsSignalled.remove(subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        LOG.debug("Reader {} registered", subtaskId);
        assignPending();
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        checkpointing = true;
        tracker.checkpointTaken(checkpointId);
        return new EnumeratorState(tracker.snapshot(), initialDiscoveryDone);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (tracker.checkpointCompleted(checkpointId)) {
            assignPending();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    @VisibleForTesting
    SplitTracker tracker() {
        return tracker;
    }

    /** What one discovery found. */
    private static final class Discovery {
        final List<Shard> shards;
        @Nullable final List<ShardSplit> initialSplits;

        Discovery(List<Shard> shards, @Nullable List<ShardSplit> initialSplits) {
            this.shards = shards;
            this.initialSplits = initialSplits;
        }
    }
}
