package io.github.flinkdatahub.connector.table;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL written for Alibaba's hosted DataHub connector, with every documented option at its
 * documented values, reading and writing the emulator through a MiniCluster; checks the meanings
 * the options have there.
 */
class HostedConnectorOptionsITCase {
    private static final String PROJECT = "hosted_it";
    private static final RecordSchema EVENTS =
            RecordSchema.fromLists(
                    List.of("id", "name", "ts"),
                    List.of(FieldType.BIGINT, FieldType.STRING, FieldType.TIMESTAMP));

    /** 2024-01-01T00:00:00.123456Z in microseconds since the epoch. */
    private static final long MICROS = 1_704_067_200_123_456L;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
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
        tEnv.getConfig().set("table.local-time-zone", "UTC");
    }

    private static void topic(String topic) {
        client.createTupleTopic(PROJECT, topic, 1, 1, EVENTS, "");
        client.waitShardsReady(PROJECT, topic);
    }

    /** The hosted connector's connection keys, then {@code extra}. */
    private static String hosted(String topic, String extra) {
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
                + "', 'retryTimeout' = '1800000', 'retryInterval' = '1000'"
                + extra
                + ")";
    }

    /** Every documented sink option at its documented value, and a time zone. */
    private static final String SINK_OPTIONS =
            ", 'batchCount' = '500', 'batchSize' = '512000', 'flushInterval' = '5000',"
                    + " 'hashFields' = 'id', 'CompressType' = '', 'schemaVersion' = '-1',"
                    + " 'enableSchemaRegistry' = 'false', 'timeZone' = 'Asia/Shanghai'";

    /**
     * Every documented source option at its documented value (start: startTimeMs 0, so the records
     * written before are read; bounded by our option, as the hosted connector's end time would need
     * the records' system time).
     */
    private static final String SOURCE_OPTIONS =
            ", 'startTimeMs' = '0', 'maxFetchSize' = '50', 'maxBufferSize' = '50',"
                    + " 'fetchLatestDelay' = '500', 'lengthCheck' = 'NONE', 'columnErrorDebug' = 'false',"
                    + " 'CompressType' = 'lz4', 'enableSchemaRegistry' = 'false',"
                    + " 'timeZone' = 'Asia/Shanghai', 'scan.bounded.mode' = 'latest'";

    private List<Row> query(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static Map<Long, Object> storedTs(String topic) {
        return TopicContents.all(client, PROJECT, topic).stream()
                .map(TupleRecord.class::cast)
                .collect(Collectors.toMap(r -> (Long) r.getValue("id"), r -> r.getValue("ts")));
    }

    @Test
    void hostedDdlWritesAndReadsTimestampsAsWallClockTimeInItsZoneAndBigintAsMicros()
            throws Exception {
        topic("events");
        tEnv.executeSql(
                "CREATE TABLE sink_ts (id BIGINT, name STRING, ts TIMESTAMP(6))"
                        + hosted("events", SINK_OPTIONS));
        tEnv.executeSql(
                "CREATE TABLE sink_micros (id BIGINT, name STRING, ts BIGINT)"
                        + hosted("events", SINK_OPTIONS));

        tEnv.executeSql(
                        "INSERT INTO sink_ts VALUES (1, 'wall clock', TIMESTAMP '2024-01-01 08:00:00.123456')")
                .await();
        tEnv.executeSql("INSERT INTO sink_micros VALUES (2, 'raw', " + MICROS + ")").await();

        // Shanghai 08:00 is 00:00 UTC; the BIGINT column is stored as it is.
        assertThat(storedTs("events")).containsEntry(1L, MICROS).containsEntry(2L, MICROS);

        tEnv.executeSql(
                "CREATE TABLE source_ts (id BIGINT, name STRING, ts TIMESTAMP(6))"
                        + hosted("events", SOURCE_OPTIONS));
        tEnv.executeSql(
                "CREATE TABLE source_micros (id BIGINT, ts BIGINT)"
                        + hosted("events", SOURCE_OPTIONS));

        List<Row> walls = query("SELECT id, ts FROM source_ts");
        assertThat(walls)
                .extracting(r -> r.getField(1))
                .containsOnly(LocalDateTime.parse("2024-01-01T08:00:00.123456"));
        assertThat(walls).extracting(r -> r.getField(0)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(query("SELECT id, ts FROM source_micros"))
                .extracting(r -> r.getField(1))
                .containsOnly(MICROS);
    }

    @Test
    void startTimeMsWinsOverAFutureStartTimeAndMaxFetchSizeAboveTheMaximumReads() throws Exception {
        topic("starts");
        tEnv.executeSql(
                "CREATE TABLE sink (id BIGINT, name STRING, ts TIMESTAMP(6))"
                        + hosted("starts", SINK_OPTIONS));
        tEnv.executeSql(
                        "INSERT INTO sink VALUES (1, 'a', TIMESTAMP '2024-01-01 00:00:00'),"
                                + " (2, 'b', TIMESTAMP '2024-01-01 00:00:01')")
                .await();

        // Were the start time in 2099 to count, the bounded read would return nothing.
        tEnv.executeSql(
                "CREATE TABLE source (id BIGINT)"
                        + hosted(
                                "starts",
                                ", 'startTime' = '2099-01-01 00:00:00', 'startTimeMs' = '0',"
                                        + " 'maxFetchSize' = '5000', 'scan.bounded.mode' = 'latest'"));

        assertThat(query("SELECT id FROM source"))
                .extracting(r -> r.getField(0))
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void startTimeMsMinusOneIsNotSetSoTheHostedDefaultStartApplies() throws Exception {
        topic("unset");
        tEnv.executeSql(
                "CREATE TABLE sink (id BIGINT, name STRING, ts TIMESTAMP(6))"
                        + hosted("unset", SINK_OPTIONS));
        tEnv.executeSql("INSERT INTO sink VALUES (1, 'a', TIMESTAMP '2024-01-01 00:00:00')")
                .await();

        // -1 and a start time: the start time counts (here 1970, so everything is read).
        tEnv.executeSql(
                "CREATE TABLE source (id BIGINT)"
                        + hosted(
                                "unset",
                                ", 'startTimeMs' = '-1', 'startTime' = '1970-01-01 00:00:00',"
                                        + " 'scan.bounded.mode' = 'latest'"));

        assertThat(query("SELECT id FROM source"))
                .extracting(r -> r.getField(0))
                .containsExactly(1L);
        List<Record> stored = TopicContents.all(client, PROJECT, "unset");
        assertThat(stored).hasSize(1);
    }
}
