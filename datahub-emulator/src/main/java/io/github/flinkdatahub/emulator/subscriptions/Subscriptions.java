package io.github.flinkdatahub.emulator.subscriptions;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.Comparator;
import java.util.List;

/**
 * Stored subscriptions and their offsets: lookup, creation (also of the SYSTEM subscriptions that
 * connectors own), deletion. Mutating methods expect the caller to hold {@link
 * EmulatorContext#lock()}.
 */
public final class Subscriptions {
    /** The service's per-topic limit. */
    public static final int MAX_PER_TOPIC = 1000;

    private final EmulatorContext ctx;

    public Subscriptions(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public EmulatorStore.Docs<SubscriptionDoc> docs() {
        return ctx.store().subscriptions(SubscriptionDoc.class);
    }

    public EmulatorStore.Docs<OffsetDoc> offsets() {
        return ctx.store().offsets(OffsetDoc.class);
    }

    /**
     * The subscription, after checking project and topic; NoSuchSubscription when it does not
     * exist.
     */
    public SubscriptionDoc require(String project, String topic, String subId) {
        ctx.topic(project, topic);
        SubscriptionDoc doc = docs().get(EmulatorStore.key(project, topic, subId));
        if (doc == null) {
            throw ErrorCode.NO_SUCH_SUBSCRIPTION.exception(
                    "The specified subscription "
                            + subId
                            + " does not exist on topic "
                            + project
                            + "."
                            + topic
                            + ".");
        }
        return doc;
    }

    /** Every subscription of the topic, oldest first. */
    public List<SubscriptionDoc> list(String project, String topic) {
        List<SubscriptionDoc> all = docs().under(EmulatorStore.key(project, topic));
        all.sort(
                Comparator.comparingLong((SubscriptionDoc d) -> d.createTimeMillis)
                        .thenComparingLong(d -> d.createOrder)
                        .thenComparing(d -> d.subId));
        return all;
    }

    /**
     * Creates a subscription (ONLINE) on an existing topic; LimitExceeded past {@value
     * #MAX_PER_TOPIC}.
     */
    public SubscriptionDoc create(
            TopicDoc topic,
            String comment,
            String creator,
            SubscriptionType type,
            String connectorId) {
        String topicKey = EmulatorStore.key(topic.project, topic.name);
        if (docs().keysUnder(topicKey).size() >= MAX_PER_TOPIC) {
            throw ErrorCode.LIMIT_EXCEEDED.exception(
                    "The topic "
                            + topic.project
                            + "."
                            + topic.name
                            + " already has "
                            + MAX_PER_TOPIC
                            + " subscriptions; delete unused ones first.");
        }
        long now = ctx.nowMillis();
        long order =
                list(topic.project, topic.name).stream()
                                .mapToLong(d -> d.createOrder)
                                .max()
                                .orElse(0)
                        + 1;
        String subId;
        do {
            subId = Ids.subscriptionId(now);
        } while (docs().contains(EmulatorStore.key(topic.project, topic.name, subId)));
        SubscriptionDoc doc = new SubscriptionDoc();
        doc.subId = subId;
        doc.project = topic.project;
        doc.topic = topic.name;
        doc.comment = comment == null ? "" : comment;
        doc.creator = creator;
        doc.type = type.code();
        doc.state = SubscriptionState.ONLINE.code();
        doc.createTimeMillis = now;
        doc.createOrder = order;
        doc.createTime = now / 1000;
        doc.lastModifyTime = doc.createTime;
        doc.connectorId = connectorId;
        save(doc);
        return doc;
    }

    public void save(SubscriptionDoc doc) {
        docs().put(EmulatorStore.key(doc.project, doc.topic, doc.subId), doc);
    }

    /** Removes the subscription with its offsets (and so its group). */
    public void delete(SubscriptionDoc doc) {
        String key = EmulatorStore.key(doc.project, doc.topic, doc.subId);
        docs().remove(key);
        EmulatorStore.Docs<OffsetDoc> offsets = offsets();
        offsets.keysUnder(key).forEach(offsets::remove);
    }

    /** The offset of a shard; a fresh (never committed) one when none is stored. */
    public OffsetDoc offset(SubscriptionDoc sub, String shardId) {
        OffsetDoc o = offsets().get(EmulatorStore.key(sub.project, sub.topic, sub.subId, shardId));
        return o == null ? new OffsetDoc() : o;
    }

    public void saveOffset(SubscriptionDoc sub, String shardId, OffsetDoc offset) {
        offsets().put(EmulatorStore.key(sub.project, sub.topic, sub.subId, shardId), offset);
    }

    public static Subscription toModel(SubscriptionDoc d) {
        return Subscription.builder()
                .subId(d.subId)
                .topicName(d.topic)
                .comment(d.comment)
                .creator(d.creator)
                .type(SubscriptionType.fromCode(d.type))
                .state(SubscriptionState.fromCode(d.state))
                .createTime(d.createTime)
                .lastModifyTime(d.lastModifyTime)
                // One emulator account owns everything it can see.
                .owner(true)
                .build();
    }
}
