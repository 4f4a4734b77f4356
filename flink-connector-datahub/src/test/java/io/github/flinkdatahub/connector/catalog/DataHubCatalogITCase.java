package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code CREATE CATALOG ... 'type' = 'datahub'} in a TableEnvironment on a MiniCluster, against the
 * emulator.
 */
class DataHubCatalogITCase {
    private static final String ACCESS_ID = "catalog_it";

    /** Distinctive, so a leak into printed options or errors is found by a substring search. */
    private static final String ACCESS_KEY = "Zx8-catalog-it-key";

    private static final String P = "catalog_it";

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
    static void createTopics() {
        client = DATAHUB.client();
        client.createProject(P, "catalog IT");
        client.createTupleTopic(
                P,
                "orders",
                1,
                1,
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false, "order id"),
                        new Field("item", FieldType.STRING),
                        new Field("price", FieldType.DECIMAL),
                        new Field("at", FieldType.TIMESTAMP)),
                "the orders");
        client.createBlobTopic(P, "blobs", 1, 1, "");
    }

    @BeforeEach
    void createCatalog() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "1");
        sql(
                "CREATE CATALOG dh WITH ('type' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "',"
                        + " 'access-id' = '"
                        + ACCESS_ID
                        + "', 'access-key' = '"
                        + ACCESS_KEY
                        + "',"
                        + " 'default-database' = '"
                        + P
                        + "')");
        sql("USE CATALOG dh");
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

    private List<String> column(String statement, int index) {
        return sql(statement).stream()
                .map(r -> String.valueOf(r.getField(index)))
                .collect(Collectors.toList());
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void showsProjectsAndTopicsAndDescribesTheMappedTypes() {
        assertThat(column("SHOW DATABASES", 0)).contains(P);
        assertThat(column("SHOW TABLES", 0)).contains("orders", "blobs");

        List<Row> described = sql("DESCRIBE orders");
        assertThat(described)
                .extracting(r -> r.getField(0))
                .containsExactly("id", "item", "price", "at");
        assertThat(described)
                .extracting(r -> r.getField(1))
                .containsExactly("BIGINT", "STRING", "DECIMAL(38, 18)", "TIMESTAMP(6)");
        assertThat(described)
                .extracting(r -> r.getField(2))
                .containsExactly(false, true, true, true);
        assertThat(described.get(0).getField(6)).isEqualTo("order id");
        assertThat(sql("DESCRIBE blobs"))
                .extracting(r -> r.getField(0) + " " + r.getField(1))
                .containsExactly("data BYTES");
    }

    @Test
    void showCreateTableAndPlanningErrorsDoNotShowTheAccessKey() {
        String ddl = column("SHOW CREATE TABLE orders", 0).get(0);
        assertThat(ddl)
                .contains(
                        "'connector' = 'datahub'",
                        "'topic' = 'orders'",
                        "'access-id' = '" + ACCESS_ID + "'")
                .doesNotContain(ACCESS_KEY);

        assertThatThrownBy(
                        () ->
                                sql(
                                        "SELECT * FROM orders /*+ OPTIONS('scan.startup.mode' = 'bogus') */"))
                .satisfies(
                        e ->
                                assertThat(messages(e))
                                        .contains("scan.startup.mode")
                                        .doesNotContain(ACCESS_KEY));
    }

    @Test
    void createAlterInsertSelectAndDropThroughSql() {
        sql("CREATE DATABASE cat_it_new COMMENT 'made with SQL'");
        assertThat(client.getProject("cat_it_new").getComment()).isEqualTo("made with SQL");

        sql(
                "CREATE TABLE cat_it_new.events (id BIGINT NOT NULL COMMENT 'key', name STRING) COMMENT 'events'"
                        + " WITH ('shard-count' = '2', 'lifecycle' = '3')");
        GetTopicResult topic = client.getTopic("cat_it_new", "events");
        assertThat(topic.getShardCount()).isEqualTo(2);
        assertThat(topic.getLifeCycle()).isEqualTo(3);
        assertThat(topic.getComment()).isEqualTo("events");
        assertThat(topic.getRecordSchema().getFields())
                .containsExactly(
                        new Field("id", FieldType.BIGINT, false, "key"),
                        new Field("name", FieldType.STRING, true, ""));

        sql("ALTER TABLE cat_it_new.events ADD note STRING COMMENT 'added'");
        assertThat(client.getTopic("cat_it_new", "events").getRecordSchema().getFields())
                .endsWith(new Field("note", FieldType.STRING, true, "added"));
        assertThatThrownBy(() -> sql("ALTER TABLE cat_it_new.events DROP name"))
                .satisfies(e -> assertThat(messages(e)).contains("appended at the end"));

        sql("INSERT INTO cat_it_new.events VALUES (1, 'a', CAST(NULL AS STRING)), (2, 'b', 'two')");
        List<String> read =
                sql(
                                "SELECT id, name, note FROM cat_it_new.events"
                                        + " /*+ OPTIONS('scan.startup.mode' = 'earliest', 'scan.bounded.mode' = 'latest') */")
                        .stream()
                        .map(Row::toString)
                        .collect(Collectors.toList());
        assertThat(read).containsExactlyInAnyOrder("+I[1, a, null]", "+I[2, b, two]");

        // CREATE TABLE AS SELECT: the new table's sink carries only the CREATE options.
        sql(
                "CREATE TABLE cat_it_new.events_copy WITH ('shard-count' = '1') AS SELECT id, name FROM"
                        + " cat_it_new.events /*+ OPTIONS('scan.startup.mode' = 'earliest', 'scan.bounded.mode' = 'latest') */");
        assertThat(TopicContents.all(client, "cat_it_new", "events_copy")).hasSize(2);

        assertThatThrownBy(() -> sql("DROP DATABASE cat_it_new"))
                .satisfies(e -> assertThat(messages(e)).contains("cat_it_new"));
        sql("DROP TABLE cat_it_new.events");
        sql("DROP TABLE cat_it_new.events_copy");
        assertThat(client.listTopic("cat_it_new").getTopicNames()).isEmpty();
        sql("DROP DATABASE cat_it_new");
        assertThat(column("SHOW DATABASES", 0)).doesNotContain("cat_it_new");
    }

    @Test
    void dropDatabaseCascadeDropsItsTopics() {
        sql("CREATE DATABASE cat_it_cascade");
        sql("CREATE TABLE cat_it_cascade.t (a INT)");

        sql("DROP DATABASE cat_it_cascade CASCADE");

        assertThat(client.listProject().getProjectNames()).doesNotContain("cat_it_cascade");
    }

    @Test
    void aBlobTopicIsWrittenAsItsDataBytesColumn() {
        sql("INSERT INTO blobs VALUES (X'0102'), (X'ff')");

        // Read back with the client: the tuple test already reads a catalog table with SQL.
        List<String> read =
                TopicContents.all(client, P, "blobs").stream()
                        .map(r -> HexFormat.of().formatHex(((BlobRecord) r).getData()))
                        .collect(Collectors.toList());
        assertThat(read).containsExactly("0102", "ff");
    }

    @Test
    void aMissingTableIsReportedByName() {
        assertThatThrownBy(() -> sql("SELECT * FROM no_such_topic"))
                .satisfies(e -> assertThat(messages(e)).contains("no_such_topic"));
        assertThatThrownBy(() -> sql("CREATE TABLE no_such_project.t (a INT)"))
                .satisfies(e -> assertThat(messages(e)).contains("no_such_project"));
    }
}
