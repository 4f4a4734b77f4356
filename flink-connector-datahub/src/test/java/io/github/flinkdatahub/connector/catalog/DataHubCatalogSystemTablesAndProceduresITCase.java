package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog's system tables ({@code `topic$shards`} ...) and procedures ({@code CALL
 * dh.sys.split_shard(...)}) in a TableEnvironment on a MiniCluster, against the emulator; effects
 * checked through the client.
 */
class DataHubCatalogSystemTablesAndProceduresITCase {
    private static final String ACCESS_ID = "sys_it";
    private static final String ACCESS_KEY = "Zx8-sys-it-key";
    private static final String P = "sys_it";

    /** Distinctive, so a leak into a system table or an error is found by a substring search. */
    private static final String TARGET_SECRET = "Odps-Secret-42";

    private static final RecordSchema SCHEMA =
            RecordSchema.of(new Field("id", FieldType.BIGINT), new Field("name", FieldType.STRING));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB =
            DataHubEmulatorExtension.builder().account(ACCESS_ID, ACCESS_KEY).build();

    static DataHubClient client;
    TableEnvironment tEnv;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        client.createProject(P, "system tables and procedures IT");
    }

    @BeforeEach
    void createCatalog() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "1");
        sql(
                "CREATE CATALOG dh WITH ('type' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + ACCESS_ID
                        + "', 'access-key' = '"
                        + ACCESS_KEY
                        + "', 'default-database' = '"
                        + P
                        + "')");
        sql("USE CATALOG dh");
    }

    private static void topic(String name, int shards) {
        client.createTupleTopic(P, name, shards, 1, SCHEMA, "");
        client.waitShardsReady(P, name);
    }

    private static void write(String topic, long... ids) {
        List<TupleRecord> records = new ArrayList<>();
        for (long id : ids) {
            records.add(TupleRecord.builder(SCHEMA).values(id, "n" + id).build());
        }
        client.putRecordsByShard(P, topic, "0", records);
    }

    private List<Row> sql(String statement) {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(statement).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw e instanceof RuntimeException ? (RuntimeException) e : new RuntimeException(e);
        }
        return rows;
    }

    private List<String> strings(String statement) {
        return sql(statement).stream().map(Row::toString).collect(Collectors.toList());
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    // ------------------------------------------------------------------ system tables

    @Test
    void showTablesListsTopicsOnlyAndDescribeShowsASystemTablesColumns() {
        topic("described", 1);

        assertThat(strings("SHOW TABLES"))
                .contains("+I[described]")
                .noneMatch(t -> t.contains("$"));
        assertThat(sql("DESCRIBE `described$shards`"))
                .extracting(r -> r.getField(0) + " " + r.getField(1))
                .containsExactly(
                        "shard_id STRING",
                        "state STRING",
                        "begin_hash_key STRING",
                        "end_hash_key STRING",
                        "parent_shard_ids ARRAY<STRING>",
                        "left_shard_id STRING",
                        "right_shard_id STRING",
                        "create_time BIGINT",
                        "closed_time BIGINT");
        assertThat(sql("DESCRIBE `described$subscription_offsets`"))
                .extracting(r -> r.getField(0))
                .containsExactly("sub_id", "shard_id", "sequence", "timestamp", "version");
    }

    @Test
    void subscriptionTablesShowWhatTheClientSeesAndJoin() {
        topic("subs", 2);
        String a = client.createSubscription(P, "subs", "first").getSubId();
        String b = client.createSubscription(P, "subs", "second").getSubId();
        client.updateSubscriptionState(P, "subs", b, SubscriptionState.INACTIVE);
        write("subs", 1, 2, 3);
        client.resetSubscriptionOffset(P, "subs", a, Map.of("0", new OffsetBase(1, 77)));

        assertThat(strings("SELECT sub_id, `comment`, state, type FROM `subs$subscriptions`"))
                .containsExactlyInAnyOrder(
                        "+I[" + a + ", first, ACTIVE, USER]",
                        "+I[" + b + ", second, INACTIVE, USER]");
        OffsetWithVersion reset =
                client.getSubscriptionOffset(P, "subs", a, "0").getOffsets().get("0");
        assertThat(
                        strings(
                                "SELECT s.`comment`, o.shard_id, o.sequence, o.`timestamp`, o.version"
                                        + " FROM `subs$subscriptions` s JOIN `subs$subscription_offsets` o"
                                        + " ON s.sub_id = o.sub_id WHERE o.shard_id = '0'"))
                .contains("+I[first, 0, 1, 77, " + reset.getVersion() + "]")
                .hasSize(2);
        assertThat(strings("SELECT sub_id, shard_id FROM `subs$subscription_offsets`"))
                .containsExactlyInAnyOrder(
                        "+I[" + a + ", 0]",
                        "+I[" + a + ", 1]",
                        "+I[" + b + ", 0]",
                        "+I[" + b + ", 1]");
    }

    @Test
    void schemasTableShowsEveryVersionAsFlinkColumns() {
        topic("versions", 1);
        client.registerTopicSchema(
                P,
                "versions",
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT),
                        new Field("name", FieldType.STRING),
                        new Field("note", FieldType.DOUBLE, false, "")));

        List<String> fields =
                sql("SELECT version_id, fields FROM `versions$schemas`").stream()
                        .sorted(Comparator.comparing(r -> (Integer) r.getField(0)))
                        .map(r -> (String) r.getField(1))
                        .collect(Collectors.toList());
        // Version 0 is the schema the topic was created with.
        assertThat(client.listTopicSchema(P, "versions").getRecordSchemaList()).hasSize(2);
        assertThat(fields)
                .containsExactly(
                        "id BIGINT, name STRING", "id BIGINT, name STRING, note DOUBLE NOT NULL");
    }

    @Test
    void systemTablesAreReadOnlyAndUnknownOnesAreReportedByName() {
        topic("ro", 1);
        org.apache.flink.table.catalog.Catalog catalog = tEnv.getCatalog("dh").orElseThrow();
        assertThat(catalog.tableExists(new ObjectPath(P, "ro$shards"))).isTrue();
        assertThat(catalog.tableExists(new ObjectPath(P, "ro$nothing"))).isFalse();
        assertThat(catalog.tableExists(new ObjectPath(P, "no_such_topic$shards"))).isFalse();

        assertThatThrownBy(
                        () ->
                                sql(
                                        "INSERT INTO `ro$shards` VALUES ('9', 'ACTIVE', 'a', 'b',"
                                                + " ARRAY['x'], 'l', 'r', 0, 0)"))
                .satisfies(e -> assertThat(messages(e)).contains("read-only"));
        assertThatThrownBy(() -> sql("SELECT * FROM `ro$nothing`"))
                .satisfies(e -> assertThat(messages(e)).contains("ro$nothing"));
        assertThatThrownBy(() -> sql("SELECT * FROM `no_such_topic$shards`"))
                .satisfies(e -> assertThat(messages(e)).contains("no_such_topic$shards"));
    }

    // ------------------------------------------------------------------ shard procedures

    @Test
    void splitShardClosesTheParentAndShowsTwoChildrenSplitAtTheKeyInShards() {
        topic("split", 1);
        // The emulator refuses to split a shard younger than its cool-down.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        Shard parent = client.listShard(P, "split").getShards().get(0);
        String key = "40000000000000000000000000000000";

        List<String> created = strings("CALL dh.sys.split_shard('split', '0', '" + key + "')");

        assertThat(created)
                .containsExactly(
                        "+I[1, " + parent.getBeginHashKey() + ", " + key + "]",
                        "+I[2, " + key + ", " + parent.getEndHashKey() + "]");
        assertThat(
                        strings(
                                "SELECT shard_id, state, begin_hash_key, end_hash_key, parent_shard_ids"
                                        + " FROM `split$shards`"))
                .containsExactlyInAnyOrder(
                        "+I[0, CLOSED, "
                                + parent.getBeginHashKey()
                                + ", "
                                + parent.getEndHashKey()
                                + ", []]",
                        "+I[1, ACTIVE, " + parent.getBeginHashKey() + ", " + key + ", [0]]",
                        "+I[2, ACTIVE, " + key + ", " + parent.getEndHashKey() + ", [0]]");
        // As the client lists them; the children were created at least 10 s (on the emulator's
        // clock) after their parent.
        List<Shard> listed = client.listShard(P, "split").getShards();
        assertThat(strings("SELECT shard_id, create_time FROM `split$shards`"))
                .containsExactlyInAnyOrderElementsOf(
                        listed.stream()
                                .map(x -> "+I[" + x.getShardId() + ", " + x.getCreateTime() + "]")
                                .collect(Collectors.toList()));
        assertThat(listed)
                .filteredOn(x -> !x.getShardId().equals("0"))
                .allMatch(x -> x.getCreateTime() >= parent.getCreateTime() + 10);
        assertThat(parent.getCreateTime()).isPositive();
        assertThat(client.listShard(P, "split").getShards())
                .extracting(Shard::getShardId, Shard::getState)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("0", ShardState.CLOSED),
                        org.assertj.core.groups.Tuple.tuple("1", ShardState.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple("2", ShardState.ACTIVE));
    }

    @Test
    void mergeShardWithNamedArgumentsJoinsTwoAdjacentShards() {
        topic("merge", 2);
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        List<Shard> before = client.listShard(P, "merge").getShards();

        List<String> merged =
                strings(
                        "CALL dh.sys.merge_shard(topic => '"
                                + P
                                + ".merge', shard_id => '0', adjacent_shard_id => '1')");

        assertThat(merged)
                .containsExactly(
                        "+I[2, "
                                + before.get(0).getBeginHashKey()
                                + ", "
                                + before.get(1).getEndHashKey()
                                + "]");
        assertThat(client.listShard(P, "merge").getShards())
                .filteredOn(s -> s.getState() == ShardState.ACTIVE)
                .extracting(Shard::getShardId, Shard::getParentShardIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", List.of("0", "1")));
    }

    @Test
    void extendShardsGrowsTheTopicToTheGivenCount() {
        topic("extend", 1);

        List<String> active = strings("CALL dh.sys.extend_shards('extend', 3)");

        assertThat(active).hasSize(3);
        assertThat(strings("SELECT shard_id, state FROM `extend$shards`"))
                .containsExactlyInAnyOrder("+I[0, ACTIVE]", "+I[1, ACTIVE]", "+I[2, ACTIVE]");
        assertThat(client.listShard(P, "extend").getShards()).hasSize(3);
        assertThatThrownBy(() -> sql("CALL dh.sys.extend_shards('extend', 2)"))
                .satisfies(e -> assertThat(messages(e)).contains("extend_shards", "extend"));
    }

    // ------------------------------------------------------------------ subscriptions

    @Test
    void subscriptionProceduresCreateDeactivateAndDelete() {
        topic("sublife", 1);

        String subId =
                (String)
                        sql("CALL dh.sys.create_subscription('sublife', 'made in SQL')")
                                .get(0)
                                .getField(0);
        assertThat(client.getSubscription(P, "sublife", subId).getComment())
                .isEqualTo("made in SQL");

        sql(
                "CALL dh.sys.set_subscription_state(topic => 'sublife', sub_id => '"
                        + subId
                        + "', state => 'inactive')");
        assertThat(client.getSubscription(P, "sublife", subId).getState())
                .isEqualTo(SubscriptionState.INACTIVE);

        sql("CALL dh.sys.delete_subscription('sublife', '" + subId + "')");
        assertThat(client.listSubscription(P, "sublife", "", 1, 10).getSubscriptions()).isEmpty();
    }

    @Test
    void aJobStartedFromTheSubscriptionReadsFromWhereResetSubscriptionOffsetPutIt() {
        topic("resetme", 1);
        write("resetme", 0, 1);
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        long secondBatch = DATAHUB.emulator().clock().millis();
        write("resetme", 2, 3, 4);
        String subId = client.createSubscription(P, "resetme", "reset it").getSubId();
        String read =
                "SELECT id FROM resetme /*+ OPTIONS('scan.subscription.id' = '"
                        + subId
                        + "', 'scan.bounded.mode' = 'latest') */";

        assertThat(
                        strings(
                                "CALL dh.sys.reset_subscription_offset('resetme', '"
                                        + subId
                                        + "', 'SEQUENCE', 3)"))
                .containsExactly("+I[0, 2, -1]");
        assertThat(strings(read)).containsExactly("+I[3]", "+I[4]");

        sql(
                "CALL dh.sys.reset_subscription_offset(topic => 'resetme', sub_id => '"
                        + subId
                        + "', reset_to => 'TIMESTAMP', reset_value => "
                        + secondBatch
                        + ")");
        assertThat(strings(read)).containsExactly("+I[2]", "+I[3]", "+I[4]");

        sql(
                "CALL dh.sys.reset_subscription_offset('resetme', '"
                        + subId
                        + "', 'LATEST', CAST(NULL AS BIGINT), '0')");
        assertThat(
                        client.getSubscriptionOffset(P, "resetme", subId, "0")
                                .getOffsets()
                                .get("0")
                                .getSequence())
                .isEqualTo(4);
        assertThat(strings(read)).isEmpty();

        sql("CALL dh.sys.reset_subscription_offset('resetme', '" + subId + "', 'EARLIEST')");
        assertThat(strings(read)).containsExactly("+I[0]", "+I[1]", "+I[2]", "+I[3]", "+I[4]");
    }

    @Test
    void proceduresRejectBadArgumentsNamingTheArgument() {
        topic("badargs", 1);
        String subId = client.createSubscription(P, "badargs", "x").getSubId();

        assertThatThrownBy(
                        () ->
                                sql(
                                        "CALL dh.sys.reset_subscription_offset('badargs', '"
                                                + subId
                                                + "', 'SOMEWHERE')"))
                .satisfies(
                        e ->
                                assertThat(messages(e))
                                        .contains(
                                                "reset_subscription_offset",
                                                "'reset_to'",
                                                "SOMEWHERE"));
        assertThatThrownBy(
                        () ->
                                sql(
                                        "CALL dh.sys.reset_subscription_offset('badargs', '"
                                                + subId
                                                + "', 'SEQUENCE')"))
                .satisfies(e -> assertThat(messages(e)).contains("'reset_value'", "needs a value"));
        assertThatThrownBy(
                        () ->
                                sql(
                                        "CALL dh.sys.reset_subscription_offset('badargs', '"
                                                + subId
                                                + "', 'EARLIEST', CAST(NULL AS BIGINT), '7')"))
                .satisfies(e -> assertThat(messages(e)).contains("'shard_id'", "no shard '7'"));
        assertThatThrownBy(() -> sql("CALL dh.sys.split_shard('a.b.c', '0')"))
                .satisfies(e -> assertThat(messages(e)).contains("'topic'", "a.b.c"));
        assertThatThrownBy(() -> sql("CALL dh.sys.split_shard('badargs', '9')"))
                .satisfies(e -> assertThat(messages(e)).contains("split_shard", "badargs"));
        assertThatThrownBy(() -> sql("CALL dh.sys.no_such_procedure('x')"))
                .satisfies(e -> assertThat(messages(e)).contains("no_such_procedure"));
    }

    @Test
    void aBareTopicMeansTheProjectTheProcedureIsCalledIn() {
        topic("bare", 1);
        sql(
                "CREATE CATALOG nodefault WITH ('type' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + ACCESS_ID
                        + "', 'access-key' = '"
                        + ACCESS_KEY
                        + "')");

        assertThatThrownBy(() -> sql("CALL nodefault.sys.create_subscription('bare', 'c')"))
                .satisfies(e -> assertThat(messages(e)).contains("'topic'", "default-database"));

        sql("USE nodefault." + P);
        sql("CALL create_subscription('bare', 'in the project')");
        assertThat(client.listSubscription(P, "bare", "", 1, 10).getSubscriptions())
                .extracting(s -> s.getComment())
                .containsExactly("in the project");
        assertThat(strings("SHOW PROCEDURES IN nodefault.sys"))
                .contains("+I[split_shard]", "+I[reset_subscription_offset]");
    }

    // ------------------------------------------------------------------ schema

    @Test
    void appendFieldAddsANullableField() {
        topic("append", 1);

        sql("CALL dh.sys.append_field('append', 'score', 'double', 'added by CALL')");

        assertThat(client.getTopic(P, "append").getRecordSchema().getFields())
                .endsWith(new Field("score", FieldType.DOUBLE, true, "added by CALL"));
        assertThatThrownBy(() -> sql("CALL dh.sys.append_field('append', 'x', 'VARCHAR')"))
                .satisfies(e -> assertThat(messages(e)).contains("'field_type'", "VARCHAR"));
    }

    // ------------------------------------------------------------------ connectors

    @Test
    void connectorProceduresManageAConnectorAndItsTableHidesTheSecret() {
        topic("conn", 1);
        String config =
                "{\"Project\":\"odps_p\",\"Table\":\"odps_t\",\"OdpsEndpoint\":\"http://odps.example\","
                        + "\"AccessId\":\"odps_id\",\"AccessKey\":\""
                        + TARGET_SECRET
                        + "\"}";

        String id =
                (String)
                        sql("CALL dh.sys.create_connector('conn', 'sink_odps', 'id, name', '"
                                        + config
                                        + "')")
                                .get(0)
                                .getField(0);

        GetConnectorResult created = client.getConnector(P, "conn", id);
        assertThat(created.getType()).isEqualTo(ConnectorType.SINK_ODPS);
        assertThat(created.getColumnFields()).containsExactly("id", "name");
        List<Row> listed =
                sql(
                        "SELECT connector_id, type, state, column_fields, sub_id, config"
                                + " FROM `conn$connectors`");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).toString())
                .contains(id, "sink_odps", "CONNECTOR_RUNNING", "[id, name]", created.getSubId())
                .contains("\"Project\":\"odps_p\"", "\"AccessId\":\"odps_id\"")
                .doesNotContain(TARGET_SECRET);

        sql("CALL dh.sys.update_connector_state('conn', '" + id + "', 'STOPPED')");
        assertThat(client.getConnector(P, "conn", id).getState())
                .isEqualTo(ConnectorState.CONNECTOR_STOPPED);

        sql(
                "CALL dh.sys.update_connector_offset(topic => 'conn', connector_id => '"
                        + id
                        + "', sequence => 5, timestamp_ms => -1, shard_id => '0')");
        assertThat(
                        client.getConnectorShardStatus(P, "conn", id, "0")
                                .getShardStatusInfos()
                                .get("0")
                                .getCurrentSequence())
                .isEqualTo(5);

        sql("CALL dh.sys.update_connector_state('conn', '" + id + "', 'running')");
        sql("CALL dh.sys.reload_connector('conn', '" + id + "')");
        assertThat(client.getConnector(P, "conn", id).getState())
                .isEqualTo(ConnectorState.CONNECTOR_RUNNING);

        client.appendField(P, "conn", new Field("extra", FieldType.STRING));
        sql("CALL dh.sys.append_connector_field('conn', '" + id + "', 'extra')");
        assertThat(client.getConnector(P, "conn", id).getColumnFields())
                .containsExactly("id", "name", "extra");

        sql("CALL dh.sys.delete_connector('conn', '" + id + "')");
        assertThat(client.listConnector(P, "conn").getConnectorIds()).isEmpty();
    }

    @Test
    void createConnectorRejectsAnUnknownTypeAndBadJsonWithoutEchoingIt() {
        topic("connbad", 1);

        assertThatThrownBy(
                        () ->
                                sql(
                                        "CALL dh.sys.create_connector('connbad', 'sink_nowhere', 'id', '{}')"))
                .satisfies(
                        e ->
                                assertThat(messages(e))
                                        .contains("'type'", "sink_nowhere", "sink_odps"));
        assertThatThrownBy(
                        () ->
                                sql(
                                        "CALL dh.sys.create_connector('connbad', 'sink_odps', 'id', '{\"AccessKey\":\""
                                                + TARGET_SECRET
                                                + "\"')"))
                .satisfies(
                        e ->
                                assertThat(messages(e))
                                        .contains("'config_json'")
                                        .doesNotContain(TARGET_SECRET));
    }
}
