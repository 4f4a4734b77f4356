package io.github.flinkdatahub.emulator.subscriptions;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offsets of a subscription, per shard, with the service's two guards: the session (every open
 * starts a new one, so a consumer that lost its shard to a newer open cannot commit any more) and
 * the version (every reset bumps it, so a commit based on an offset read before the reset is
 * refused). Sessions are counted per shard: the first open of a shard gets session 0.
 */
public final class SubscriptionOffsets {
    private final EmulatorContext ctx;
    private final Subscriptions subscriptions;

    public SubscriptionOffsets(EmulatorContext ctx, Subscriptions subscriptions) {
        this.ctx = ctx;
        this.subscriptions = subscriptions;
    }

    /** Starts a new session on each shard and returns the offsets with it. */
    public Map<String, OffsetWithSession> open(
            String project, String topic, String subId, List<String> shardIds) {
        if (shardIds.isEmpty()) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "ShardIds must name at least one shard to open.");
        }
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            checkOnline(sub);
            TopicDoc t = ctx.topic(project, topic);
            shardIds.forEach(id -> requireShard(t, id));
            Map<String, OffsetWithSession> out = new LinkedHashMap<>();
            for (String shardId : shardIds) {
                OffsetDoc o = subscriptions.offset(sub, shardId);
                o.sessionId++;
                subscriptions.saveOffset(sub, shardId, o);
                out.put(
                        shardId,
                        new OffsetWithSession(
                                o.sequence, o.timestamp, o.batchIndex, o.version, o.sessionId));
            }
            return out;
        }
    }

    /** The offsets of the given shards, or of every shard of the topic when none is given. */
    public Map<String, OffsetWithVersion> get(
            String project, String topic, String subId, List<String> shardIds) {
        SubscriptionDoc sub = subscriptions.require(project, topic, subId);
        TopicDoc t = ctx.topic(project, topic);
        List<String> ids = new ArrayList<>(shardIds);
        if (ids.isEmpty()) {
            t.shards.forEach(s -> ids.add(s.shardId));
        }
        ids.forEach(id -> requireShard(t, id));
        Map<String, OffsetWithVersion> out = new LinkedHashMap<>();
        for (String shardId : ids) {
            OffsetDoc o = subscriptions.offset(sub, shardId);
            out.put(
                    shardId,
                    new OffsetWithVersion(o.sequence, o.timestamp, o.batchIndex, o.version));
        }
        return out;
    }

    /** Stores consumed positions; all shards are checked before any is changed. */
    public void commit(
            String project, String topic, String subId, Map<String, OffsetWithSession> offsets) {
        if (offsets.isEmpty()) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Offsets must name at least one shard to commit.");
        }
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            checkOnline(sub);
            TopicDoc t = ctx.topic(project, topic);
            Map<String, OffsetDoc> updated = new LinkedHashMap<>();
            offsets.forEach(
                    (shardId, given) -> {
                        requireShard(t, shardId);
                        checkPosition(shardId, given);
                        OffsetDoc o = subscriptions.offset(sub, shardId);
                        if (o.sessionId < 0) {
                            throw ErrorCode.OFFSET_SESSION_CLOSED.exception(
                                    "The offset session of shard "
                                            + shardId
                                            + " of subscription "
                                            + subId
                                            + " is closed: open it (initAndGetSubscriptionOffset) "
                                            + "before committing.");
                        }
                        if (given.getSessionId() != o.sessionId) {
                            throw ErrorCode.OFFSET_SESSION_CHANGED.exception(
                                    "SubId is occupied by another open: shard "
                                            + shardId
                                            + " of subscription "
                                            + subId
                                            + " is now in session "
                                            + o.sessionId
                                            + ", not "
                                            + given.getSessionId()
                                            + ".");
                        }
                        if (given.getVersion() != o.version) {
                            throw ErrorCode.OFFSET_RESETED.exception(
                                    "The offset of shard "
                                            + shardId
                                            + " of subscription "
                                            + subId
                                            + " was reset (version "
                                            + o.version
                                            + ", commit has "
                                            + given.getVersion()
                                            + "); read the offset again and continue from it.");
                        }
                        o.sequence = given.getSequence();
                        o.timestamp = given.getTimestamp();
                        o.batchIndex = given.getBatchIndex();
                        updated.put(shardId, o);
                    });
            updated.forEach((shardId, o) -> subscriptions.saveOffset(sub, shardId, o));
        }
    }

    /**
     * Moves offsets outright and bumps their version, which makes commits of sessions that read the
     * old offset fail with OffsetReseted. Allowed while the subscription is offline: that is when
     * an operator repositions it.
     */
    public void reset(String project, String topic, String subId, Map<String, OffsetBase> offsets) {
        if (offsets.isEmpty()) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Offsets must name at least one shard to reset.");
        }
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            TopicDoc t = ctx.topic(project, topic);
            offsets.forEach(
                    (shardId, given) -> {
                        requireShard(t, shardId);
                        checkPosition(shardId, given);
                    });
            offsets.forEach(
                    (shardId, given) -> {
                        OffsetDoc o = subscriptions.offset(sub, shardId);
                        o.sequence = given.getSequence();
                        o.timestamp = given.getTimestamp();
                        o.batchIndex = given.getBatchIndex();
                        o.version++;
                        subscriptions.saveOffset(sub, shardId, o);
                    });
        }
    }

    static void checkOnline(SubscriptionDoc sub) {
        if (sub.state != SubscriptionState.ONLINE.code()) {
            throw ErrorCode.SUBSCRIPTION_OFFLINE.exception(
                    "The subscription "
                            + sub.subId
                            + " is offline; set its state to ONLINE (1) first.");
        }
    }

    private static void checkPosition(String shardId, OffsetBase o) {
        if (o.getSequence() < -1 || o.getBatchIndex() < 0) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Invalid offset for shard "
                            + shardId
                            + ": Sequence must be "
                            + ">= -1 and BatchIndex >= 0, got "
                            + o.getSequence()
                            + "/"
                            + o.getBatchIndex()
                            + ".");
        }
    }

    /** The shard, or the service's NoSuchShard naming it. */
    public static ShardDoc requireShard(TopicDoc t, String shardId) {
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
}
