package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A writer's view of a topic's shards: read at start, again every refresh interval and right after
 * a write hit a closed shard. Used from the writer's task thread only.
 */
@Internal
public final class ShardTable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardTable.class);

    private static final BigInteger MAX_KEY =
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final DataHubClient client;
    private final String project;
    private final String topic;
    private final long refreshIntervalNanos;
    private List<Shard> shards = List.of();
    private List<Shard> active = List.of();
    private long refreshedAtNanos;
    private boolean stale = true;
    private int nextActive;

    /**
     * {@code roundRobinStart} spreads the writers of a job over the shards (e.g. the subtask
     * index).
     */
    public ShardTable(
            DataHubClient client,
            String project,
            String topic,
            Duration refreshInterval,
            int roundRobinStart) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.refreshIntervalNanos = refreshInterval.toNanos();
        this.nextActive = Math.max(0, roundRobinStart);
    }

    /** Lists the shards now; a failure is thrown and the previous list stays. */
    public void refresh() {
        refresh(client);
    }

    /**
     * Lists the shards now through {@code lister}, e.g. a client that retries, for the first list a
     * writer cannot start without.
     */
    public void refresh(DataHubClient lister) {
        List<Shard> listed = new ArrayList<>(lister.listShard(project, topic).getShards());
        listed.sort(Comparator.comparingLong(s -> Long.parseLong(s.getShardId())));
        List<String> before = active.stream().map(Shard::getShardId).collect(Collectors.toList());
        shards = List.copyOf(listed);
        active =
                listed.stream()
                        .filter(s -> s.getState() == ShardState.ACTIVE)
                        .collect(Collectors.toUnmodifiableList());
        refreshedAtNanos = System.nanoTime();
        stale = false;
        List<String> after = active.stream().map(Shard::getShardId).collect(Collectors.toList());
        if (!after.equals(before)) {
            LOG.info(
                    "Active shards of DataHub topic {}/{}: {} (were {})",
                    project,
                    topic,
                    after,
                    before);
        }
    }

    /**
     * Refreshes when the list is stale or old. A retryable failure keeps the old list (the next
     * call tries again); other failures are thrown.
     */
    public void refreshIfDue() {
        if (!stale && System.nanoTime() - refreshedAtNanos < refreshIntervalNanos) {
            return;
        }
        try {
            refresh();
        } catch (DataHubException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            LOG.warn(
                    "Listing the shards of DataHub topic {}/{} failed, keeping the previous list: {}",
                    project,
                    topic,
                    e.getMessage());
        }
    }

    /** Marks the list out of date, e.g. after a write hit a closed shard. */
    public void markStale() {
        stale = true;
    }

    public List<Shard> shards() {
        return shards;
    }

    public List<Shard> activeShards() {
        return active;
    }

    @Nullable
    public Shard find(String shardId) {
        for (Shard s : shards) {
            if (s.getShardId().equals(shardId)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The next ACTIVE shard in turn; when none is active (children still opening), any shard on its
     * way to or from ACTIVE, so the write is answered "not ready" and retried. Null when there is
     * none. A shard in a state this client does not know is never written to.
     */
    @Nullable
    public String nextActiveShard() {
        List<Shard> candidates = active.isEmpty() ? awaitingWrites() : active;
        if (candidates.isEmpty()) {
            return null;
        }
        Shard s = candidates.get(Math.floorMod(nextActive++, candidates.size()));
        return s.getShardId();
    }

    /**
     * The shard that is not closed and whose range holds {@code hashKey}, preferring an ACTIVE one;
     * null if none is listed. A shard in a state this client does not know is never chosen.
     */
    @Nullable
    public Shard openShardHolding(String hashKey) {
        BigInteger key = new BigInteger(hashKey, 16);
        Shard opening = null;
        for (Shard s : shards) {
            if (!awaitsWrites(s) || !holds(s, key)) {
                continue;
            }
            if (s.getState() == ShardState.ACTIVE) {
                return s;
            }
            opening = s;
        }
        return opening;
    }

    private static boolean holds(Shard s, BigInteger key) {
        BigInteger begin = new BigInteger(s.getBeginHashKey(), 16);
        BigInteger end = new BigInteger(s.getEndHashKey(), 16);
        // Ranges are [begin, end), but the last shard ends at FF..FF and owns that key too.
        return key.compareTo(begin) >= 0
                && (key.compareTo(end) < 0 || key.equals(MAX_KEY) && end.equals(MAX_KEY));
    }

    private List<Shard> awaitingWrites() {
        return shards.stream().filter(ShardTable::awaitsWrites).collect(Collectors.toList());
    }

    /**
     * Neither CLOSED nor UNKNOWN: a write to it succeeds or is answered "not ready". Nothing is
     * known of an UNKNOWN state (a newer service's), so it is not written to; nor is it taken as
     * closed, which would move writes to other shards.
     */
    private static boolean awaitsWrites(Shard s) {
        return s.getState() != ShardState.CLOSED && s.getState() != ShardState.UNKNOWN;
    }

    public String topicPath() {
        return project + "/" + topic;
    }
}
