package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.emulator.store.HashRanges;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shard states as clients see them, lookups with the service's errors, and hash order. A stored
 * shard is ACTIVE or CLOSED; an ACTIVE one reports OPENING until its {@code activeAtMillis}.
 */
public final class Shards {
    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    private static final BigInteger MAX_KEY = HashRanges.parse(HashRanges.MAX_KEY);

    private Shards() {}

    public static ShardState state(ShardDoc s, long now) {
        if (CLOSED.equals(s.state)) {
            return ShardState.CLOSED;
        }
        return now < s.activeAtMillis ? ShardState.OPENING : ShardState.ACTIVE;
    }

    /** The shard, or NoSuchShard with the service's message. */
    public static ShardDoc require(TopicDoc t, String shardId) {
        ShardDoc s = t.shard(shardId);
        if (s == null) {
            throw ErrorCode.NO_SUCH_SHARD.exception(
                    "ShardId Not Exist. Invalid shard id:"
                            + t.project
                            + "/"
                            + t.name
                            + "/"
                            + shardId);
        }
        return s;
    }

    /** The shard of a put by shard, or NoSuchShard with the message the service gives there. */
    public static ShardDoc requireForPut(TopicDoc t, String shardId) {
        ShardDoc s = t.shard(shardId);
        if (s == null) {
            throw ErrorCode.NO_SUCH_SHARD.exception(
                    "Shard is not exist: " + t.project + "/" + t.name + "/" + shardId);
        }
        return s;
    }

    /**
     * Writes need an ACTIVE shard: a closed one is InvalidShardOperation, an opening one
     * ShardNotReady.
     */
    public static void requireWritable(ShardDoc s, long now) {
        ShardState state = state(s, now);
        if (state == ShardState.CLOSED) {
            throw ErrorCode.INVALID_SHARD_OPERATION.exception("The specified shard is not active.");
        }
        requireReady(s, now);
    }

    /** Reads work on ACTIVE and CLOSED shards; an opening one is ShardNotReady. */
    public static void requireReady(ShardDoc s, long now) {
        if (state(s, now) == ShardState.OPENING) {
            throw ErrorCode.SHARD_NOT_READY.exception(
                    "The specified shard " + s.shardId + " is not ready yet.");
        }
    }

    /**
     * Shards that are not closed (ACTIVE or OPENING), in hash order; their ranges cover the key
     * space.
     */
    public static List<ShardDoc> notClosed(TopicDoc t) {
        List<ShardDoc> out = new ArrayList<>();
        for (ShardDoc s : t.shards) {
            if (!CLOSED.equals(s.state)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(s -> HashRanges.parse(s.beginHashKey)));
        return out;
    }

    /**
     * Whether the 128-bit key lies in the shard's {@code [begin, end)}; the last shard also owns
     * FF..FF itself, which no half-open range could hold.
     */
    public static boolean contains(ShardDoc s, BigInteger key) {
        BigInteger end = HashRanges.parse(s.endHashKey);
        return key.compareTo(HashRanges.parse(s.beginHashKey)) >= 0
                && (key.compareTo(end) < 0 || key.equals(MAX_KEY) && end.equals(MAX_KEY));
    }

    /** The shard as listed: neighbours are the not-closed shards whose ranges touch it. */
    public static Shard toModel(ShardDoc s, List<ShardDoc> notClosed, long now) {
        String left = null;
        String right = null;
        for (ShardDoc n : notClosed) {
            if (n != s && n.endHashKey.equals(s.beginHashKey)) {
                left = n.shardId;
            }
            if (n != s && n.beginHashKey.equals(s.endHashKey)) {
                right = n.shardId;
            }
        }
        return new Shard(
                s.shardId,
                s.beginHashKey,
                s.endHashKey,
                state(s, now),
                s.createTimeMillis / 1000,
                s.closedTimeMillis / 1000,
                s.parentShardIds,
                left,
                right);
    }

    /** Numeric shard-id order, as the service lists shards. */
    public static final Comparator<ShardDoc> BY_ID =
            Comparator.comparingLong(s -> Long.parseLong(s.shardId));
}
