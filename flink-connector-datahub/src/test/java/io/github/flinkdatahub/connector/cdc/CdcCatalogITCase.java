package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog shows a topic of change records as a changelog table of its data columns. */
class CdcCatalogITCase {
    private static final String P = "cdc_catalog";
    private static final String BOUNDED =
            " /*+ OPTIONS('scan.startup.mode' = 'earliest', 'scan.bounded.mode' = 'latest') */";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    TableEnvironment tEnv;

    /** Writes {@code 1: insert, update; 2: insert, delete; 3: insert} in each layout's topic. */
    @BeforeAll
    static void createTopics() {
        DataHubClient client = DATAHUB.client();
        client.createProject(P, "");
        for (ChangeRecordWriter layout : ChangeRecordWriter.values()) {
            String topic = layout.name().toLowerCase();
            RecordSchema schema = layout.schema();
            client.createTupleTopic(P, topic, 2, 1, schema, "replicated orders");
            client.waitShardsReady(P, topic);
            SimulatedTable.Row a = new SimulatedTable.Row(1, "g1", 10);
            SimulatedTable.Row a2 = new SimulatedTable.Row(1, "g2", 15);
            SimulatedTable.Row b = new SimulatedTable.Row(2, "g1", 20);
            SimulatedTable.Row c = new SimulatedTable.Row(3, "g2", 30);
            List<Record> records =
                    List.of(
                            layout.record(schema, 1, "I", "N", "Y", a),
                            layout.record(schema, 2, "I", "N", "Y", b),
                            layout.record(schema, 3, "U", "Y", "N", a),
                            layout.record(schema, 4, "U", "N", "Y", a2),
                            layout.record(schema, 5, "D", "Y", "N", b),
                            layout.record(schema, 6, "I", "N", "Y", c));
            assertThat(client.putRecords(P, topic, records).getFailedRecordCount()).isZero();
        }
    }

    @BeforeEach
    void createCatalog() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "1");
        sql(
                "CREATE CATALOG dh WITH ('type' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'access-key' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "', 'default-database' = '"
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

    @Test
    void aTopicOfChangeRecordsIsDescribedAsItsDataColumnsWithTheLayout() {
        for (ChangeRecordWriter layout : ChangeRecordWriter.values()) {
            String table = layout.name().toLowerCase();
            List<Row> described = sql("DESCRIBE " + table);
            assertThat(described)
                    .extracting(r -> r.getField(0))
                    .as(table)
                    .containsExactly("id", "grp", "amount");
            assertThat(described)
                    .extracting(r -> String.valueOf(r.getField(6)))
                    .allSatisfy(
                            comment ->
                                    assertThat(comment)
                                            .startsWith(
                                                    layout == ChangeRecordWriter.DATAWORKS
                                                            ? "DataWorks"
                                                            : "DTS"));
            String created = String.valueOf(sql("SHOW CREATE TABLE " + table).get(0).getField(0));
            assertThat(created).contains("'cdc.format' = '" + layout.format + "'");
        }
        assertThat(String.valueOf(sql("DESCRIBE dts_previous").get(0).getField(6)))
                .contains("'dts_id'");
        assertThat(String.valueOf(sql("SHOW CREATE TABLE dts_previous").get(0).getField(0)))
                .contains("'cdc.dts.naming' = 'previous'");
    }

    @Test
    void aCatalogTableOfChangeRecordsReadsAsAChangelog() {
        for (ChangeRecordWriter layout : ChangeRecordWriter.values()) {
            String table = layout.name().toLowerCase();
            Map<String, String> view = new TreeMap<>();
            for (Row r :
                    sql(
                            "SELECT grp, COUNT(*), SUM(amount) FROM "
                                    + table
                                    + BOUNDED
                                    + " GROUP BY grp")) {
                if (r.getKind() == RowKind.INSERT || r.getKind() == RowKind.UPDATE_AFTER) {
                    view.put((String) r.getField(0), r.getField(1) + "," + r.getField(2));
                } else {
                    view.remove((String) r.getField(0));
                }
            }
            assertThat(view).as(table).isEqualTo(Map.of("g2", "2,45"));
        }
    }

    @Test
    void anOptionsHintTurnsTheChangelogOffAndReadsEveryRecordAsAnInsert() {
        List<Row> rows =
                sql(
                        "SELECT COUNT(*) FROM dts_new /*+ OPTIONS('scan.startup.mode' = 'earliest',"
                                + " 'scan.bounded.mode' = 'latest', 'cdc.format' = 'none') */");
        assertThat(rows.get(rows.size() - 1).getField(0)).isEqualTo(6L);
    }
}
