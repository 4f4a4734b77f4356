package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.protocol.json.ConnectorConfigJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.subscriptions.OffsetDoc;
import io.github.flinkdatahub.emulator.subscriptions.SubscriptionDoc;
import io.github.flinkdatahub.emulator.subscriptions.Subscriptions;

import java.util.List;

/**
 * Stored connectors: lookup by id or (legacy API) by lower-case type, saving, and keeping the
 * connector's SYSTEM subscription offsets in step with its progress. Mutating methods expect the
 * caller to hold {@link EmulatorContext#lock()}.
 */
public final class Connectors {
    private final EmulatorContext ctx;
    private final Subscriptions subscriptions;

    public Connectors(EmulatorContext ctx) {
        this.ctx = ctx;
        this.subscriptions = new Subscriptions(ctx);
    }

    public EmulatorStore.Docs<ConnectorDoc> docs() {
        return ctx.store().connectors(ConnectorDoc.class);
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Connectors of a topic in id order. */
    public List<ConnectorDoc> list(String project, String topic) {
        return docs().under(EmulatorStore.key(project, topic));
    }

    /**
     * The connector with this id or, as the legacy API addresses them, of this type; null when
     * none.
     */
    public ConnectorDoc find(String project, String topic, String idOrType) {
        ConnectorDoc doc = docs().get(EmulatorStore.key(project, topic, idOrType));
        if (doc != null) {
            return doc;
        }
        ConnectorType type = typeOrNull(idOrType);
        if (type != null) {
            for (ConnectorDoc d : list(project, topic)) {
                if (d.type.equals(type.name())) {
                    return d;
                }
            }
        }
        return null;
    }

    /** Like {@link #find} after checking project and topic; NoSuchConnector when missing. */
    public ConnectorDoc require(String project, String topic, String idOrType) {
        ctx.topic(project, topic);
        ConnectorDoc doc = find(project, topic, idOrType);
        if (doc == null) {
            throw ErrorCode.NO_SUCH_CONNECTOR.exception(
                    "The specified connector "
                            + idOrType
                            + " does not exist on topic "
                            + project
                            + "."
                            + topic
                            + ".");
        }
        return doc;
    }

    public void save(ConnectorDoc doc) {
        docs().put(EmulatorStore.key(doc.project, doc.topic, doc.connectorId), doc);
    }

    /** Removes the connector and its SYSTEM subscription (with that subscription's offsets). */
    public void delete(ConnectorDoc doc) {
        docs().remove(EmulatorStore.key(doc.project, doc.topic, doc.connectorId));
        SubscriptionDoc sub =
                subscriptions
                        .docs()
                        .get(EmulatorStore.key(doc.project, doc.topic, doc.subscriptionId));
        if (sub != null) {
            subscriptions.delete(sub);
        }
    }

    /**
     * Writes a shard's position into the connector's subscription, where the service keeps it too.
     */
    public void mirrorOffset(ConnectorDoc doc, String shardId, ShardTaskDoc task) {
        SubscriptionDoc sub =
                subscriptions
                        .docs()
                        .get(EmulatorStore.key(doc.project, doc.topic, doc.subscriptionId));
        if (sub == null) {
            return;
        }
        OffsetDoc o = subscriptions.offset(sub, shardId);
        o.sequence = task.currentSequence();
        o.timestamp = task.currentTimestamp;
        o.batchIndex = 0;
        subscriptions.saveOffset(sub, shardId, o);
    }

    public static ConnectorType type(ConnectorDoc doc) {
        return ConnectorType.valueOf(doc.type);
    }

    /** The stored config (secrets included). */
    public static ConnectorConfig config(ConnectorDoc doc) {
        return ConnectorConfigJson.read(type(doc), doc.config);
    }

    /**
     * A connector type from a URL segment ({@code sink_odps} or {@code SINK_ODPS}); null when it is
     * none.
     */
    public static ConnectorType typeOrNull(String segment) {
        for (ConnectorType t : ConnectorType.values()) {
            if (t.name().equalsIgnoreCase(segment)) {
                return t;
            }
        }
        return null;
    }
}
