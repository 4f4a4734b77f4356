package io.github.flinkdatahub.connector.source.enumerator.tracker;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Knows every shard split of the source and whether it is UNASSIGNED, ASSIGNED or FINISHED, and
 * enforces lineage: a child shard becomes assignable only when each parent is FINISHED or no longer
 * exists (expired out of the listing), so all records of a parent are read before any of its
 * children. Lives in the enumerator and in its checkpointed state; not thread-safe (the enumerator
 * calls it from its single coordinator thread).
 *
 * <p>In a checkpointed job a reader's report "finished" is <em>unconfirmed</em> until a checkpoint
 * taken after it completes: a reader restored alone (region failover) to an earlier checkpoint
 * reads the shard's tail again, so its children must not have started. An unconfirmed finish blocks
 * children and is undone by {@link #readerReset}.
 */
@Internal
public final class SplitTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SplitTracker.class);

    /** Where a split stands. */
    public enum Status {
        UNASSIGNED,
        ASSIGNED,
        FINISHED
    }

    private final Map<String, ShardSplit> splits = new LinkedHashMap<>();
    private final Map<String, Status> status = new LinkedHashMap<>();

    /**
     * FINISHED splits not yet covered by a completed checkpoint, with the reader that finished
     * them.
     */
    private final Map<String, Integer> unconfirmed = new HashMap<>();

    /** Unconfirmed finishes by the first checkpoint taken after them. */
    private final NavigableMap<Long, Set<String>> coveredByCheckpoint = new TreeMap<>();

    public SplitTracker() {}

    /** Restores from a snapshot taken by {@link #snapshot()}. */
    public SplitTracker(Map<ShardSplit, Status> snapshot) {
        snapshot.forEach(
                (split, s) -> {
                    splits.put(split.splitId(), split);
                    status.put(split.splitId(), s);
                });
    }

    public boolean isKnown(String shardId) {
        return splits.containsKey(shardId);
    }

    public Status status(String shardId) {
        return status.get(shardId);
    }

    /** Adds newly discovered splits as UNASSIGNED; splits already known are left as they are. */
    public List<ShardSplit> addDiscovered(Collection<ShardSplit> discovered) {
        List<ShardSplit> added = new ArrayList<>();
        for (ShardSplit s : discovered) {
            if (!splits.containsKey(s.splitId())) {
                splits.put(s.splitId(), s);
                status.put(s.splitId(), Status.UNASSIGNED);
                added.add(s);
                LOG.info(
                        "Discovered shard {} (parents {}, range [{}, {}), start at {})",
                        s.shardId(),
                        s.parentShardIds(),
                        s.beginHashKey(),
                        s.endHashKey(),
                        s.position());
            }
        }
        return added;
    }

    /**
     * UNASSIGNED splits whose parents are all FINISHED or gone; {@code listedShardIds} are the
     * shards the service still lists (a parent tracked but no longer listed has expired).
     */
    public List<ShardSplit> assignable(Set<String> listedShardIds) {
        List<ShardSplit> ready = new ArrayList<>();
        for (ShardSplit s : splits.values()) {
            if (status.get(s.splitId()) != Status.UNASSIGNED) {
                continue;
            }
            String blockingParent = null;
            for (String parent : s.parentShardIds()) {
                Status ps = status.get(parent);
                boolean gone = ps == null || !listedShardIds.contains(parent);
                boolean finished = ps == Status.FINISHED && !unconfirmed.containsKey(parent);
                if (!finished && !gone) {
                    blockingParent = parent;
                    break;
                }
            }
            if (blockingParent == null) {
                ready.add(s);
            } else {
                LOG.debug(
                        "Shard {} waits for parent {} ({})",
                        s.shardId(),
                        blockingParent,
                        status.get(blockingParent));
            }
        }
        return ready;
    }

    public void markAssigned(String shardId) {
        if (status.containsKey(shardId)) {
            status.put(shardId, Status.ASSIGNED);
        }
    }

    /**
     * Marks splits FINISHED for good (no checkpoint to confirm against). Unknown ids and repeated
     * reports are ignored (a reader re-sends its finished splits after a restore). Returns the ids
     * that were newly finished.
     */
    public List<String> markFinished(Collection<String> shardIds) {
        return markFinished(shardIds, null);
    }

    /**
     * Marks splits FINISHED by {@code reader}, unconfirmed until a checkpoint taken after this call
     * completes (see {@link #checkpointTaken}, {@link #checkpointCompleted}).
     */
    public List<String> markFinishedUnconfirmed(Collection<String> shardIds, int reader) {
        return markFinished(shardIds, reader);
    }

    private List<String> markFinished(Collection<String> shardIds, @Nullable Integer reader) {
        List<String> newly = new ArrayList<>();
        for (String id : shardIds) {
            Status s = status.get(id);
            if (s == null) {
                LOG.info("Ignoring finish of unknown shard {}", id);
            } else if (s == Status.FINISHED) {
                LOG.debug("Shard {} was already finished", id);
            } else {
                status.put(id, Status.FINISHED);
                newly.add(id);
                if (reader == null) {
                    LOG.info("Shard {} finished; children may now be assigned", id);
                } else {
                    unconfirmed.put(id, reader);
                    LOG.info(
                            "Shard {} finished by reader {}; children wait for the next completed checkpoint",
                            id,
                            reader);
                }
            }
        }
        return newly;
    }

    /** A checkpoint was taken: it covers every finish reported so far. */
    public void checkpointTaken(long checkpointId) {
        Set<String> covered = new HashSet<>(unconfirmed.keySet());
        coveredByCheckpoint.values().forEach(covered::removeAll);
        if (!covered.isEmpty()) {
            coveredByCheckpoint.put(checkpointId, covered);
        }
    }

    /**
     * Confirms the finishes covered by this checkpoint or earlier ones; true if any was confirmed.
     */
    public boolean checkpointCompleted(long checkpointId) {
        NavigableMap<Long, Set<String>> done = coveredByCheckpoint.headMap(checkpointId, true);
        boolean any = false;
        for (Set<String> ids : done.values()) {
            for (String id : ids) {
                any |= unconfirmed.remove(id) != null;
                LOG.info(
                        "Shard {} finish confirmed by checkpoint {}; children may now be assigned",
                        id,
                        checkpointId);
            }
        }
        done.clear();
        return any;
    }

    /**
     * A reader was restored to the last completed checkpoint: its unconfirmed finishes are undone
     * (it reads those shards again from its restored state), and the splits Flink gives back (those
     * assigned to it after that checkpoint) return to the pool.
     */
    public void readerReset(int reader, Collection<ShardSplit> returned) {
        List<String> undone = new ArrayList<>();
        unconfirmed.forEach(
                (id, r) -> {
                    if (r == reader) {
                        undone.add(id);
                    }
                });
        for (String id : undone) {
            unconfirmed.remove(id);
            coveredByCheckpoint.values().forEach(ids -> ids.remove(id));
            status.put(id, Status.ASSIGNED);
            LOG.info(
                    "Shard {}: finish by reader {} undone, the reader was restored to an earlier checkpoint",
                    id,
                    reader);
        }
        coveredByCheckpoint.values().removeIf(Set::isEmpty);
        addBack(returned);
    }

    /** Splits given back by a failed reader return to the pool with the positions they carry. */
    public void addBack(Collection<ShardSplit> returned) {
        for (ShardSplit s : returned) {
            if (status.get(s.splitId()) == Status.FINISHED) {
                continue;
            }
            splits.put(s.splitId(), s);
            status.put(s.splitId(), s.isFinished() ? Status.FINISHED : Status.UNASSIGNED);
            LOG.info("Shard {} returned to the pool at {}", s.shardId(), s.position());
        }
    }

    /**
     * Forgets FINISHED splits whose shard is no longer listed (expired), so state does not grow
     * forever. Their children then see them as gone, which also unblocks them.
     */
    public void forgetExpired(Set<String> listedShardIds) {
        List<String> expired = new ArrayList<>();
        status.forEach(
                (id, s) -> {
                    if (s == Status.FINISHED
                            && !unconfirmed.containsKey(id)
                            && !listedShardIds.contains(id)) {
                        expired.add(id);
                    }
                });
        for (String id : expired) {
            splits.remove(id);
            status.remove(id);
            LOG.info("Forgot finished shard {}: it has expired from the topic", id);
        }
    }

    public boolean allFinished() {
        return status.values().stream().allMatch(s -> s == Status.FINISHED);
    }

    public int size() {
        return splits.size();
    }

    /** Every tracked split with its status, in discovery order (for checkpoints). */
    public Map<ShardSplit, Status> snapshot() {
        Map<ShardSplit, Status> out = new LinkedHashMap<>();
        splits.forEach((id, split) -> out.put(split, status.get(id)));
        return out;
    }
}
