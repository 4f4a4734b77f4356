package io.github.flinkdatahub.connector.table;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Option and schema validation of {@code 'connector' = 'datahub'}, at planning time (no job runs).
 */
class DataHubTableFactoryTest {
    private static final String PROJECT = "factory_test";

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    TableEnvironment tEnv;

    @BeforeAll
    static void createTopics() {
        DataHubClient client = DATAHUB.client();
        client.createProject(PROJECT, "");
        client.createTupleTopic(
                PROJECT,
                "orders",
                2,
                1,
                RecordSchema.fromLists(
                        List.of("id", "Name", "price"),
                        List.of(FieldType.BIGINT, FieldType.STRING, FieldType.DOUBLE)),
                "");
        client.createBlobTopic(PROJECT, "blobs", 1, 1, "");
    }

    @BeforeEach
    void env() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    private String with(String topic, String extra) {
        return "WITH ('connector' = 'datahub', 'endpoint' = '"
                + DATAHUB.endpoint()
                + "', 'access-id' = '"
                + DataHubEmulator.DEFAULT_ACCESS_ID
                + "', 'access-key' = '"
                + DataHubEmulator.DEFAULT_ACCESS_KEY
                + "', 'project' = '"
                + PROJECT
                + "', 'topic' = '"
                + topic
                + "'"
                + extra
                + ")";
    }

    private void create(String columns, String topic, String extra) {
        tEnv.executeSql("CREATE TABLE t (" + columns + ") " + with(topic, extra));
    }

    private String planSelect() {
        return tEnv.explainSql("SELECT * FROM t");
    }

    @Test
    void columnsMatchTopicFieldsIgnoringCaseAndProjectionPlans() {
        create("ID BIGINT, name STRING, price DOUBLE", "orders", "");

        assertThat(tEnv.explainSql("SELECT name FROM t")).contains("project=[name]");
    }

    @Test
    void missingRequiredOptionIsNamed() {
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT) WITH ('connector' = 'datahub', 'endpoint' = 'http://x',"
                        + " 'access-id' = 'a', 'access-key' = 'b', 'topic' = 'orders')");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("Missing required options are:")
                .hasStackTraceContaining("project");
    }

    @Test
    void unknownOptionIsRejectedWithASuggestion() {
        create("id BIGINT", "orders", ", 'scan.startup.modes' = 'earliest'");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("Unsupported options found for 'datahub'")
                .hasStackTraceContaining("scan.startup.modes")
                .hasStackTraceContaining("scan.startup.mode");
    }

    @Test
    void propertiesPrefixPassesThrough() {
        create("id BIGINT", "orders", ", 'properties.anything' = 'x'");

        assertThat(planSelect()).contains("TableSourceScan");
    }

    @Test
    void badStartupModeListsTheModes() {
        create("id BIGINT", "orders", ", 'scan.startup.mode' = 'group-offsets'");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("scan.startup.mode")
                .hasStackTraceContaining("specific-sequences");
    }

    @Test
    void badSpecificSequencesNameTheEntryAndTheFormat() {
        create(
                "id BIGINT",
                "orders",
                ", 'scan.startup.mode' = 'specific-sequences',"
                        + " 'scan.startup.specific-sequences' = 'shard:0,sequence:42;shard:1,seq:7'");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("bad entry 'shard:1,seq:7'")
                .hasStackTraceContaining("shard:<id>,sequence:<n>");
    }

    @Test
    void specificSequencesParse() {
        assertThat(
                        DataHubDynamicTableFactory.parseSequences(
                                "shard:0,sequence:42; shard:1 , sequence:7"))
                .isEqualTo(Map.of("0", 42L, "1", 7L));
    }

    @Test
    void timestampModeWithoutATimeSaysWhichOptionsToSet() {
        create("id BIGINT", "orders", ", 'scan.startup.mode' = 'timestamp'");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("scan.startup.timestamp-millis")
                .hasStackTraceContaining("startTime");
    }

    @Test
    void badVvrStartTimeShowsThePattern() {
        create("id BIGINT", "orders", ", 'startTime' = '2024/01/01 00:00'");

        assertThatThrownBy(this::planSelect).hasStackTraceContaining("yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void subscriptionModeNeedsASubscriptionId() {
        create("id BIGINT", "orders", ", 'scan.startup.mode' = 'subscription'");

        assertThatThrownBy(this::planSelect).hasStackTraceContaining("scan.subscription.id");
    }

    @Test
    void hostedConnectorKeysAreAccepted() {
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT) WITH ('connector' = 'datahub', 'endPoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'accessId' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'accessKey' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "', 'project' = '"
                        + PROJECT
                        + "', 'topic' = 'orders',"
                        + " 'subId' = 's1', 'startTime' = '2024-01-01 00:00:00', 'endTime' = '2024-01-02 00:00:00',"
                        + " 'maxFetchSize' = '100', 'fetchLatestDelay' = '1 s', 'batchCount' = '10', 'batchSize' = '1mb',"
                        + " 'flushInterval' = '2 s', 'hashFields' = 'id', 'CompressType' = 'lz4', 'retryTimeout' = '10 s',"
                        + " 'retryInterval' = '200 ms')");

        assertThat(planSelect()).contains("TableSourceScan");
        assertThat(tEnv.explainSql("INSERT INTO t VALUES (1)")).contains("Sink");
    }

    @Test
    void anAccessKeyWrittenAsAccessKeySecretIsMaskedInFlinksPlanningErrors() {
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT, qty INT) WITH ('connector' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'access-key-secret' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "', 'project' = '"
                        + PROJECT
                        + "', 'topic' = 'orders')");

        // Flink lists the table's options in this error; the key works and is shown as ******.
        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("Column 'qty' is not a field of DataHub topic")
                .hasStackTraceContaining("'access-key-secret'='******'")
                .satisfies(
                        e ->
                                assertThat(stackTrace(e))
                                        .doesNotContain(DataHubEmulator.DEFAULT_ACCESS_KEY));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void typeMismatchNamesColumnDeclaredTypeAndTopicType() {
        create("id BIGINT, name INT", "orders", "");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("Column 'name' is declared INT")
                .hasStackTraceContaining(
                        "field 'Name' of DataHub topic 'factory_test.orders' is STRING");
    }

    @Test
    void columnMissingFromTheTopicIsNamed() {
        create("id BIGINT, qty INT", "orders", "");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("Column 'qty' is not a field of DataHub topic");
    }

    @Test
    void missingTopicIsNamed() {
        create("id BIGINT", "nope", "");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("'factory_test.nope' does not exist");
    }

    @Test
    void blobTopicNeedsOneBytesColumnOrAFormat() {
        create("a STRING, b STRING", "blobs", "");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("is a blob topic")
                .hasStackTraceContaining("'format'");
    }

    @Test
    void formatOnATupleTopicIsRejected() {
        create("id BIGINT", "orders", ", 'format' = 'json'");

        assertThatThrownBy(this::planSelect)
                .hasStackTraceContaining("'format' applies to blob topics only");
    }

    @Test
    void hashFieldsMustBeTopicFields() {
        create("id BIGINT", "orders", ", 'sink.hash-fields' = 'id,zip'");

        assertThatThrownBy(() -> tEnv.explainSql("INSERT INTO t VALUES (1)"))
                .hasStackTraceContaining("'sink.hash-fields' names 'zip'");
    }

    @Test
    void sinkBuilderPreconditionsSurfaceAtPlanning() {
        create("id BIGINT", "orders", ", 'sink.batch.max-records' = '20000'");

        assertThatThrownBy(() -> tEnv.explainSql("INSERT INTO t VALUES (1)"))
                .hasStackTraceContaining("sink.batch.max-records");
    }

    @Test
    void alibabaMetadataDeclarationsPlan() {
        create(
                "id BIGINT, `shard-id` BIGINT METADATA VIRTUAL, `sequence` STRING METADATA VIRTUAL,"
                        + " `system-time` TIMESTAMP METADATA VIRTUAL, attrs MAP<STRING, STRING> METADATA FROM 'attributes'",
                "orders",
                "");

        assertThat(planSelect()).contains("metadata=[shard-id, sequence, system-time, attributes]");
    }
}
