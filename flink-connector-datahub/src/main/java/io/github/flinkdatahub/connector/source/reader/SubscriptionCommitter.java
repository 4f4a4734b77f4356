package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.OffsetResetException;
import io.github.flinkdatahub.client.exception.OffsetSessionChangedException;
import io.github.flinkdatahub.client.exception.OffsetSessionClosedException;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.metrics.ShardMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Commits the reader's positions to the DataHub subscription after each completed checkpoint, on
 * its own thread. Flink's state stays the truth: a failed commit is logged and counted, never
 * fatal. Offsets are committed under a session opened per shard; when another consumer opened the
 * shard (session changed/closed) the session is re-opened, and when the offset was reset the new
 * version is fetched, each followed by one retry.
 */
@Internal
final class SubscriptionCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCommitter.class);

    private final DataHubClient client;
    private final String project;
    private final String topic;
    private final String subscriptionId;
    private final DataHubSourceReaderMetrics metrics;
    private final ExecutorService executor;

    /** Checkpoint id → offsets taken at its snapshot (task thread only). */
    private final NavigableMap<Long, Map<String, CommitOffset>> pending = new TreeMap<>();

    /** Shard → session and version, touched only on the commit thread. */
    private final Map<String, OffsetWithSession> sessions = new HashMap<>();

    SubscriptionCommitter(
            DataHubClient client,
            String project,
            String topic,
            String subscriptionId,
            DataHubSourceReaderMetrics metrics) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
        this.metrics = metrics;
        this.executor =
                Executors.newSingleThreadExecutor(
                        new ExecutorThreadFactory("datahub-subscription-commit"));
    }

    /** The last consumed record of a shard: what a subscription offset names. */
    static final class CommitOffset {
        final long sequence;
        final int batchIndex;
        final long timestamp;

        CommitOffset(long sequence, int batchIndex, long timestamp) {
            this.sequence = sequence;
            this.batchIndex = batchIndex;
            this.timestamp = timestamp;
        }
    }

    void snapshot(long checkpointId, Map<String, CommitOffset> offsets) {
        if (!offsets.isEmpty()) {
            pending.put(checkpointId, offsets);
        }
    }

    void checkpointComplete(long checkpointId) {
        Map<String, CommitOffset> merged = new LinkedHashMap<>();
        NavigableMap<Long, Map<String, CommitOffset>> done = pending.headMap(checkpointId, true);
        done.values().forEach(merged::putAll);
        done.clear();
        if (!merged.isEmpty()) {
            executor.execute(() -> commit(merged));
        }
    }

    private void commit(Map<String, CommitOffset> offsets) {
        try {
            openMissingSessions(offsets.keySet());
            try {
                send(offsets);
            } catch (OffsetSessionChangedException | OffsetSessionClosedException e) {
                LOG.info(
                        "Subscription {}: another consumer took the session ({}); re-opening it",
                        subscriptionId,
                        e.getErrorCode());
                sessions.keySet().removeAll(offsets.keySet());
                openMissingSessions(offsets.keySet());
                send(offsets);
            } catch (OffsetResetException e) {
                LOG.info(
                        "Subscription {}: offsets were reset by someone else; refreshing versions",
                        subscriptionId);
                refreshVersions(offsets.keySet());
                send(offsets);
            }
            metrics.commitSucceeded();
            offsets.forEach(
                    (shard, o) -> {
                        ShardMetrics m = metrics.shard(shard);
                        if (m != null) {
                            m.committed(o.sequence);
                        }
                    });
        } catch (DataHubException e) {
            metrics.commitFailed();
            LOG.warn(
                    "Committing offsets of shards {} to subscription {} failed; the job goes on (Flink's checkpoint "
                            + "holds the positions): {}",
                    offsets.keySet(),
                    subscriptionId,
                    e.getMessage());
        } catch (RuntimeException e) {
            metrics.commitFailed();
            LOG.warn(
                    "Committing offsets to subscription {} failed unexpectedly", subscriptionId, e);
        }
    }

    private void openMissingSessions(java.util.Set<String> shards) {
        List<String> missing = new ArrayList<>();
        for (String s : shards) {
            if (!sessions.containsKey(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            sessions.putAll(
                    client.initAndGetSubscriptionOffset(project, topic, subscriptionId, missing)
                            .getOffsets());
        }
    }

    private void refreshVersions(java.util.Set<String> shards) {
        Map<String, OffsetWithVersion> current =
                client.getSubscriptionOffset(
                                project, topic, subscriptionId, new ArrayList<>(shards))
                        .getOffsets();
        current.forEach(
                (shard, o) -> {
                    OffsetWithSession s = sessions.get(shard);
                    if (s != null) {
                        sessions.put(
                                shard,
                                new OffsetWithSession(
                                        o.getSequence(),
                                        o.getTimestamp(),
                                        o.getBatchIndex(),
                                        o.getVersion(),
                                        s.getSessionId()));
                    }
                });
    }

    private void send(Map<String, CommitOffset> offsets) {
        Map<String, OffsetWithSession> commit = new LinkedHashMap<>();
        offsets.forEach(
                (shard, o) -> {
                    OffsetWithSession s = sessions.get(shard);
                    if (s != null) {
                        commit.put(shard, s.withPosition(o.sequence, o.timestamp, o.batchIndex));
                    }
                });
        if (!commit.isEmpty()) {
            client.updateSubscriptionOffset(project, topic, subscriptionId, commit);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
