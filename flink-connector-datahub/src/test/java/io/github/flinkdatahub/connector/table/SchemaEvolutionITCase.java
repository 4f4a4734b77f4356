package io.github.flinkdatahub.connector.table;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * SQL tables on a topic that gained a field ({@code appendField}, i.e. {@code ALTER TABLE ... ADD})
 * between writes, on the emulator through a MiniCluster: {@code lengthCheck} on the records written
 * before the append, the schema registry on the source, and a sink writing with an older registered
 * schema version.
 */
class SchemaEvolutionITCase {
    private static final String PROJECT = "schema_evolution_it";
    private static final RecordSchema V0 =
            RecordSchema.fromLists(
                    List.of("id", "name"), List.of(FieldType.BIGINT, FieldType.STRING));
    private static final Field EXTRA = new Field("extra", FieldType.STRING);
    private static final RecordSchema V1 = V0.withField(EXTRA);

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    static DataHubClient client;
    StreamTableEnvironment tEnv;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        client.createProject(PROJECT, "");
    }

    @BeforeEach
    void env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        tEnv = StreamTableEnvironment.create(env);
    }

    private static String with(String topic, String extra) {
        return " WITH ('connector' = 'datahub', 'endPoint' = '"
                + DATAHUB.endpoint()
                + "', 'accessId' = '"
                + DataHubEmulator.DEFAULT_ACCESS_ID
                + "', 'accessKey' = '"
                + DataHubEmulator.DEFAULT_ACCESS_KEY
                + "', 'project' = '"
                + PROJECT
                + "', 'topic' = '"
                + topic
                + "', 'scan.startup.mode' = 'earliest'"
                + extra
                + ")";
    }

    /** Records 1 and 2 with the original fields, then {@code extra} appended, then record 3. */
    private static void evolvedTopic(String topic) {
        client.createTupleTopic(PROJECT, topic, 1, 1, V0, "");
        client.waitShardsReady(PROJECT, topic);
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(TupleRecord.of(V0, 1L, "old"), TupleRecord.of(V0, 2L, "old")));
        client.appendField(PROJECT, topic, EXTRA);
        client.putRecordsByShard(PROJECT, topic, "0", List.of(TupleRecord.of(V1, 3L, "new", "x")));
    }

    private static List<Row> collect(TableResult result) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private List<Row> readAll(String table, String topic, String extra) throws Exception {
        tEnv.executeSql(
                "CREATE TABLE "
                        + table
                        + " (id BIGINT, name STRING, extra STRING)"
                        + with(topic, ", 'scan.bounded.mode' = 'latest'" + extra));
        return collect(tEnv.executeSql("SELECT id, name, extra FROM " + table));
    }

    @ParameterizedTest
    @EnumSource(WireMode.class)
    void lengthCheckPadReadsTheAppendedColumnOfOlderRecordsAsNull(WireMode protocol)
            throws Exception {
        String topic = "pad_" + protocol.name().toLowerCase();
        evolvedTopic(topic);

        List<Row> rows =
                readAll(
                        "t",
                        topic,
                        ", 'lengthCheck' = 'PAD', 'client.protocol' = '" + protocol + "'");

        assertThat(rows.stream().map(Row::toString).collect(Collectors.toList()))
                .containsExactly("+I[1, old, null]", "+I[2, old, null]", "+I[3, new, x]");
    }

    @Test
    void lengthCheckSkipDropsTheRecordsWrittenBeforeTheAppendAndCountsThem() throws Exception {
        evolvedTopic("skip");
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT, name STRING, extra STRING)"
                        + with("skip", ", 'scan.bounded.mode' = 'latest', 'lengthCheck' = 'SKIP'"));

        TableResult result = tEnv.executeSql("SELECT id, extra FROM t");
        List<Row> rows = collect(result);

        assertThat(rows.stream().map(Row::toString).collect(Collectors.toList()))
                .containsExactly("+I[3, x]");
        Map<String, Metric> metrics =
                REPORTER.getMetricsByIdentifiers(result.getJobClient().get().getJobID());
        assertThat(
                        metrics.entrySet().stream()
                                .filter(e -> e.getKey().endsWith("numRecordsSkippedByLengthCheck"))
                                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                                .sum())
                .isEqualTo(2);
    }

    @Test
    void lengthCheckExceptionFailsTheJobNamingTopicShardSequenceAndColumn() {
        evolvedTopic("strict");

        Throwable failure =
                catchThrowable(() -> readAll("t", "strict", ", 'lengthCheck' = 'EXCEPTION'"));

        assertThat(ExceptionUtils.findThrowableWithMessage(failure, "no field for column 'extra'"))
                .hasValueSatisfying(
                        e ->
                                assertThat(e.getMessage())
                                        .contains(PROJECT + ".strict")
                                        .contains("shard 0")
                                        .contains("sequence 0")
                                        .contains("written with 2 fields"));
    }

    @Test
    @Timeout(120) // a hang guard: the rows are read as they come
    void aSourceWithTheSchemaRegistryKeepsReadingAcrossAnAppend() throws Exception {
        client.createTupleTopic(PROJECT, "registry", 1, 1, V0, "");
        client.waitShardsReady(PROJECT, "registry");
        client.putRecordsByShard(PROJECT, "registry", "0", List.of(TupleRecord.of(V0, 1L, "old")));
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT, name STRING)"
                        + with("registry", ", 'enableSchemaRegistry' = 'true'"));

        try (CloseableIterator<Row> it = tEnv.executeSql("SELECT id, name FROM t").collect()) {
            // The job runs and has read the record from before the append.
            assertThat(it.next().toString()).isEqualTo("+I[1, old]");

            client.appendField(PROJECT, "registry", EXTRA);
            client.putRecordsByShard(
                    PROJECT, "registry", "0", List.of(TupleRecord.of(V1, 2L, "new", "x")));

            assertThat(it.next().toString()).isEqualTo("+I[2, new]");
        }
    }

    @Test
    void aSinkWithAnOlderSchemaVersionWritesRecordsOfThatShape() throws Exception {
        client.createTupleTopic(PROJECT, "older", 1, 1, V0, "");
        client.waitShardsReady(PROJECT, "older");
        client.appendField(PROJECT, "older", EXTRA);
        tEnv.executeSql(
                "CREATE TABLE sink (id BIGINT, name STRING)"
                        + with(
                                "older",
                                ", 'schemaVersion' = '0', 'enableSchemaRegistry' = 'true'"));

        tEnv.executeSql("INSERT INTO sink VALUES (1, 'v0')").await();

        List<TupleRecord> stored =
                TopicContents.all(client, PROJECT, "older").stream()
                        .map(TupleRecord.class::cast)
                        .collect(Collectors.toList());
        assertThat(stored).extracting(TupleRecord::getWrittenFieldCount).containsExactly(2);
        assertThat(stored).extracting(r -> r.getValue("name")).containsExactly("v0");
        assertThat(readAll("t", "older", ", 'lengthCheck' = 'SKIP'")).isEmpty();
    }
}
