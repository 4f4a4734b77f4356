package io.github.flinkdatahub.emulator.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cooperative consumption of a subscription (the group is named by the SubId): members join with a
 * session timeout and heartbeat within it on the data clock, or are dropped; the topic's readable
 * shards are spread evenly over the live members, and the plan version goes up with every change of
 * that assignment. A shard moving between members is only handed to the new owner once the old one
 * no longer holds it (its heartbeat stops listing it, or it releases it with syncGroup), so two
 * members never read a shard at the same time. Closed shards reported read to the end are never
 * assigned again; a child shard becomes readable once its parents are finished (or gone).
 */
public final class ConsumerGroups {
    private final EmulatorContext ctx;
    private final Subscriptions subscriptions;

    public ConsumerGroups(EmulatorContext ctx, Subscriptions subscriptions) {
        this.ctx = ctx;
        this.subscriptions = subscriptions;
    }

    /**
     * {@code {"ConsumerId","VersionId","SessionTimeout"}}; VersionId is the plan that includes the
     * new member.
     */
    public ObjectNode join(String project, String topic, String subId, long sessionTimeout) {
        if (sessionTimeout <= 0) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "SessionTimeout must be a positive number of milliseconds, got "
                            + sessionTimeout
                            + ".");
        }
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            SubscriptionOffsets.checkOnline(sub);
            long now = ctx.nowMillis();
            GroupDoc.MemberDoc m = new GroupDoc.MemberDoc();
            do {
                m.consumerId = Ids.consumerId(now);
            } while (sub.group.member(m.consumerId) != null);
            m.sessionTimeout = sessionTimeout;
            m.lastSeenMillis = now;
            sub.group.members.add(m);
            rebalance(sub, ctx.topic(project, topic), now);
            m.versionId = sub.group.planVersion;
            subscriptions.save(sub);
            ObjectNode out = Json.object();
            out.put("ConsumerId", m.consumerId);
            out.put("VersionId", sub.group.planVersion);
            out.put("SessionTimeout", sessionTimeout);
            return out;
        }
    }

    /** {@code {"PlanVersion","ShardList","TotalPlan"}}: the shards this member may read now. */
    public ObjectNode heartbeat(
            String project,
            String topic,
            String subId,
            String consumerId,
            long versionId,
            List<String> hold,
            List<String> readEnd) {
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            TopicDoc t = ctx.topic(project, topic);
            long now = ctx.nowMillis();
            GroupDoc.MemberDoc m = liveMember(sub, consumerId, now);
            m.lastSeenMillis = now;
            m.versionId = versionId;
            m.held = new ArrayList<>(hold);
            markReadEnd(sub, t, readEnd);
            rebalance(sub, t, now);
            subscriptions.save(sub);
            ObjectNode out = Json.object();
            out.put("PlanVersion", sub.group.planVersion);
            out.set("ShardList", Json.stringArray(readable(sub.group, m)));
            out.put("TotalPlan", totalPlan(sub.group));
            return out;
        }
    }

    /** Gives shards back and/or reports shards read to the end. */
    public void sync(
            String project,
            String topic,
            String subId,
            String consumerId,
            long versionId,
            List<String> release,
            List<String> readEnd) {
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            TopicDoc t = ctx.topic(project, topic);
            long now = ctx.nowMillis();
            GroupDoc.MemberDoc m = liveMember(sub, consumerId, now);
            m.lastSeenMillis = now;
            m.versionId = versionId;
            m.held.removeAll(release);
            markReadEnd(sub, t, readEnd);
            rebalance(sub, t, now);
            subscriptions.save(sub);
        }
    }

    public void leave(String project, String topic, String subId, String consumerId) {
        synchronized (ctx.lock()) {
            SubscriptionDoc sub = subscriptions.require(project, topic, subId);
            long now = ctx.nowMillis();
            GroupDoc.MemberDoc m = liveMember(sub, consumerId, now);
            sub.group.members.remove(m);
            rebalance(sub, ctx.topic(project, topic), now);
            subscriptions.save(sub);
        }
    }

    private static GroupDoc.MemberDoc liveMember(SubscriptionDoc sub, String consumerId, long now) {
        GroupDoc.MemberDoc m = consumerId == null ? null : sub.group.member(consumerId);
        if (m == null || m.expired(now)) {
            throw ErrorCode.NO_SUCH_CONSUMER.exception(
                    "The consumer "
                            + consumerId
                            + " is not a member of the group of "
                            + "subscription "
                            + sub.subId
                            + " (unknown, left, or its session timed out); join the group again.");
        }
        return m;
    }

    /** Only closed shards can be read to their end; anything else in the list is ignored. */
    private static void markReadEnd(SubscriptionDoc sub, TopicDoc t, List<String> readEnd) {
        for (String shardId : readEnd) {
            ShardDoc s = t.shard(shardId);
            if (s != null
                    && "CLOSED".equals(s.state)
                    && !sub.group.readEndShards.contains(shardId)) {
                sub.group.readEndShards.add(shardId);
            }
        }
        for (GroupDoc.MemberDoc m : sub.group.members) {
            m.held.removeAll(sub.group.readEndShards);
        }
    }

    /** Drops expired members and recomputes the plan; bumps the plan version when it changed. */
    private static void rebalance(SubscriptionDoc sub, TopicDoc t, long now) {
        GroupDoc g = sub.group;
        Map<String, List<String>> before = new LinkedHashMap<>();
        g.members.forEach(m -> before.put(m.consumerId, m.assigned));
        g.members.removeIf(m -> m.expired(now));
        g.readEndShards.removeIf(id -> t.shard(id) == null);
        List<String> shards = readableShards(t, new HashSet<>(g.readEndShards));
        Map<String, List<String>> current = new LinkedHashMap<>();
        g.members.forEach(m -> current.put(m.consumerId, m.assigned));
        Map<String, List<String>> plan = ShardAssigner.assign(shards, current);
        if (!plan.equals(before)) {
            g.planVersion++;
        }
        g.members.forEach(m -> m.assigned = plan.get(m.consumerId));
    }

    /** Shards not read to the end whose parents are (or no longer exist). */
    private static List<String> readableShards(TopicDoc t, Set<String> finished) {
        List<String> out = new ArrayList<>();
        for (ShardDoc s : t.shards) {
            if (finished.contains(s.shardId)) {
                continue;
            }
            boolean parentsDone =
                    s.parentShardIds.stream()
                            .allMatch(p -> finished.contains(p) || t.shard(p) == null);
            if (parentsDone) {
                out.add(s.shardId);
            }
        }
        return out;
    }

    /** The member's planned shards that no other live member still holds. */
    private static List<String> readable(GroupDoc g, GroupDoc.MemberDoc m) {
        Set<String> heldByOthers = new HashSet<>();
        g.members.stream().filter(o -> o != m).forEach(o -> heldByOthers.addAll(o.held));
        List<String> out = new ArrayList<>(m.assigned);
        out.removeAll(heldByOthers);
        return out;
    }

    /** The whole plan as JSON text, consumer id to shards. */
    private static String totalPlan(GroupDoc g) {
        ObjectNode plan = Json.object();
        g.members.forEach(m -> plan.set(m.consumerId, Json.stringArray(m.assigned)));
        return plan.toString();
    }
}
