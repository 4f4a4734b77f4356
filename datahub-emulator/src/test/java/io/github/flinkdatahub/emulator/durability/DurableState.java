package io.github.flinkdatahub.emulator.durability;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.connector.ConnectorAuth;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.OssConnectorConfig;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.emulator.testutil.TopicContents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A known set of projects, topics, records, subscriptions, offsets and connectors, written through
 * our client and checked again after the emulator restarted on the same data directory.
 */
final class DurableState {
    static final String PROJECT = "durable";
    static final String EVENTS = "events";
    static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("id", "name"),
                    List.of(FieldType.BIGINT, FieldType.STRING),
                    List.of(false, true));
    static final List<String> SHARDS = List.of("0", "1", "2");
    static final long COMMITTED_SEQUENCE = 4;
    static final long COMMITTED_TIMESTAMP = 1_700_000_000_000L;

    private DurableState() {}

    /** Projects and topics, with changes and deletions that must also stick. */
    static void createProjectsAndTopics(DataHubClient client) {
        client.createProject(PROJECT, "survives restarts");
        client.updateProject(PROJECT, "survives restarts, updated");
        client.createProject("durable_gone", "deleted before the restart");
        client.deleteProject("durable_gone");
        client.createTupleTopic(PROJECT, EVENTS, SHARDS.size(), 3, SCHEMA, "tuple topic");
        client.createBlobTopic(PROJECT, "blobs", 1, 7, "blob topic");
        client.createTupleTopic(PROJECT, "evolving", 1, 1, SCHEMA, "gets a field");
        client.appendField(PROJECT, "evolving", new Field("extra", FieldType.DOUBLE));
        client.createBlobTopic(PROJECT, "deleted", 1, 1, "deleted before the restart");
        client.deleteTopic(PROJECT, "deleted");
    }

    static void assertProjectsAndTopics(DataHubClient client) {
        assertThat(client.listProject().getProjectNames()).containsExactly(PROJECT);
        assertThat(client.getProject(PROJECT).getComment()).isEqualTo("survives restarts, updated");
        assertThat(client.listTopic(PROJECT).getTopicNames())
                .containsExactlyInAnyOrder(EVENTS, "blobs", "evolving");
        GetTopicResult events = client.getTopic(PROJECT, EVENTS);
        assertThat(events.getRecordType()).isEqualTo(RecordType.TUPLE);
        assertThat(events.getRecordSchema()).isEqualTo(SCHEMA);
        assertThat(events.getShardCount()).isEqualTo(SHARDS.size());
        assertThat(events.getLifeCycle()).isEqualTo(3);
        assertThat(events.getComment()).isEqualTo("tuple topic");
        assertThat(client.listShard(PROJECT, EVENTS).getShards())
                .extracting(Shard::getShardId)
                .containsExactlyElementsOf(SHARDS);
        GetTopicResult blobs = client.getTopic(PROJECT, "blobs");
        assertThat(blobs.getRecordType()).isEqualTo(RecordType.BLOB);
        assertThat(blobs.getLifeCycle()).isEqualTo(7);
        assertThat(client.getTopic(PROJECT, "evolving").getRecordSchema().getFields())
                .extracting(Field::getName)
                .containsExactly("id", "name", "extra");
    }

    /**
     * Puts {@code perShard} records into every shard of the events topic in batches by shard, each
     * acknowledged before the next; returns the ids written to each shard, in order.
     */
    static Map<String, List<Long>> putRecords(DataHubClient client, int perShard, int batchSize) {
        Map<String, List<Long>> written = new LinkedHashMap<>();
        SHARDS.forEach(s -> written.put(s, new ArrayList<>()));
        long id = 0;
        for (int done = 0; done < perShard; done += batchSize) {
            for (String shard : SHARDS) {
                List<TupleRecord> batch = new ArrayList<>();
                for (int i = 0; i < Math.min(batchSize, perShard - done); i++) {
                    batch.add(record(id));
                    written.get(shard).add(id++);
                }
                client.putRecordsByShard(PROJECT, EVENTS, shard, batch);
            }
        }
        return written;
    }

    static TupleRecord record(long id) {
        return TupleRecord.of(SCHEMA, id, "name-" + id);
    }

    /** Asserts that each shard holds exactly the written records under sequences 0, 1, 2, ... */
    static void assertRecords(DataHubClient client, Map<String, List<Long>> written) {
        written.forEach(
                (shard, ids) -> {
                    List<Record> stored = TopicContents.shard(client, PROJECT, EVENTS, shard);
                    assertThat(stored).as("shard %s", shard).hasSize(ids.size());
                    for (int i = 0; i < ids.size(); i++) {
                        Record r = stored.get(i);
                        assertThat(r.getSequence())
                                .as("sequence of record %d of shard %s", i, shard)
                                .isEqualTo(i);
                        assertThat(((TupleRecord) r).getValues())
                                .as("record %d of shard %s", i, shard)
                                .containsExactly(ids.get(i), "name-" + ids.get(i));
                    }
                });
    }

    /** What {@link #createSubscriptionAndConnector} made; the service picks the ids. */
    static final class Created {
        final String subId;
        final String deletedSubId;
        final String connectorId;

        Created(String subId, String deletedSubId, String connectorId) {
            this.subId = subId;
            this.deletedSubId = deletedSubId;
            this.connectorId = connectorId;
        }
    }

    /**
     * A subscription with a committed offset on shard 0 and a state change, and a stored connector.
     * Needs records in shard 0 up to {@link #COMMITTED_SEQUENCE}.
     */
    static Created createSubscriptionAndConnector(DataHubClient client) {
        String subId =
                client.createSubscription(PROJECT, EVENTS, "durable subscription").getSubId();
        OffsetWithSession opened =
                client.initAndGetSubscriptionOffset(PROJECT, EVENTS, subId, "0")
                        .getOffsets()
                        .get("0");
        client.updateSubscriptionOffset(
                PROJECT,
                EVENTS,
                subId,
                Map.of("0", opened.withPosition(COMMITTED_SEQUENCE, COMMITTED_TIMESTAMP, 0)));
        client.updateSubscriptionState(PROJECT, EVENTS, subId, SubscriptionState.OFFLINE);
        String other =
                client.createSubscription(PROJECT, EVENTS, "deleted before the restart").getSubId();
        client.deleteSubscription(PROJECT, EVENTS, other);
        String connectorId =
                client.createConnector(
                                PROJECT,
                                EVENTS,
                                ConnectorType.SINK_OSS,
                                List.of("id", "name"),
                                ossConfig())
                        .getConnectorId();
        return new Created(subId, other, connectorId);
    }

    static void assertSubscriptionAndConnector(DataHubClient client, Created created) {
        // The connector has a subscription of its own (as in the service), so others may be listed.
        assertThat(client.listSubscription(PROJECT, EVENTS, "", 1, 10).getSubscriptions())
                .extracting(Subscription::getSubId)
                .contains(created.subId)
                .doesNotContain(created.deletedSubId);
        assertThatThrownBy(() -> client.getSubscription(PROJECT, EVENTS, created.deletedSubId))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.getSubscription(PROJECT, EVENTS, created.subId).getComment())
                .isEqualTo("durable subscription");
        assertThat(client.getSubscription(PROJECT, EVENTS, created.subId).getState())
                .isEqualTo(SubscriptionState.OFFLINE);
        OffsetWithVersion offset =
                client.getSubscriptionOffset(PROJECT, EVENTS, created.subId, "0")
                        .getOffsets()
                        .get("0");
        assertThat(offset.getSequence()).isEqualTo(COMMITTED_SEQUENCE);
        assertThat(offset.getTimestamp()).isEqualTo(COMMITTED_TIMESTAMP);
        assertThat(client.listConnector(PROJECT, EVENTS).getConnectorIds())
                .containsExactly(created.connectorId);
        GetConnectorResult connector = client.getConnector(PROJECT, EVENTS, created.connectorId);
        assertThat(connector.getType()).isEqualTo(ConnectorType.SINK_OSS);
        assertThat(connector.getColumnFields()).containsExactly("id", "name");
        assertThat(connector.getConfig())
                .isInstanceOfSatisfying(
                        OssConnectorConfig.class,
                        c -> {
                            assertThat(c.getBucket()).isEqualTo("durable-bucket");
                            assertThat(c.getPrefix()).isEqualTo("events/");
                        });
        assertThat(client.listShard(PROJECT, EVENTS).getShards())
                .extracting(Shard::getState)
                .containsOnly(ShardState.ACTIVE);
    }

    private static OssConnectorConfig ossConfig() {
        return OssConnectorConfig.builder()
                .endpoint("http://oss-cn-hangzhou.aliyuncs.com")
                .bucket("durable-bucket")
                .prefix("events/")
                .timeFormat("%Y%m%d%H%M")
                .timeRange(60)
                .auth(ConnectorAuth.ak("oss_id", "oss-secret"))
                .build();
    }
}
