package io.github.flinkdatahub.connector.table;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL jobs on a MiniCluster reading and writing DataHub topics of the in-process emulator. */
class DataHubTableITCase {
    private static final String PROJECT = "table_it";
    private static final RecordSchema ORDERS =
            RecordSchema.fromLists(
                    List.of("id", "name", "price", "ts"),
                    List.of(
                            FieldType.BIGINT,
                            FieldType.STRING,
                            FieldType.DECIMAL,
                            FieldType.TIMESTAMP));

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
        env.setParallelism(2);
        tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.local-time-zone", "UTC");
    }

    private static void tupleTopic(String topic, int shards, RecordSchema schema) {
        client.createTupleTopic(PROJECT, topic, shards, 1, schema, "");
        client.waitShardsReady(PROJECT, topic);
    }

    private static void blobTopic(String topic) {
        client.createBlobTopic(PROJECT, topic, 1, 1, "");
        client.waitShardsReady(PROJECT, topic);
    }

    private static String with(String topic, String extra) {
        return " WITH ('connector' = 'datahub', 'endpoint' = '"
                + DATAHUB.endpoint()
                + "', 'access-id' = '"
                + DataHubEmulator.DEFAULT_ACCESS_ID
                + "', 'access-key' = '"
                + DataHubEmulator.DEFAULT_ACCESS_KEY
                + "', 'project' = '"
                + PROJECT
                + "', 'topic' = '"
                + topic
                + "', 'scan.startup.mode' = 'earliest',"
                + " 'scan.bounded.mode' = 'latest', 'sink.flush-interval' = '100 ms'"
                + extra
                + ")";
    }

    private List<Row> query(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    private static List<Record> records(String topic) {
        return TopicContents.all(client, PROJECT, topic);
    }

    @Test
    void insertIntoATupleTopicThenSelectBackAProjection() throws Exception {
        tupleTopic("orders", 2, ORDERS);
        tEnv.executeSql(
                "CREATE TABLE orders (id BIGINT, name STRING, price DECIMAL(10, 2), ts TIMESTAMP(6))"
                        + with("orders", ""));

        tEnv.executeSql(
                        "INSERT INTO orders VALUES (1, 'apple', 1.50, TIMESTAMP '2024-05-01 08:00:00.123456'),"
                                + " (2, 'pear', 2.25, TIMESTAMP '2024-05-01 08:00:01'), (3, CAST(NULL AS STRING), 3.00,"
                                + " TIMESTAMP '2024-05-01 08:00:02')")
                .await();

        List<Record> written = records("orders");
        assertThat(written).hasSize(3);
        TupleRecord apple =
                written.stream()
                        .map(TupleRecord.class::cast)
                        .filter(r -> ((Long) r.getValue("id")) == 1L)
                        .findFirst()
                        .orElseThrow();
        assertThat(apple.getValue("name")).isEqualTo("apple");
        assertThat(new BigDecimal(apple.getValue("price").toString())).isEqualByComparingTo("1.50");
        // 2024-05-01T08:00:00.123456Z in microseconds
        assertThat(apple.getValue("ts")).isEqualTo(1714550400123456L);

        assertThat(sorted(query("SELECT name, id FROM orders")))
                .containsExactly("+I[apple, 1]", "+I[null, 3]", "+I[pear, 2]");
    }

    @Test
    void metadataColumnsReadWithTheHostedConnectorsDeclarations() throws Exception {
        RecordSchema schema = RecordSchema.fromLists(List.of("v"), List.of(FieldType.STRING));
        tupleTopic("meta", 2, schema);
        client.putRecords(
                PROJECT,
                "meta",
                List.of(
                        TupleRecord.builder(schema)
                                .values("a")
                                .shardId("1")
                                .attribute("origin", "app")
                                .build(),
                        TupleRecord.builder(schema).values("b").shardId("1").build()));
        long systemTime = records("meta").get(0).getSystemTime();
        // As the hosted connector's documentation declares them
        tEnv.executeSql(
                "CREATE TABLE meta (v STRING, `shard-id` BIGINT METADATA VIRTUAL,"
                        + " `sequence` STRING METADATA VIRTUAL, `system-time` TIMESTAMP METADATA VIRTUAL)"
                        + with("meta", ""));
        // As listed by the connector
        tEnv.executeSql(
                "CREATE TABLE meta_native (v STRING, sid STRING METADATA FROM 'shard-id' VIRTUAL,"
                        + " seq BIGINT METADATA FROM 'sequence' VIRTUAL, st TIMESTAMP_LTZ(3) METADATA FROM 'system-time'"
                        + " VIRTUAL, attrs MAP<STRING, STRING> METADATA FROM 'attributes')"
                        + with("meta", ""));

        List<Row> hosted = query("SELECT v, `shard-id`, `sequence`, `system-time` FROM meta");
        List<Row> listed = query("SELECT v, sid, seq, st, attrs FROM meta_native");

        hosted.sort(Comparator.comparing(r -> (String) r.getField(0)));
        listed.sort(Comparator.comparing(r -> (String) r.getField(0)));
        assertThat(hosted).hasSize(2);
        assertThat(hosted.get(0).getField(1)).isEqualTo(1L);
        assertThat(hosted.get(0).getField(2)).isEqualTo("0");
        assertThat(hosted.get(1).getField(2)).isEqualTo("1");
        // TIMESTAMP shows the system time in the session zone (UTC here)
        assertThat(hosted.get(0).getField(3))
                .isEqualTo(
                        LocalDateTime.ofInstant(Instant.ofEpochMilli(systemTime), ZoneOffset.UTC));
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).getField(1)).isEqualTo("1");
        assertThat(listed.get(1).getField(2)).isEqualTo(1L);
        assertThat(listed.get(0).getField(3)).isEqualTo(Instant.ofEpochMilli(systemTime));
        assertThat(listed.get(0).getField(4)).isEqualTo(Map.of("origin", "app"));
        assertThat(listed.get(1).getField(4)).isEqualTo(Map.of());
    }

    @Test
    void attributesAreWrittenAndReadBack() throws Exception {
        RecordSchema schema = RecordSchema.fromLists(List.of("v"), List.of(FieldType.STRING));
        tupleTopic("attrs", 1, schema);
        tEnv.executeSql(
                "CREATE TABLE attrs (v STRING, attributes MAP<STRING, STRING> METADATA)"
                        + with("attrs", ""));

        tEnv.executeSql(
                        "INSERT INTO attrs VALUES ('x', MAP['k', 'v', 'trace', '42']),"
                                + " ('y', CAST(NULL AS MAP<STRING, STRING>))")
                .await();

        List<Record> written = records("attrs");
        assertThat(written)
                .extracting(Record::getAttributes)
                .containsExactlyInAnyOrder(Map.of("k", "v", "trace", "42"), Map.of());
        List<Row> rows = query("SELECT v, attributes FROM attrs");
        assertThat(rows)
                .extracting(r -> r.getField(1))
                .containsExactlyInAnyOrder(Map.of("k", "v", "trace", "42"), Map.of());
    }

    @Test
    void blobTopicWithAJsonFormat() throws Exception {
        blobTopic("events_json");
        tEnv.executeSql(
                "CREATE TABLE ev (user_id BIGINT, action STRING)"
                        + with(
                                "events_json",
                                ", 'format' = 'json', 'json.ignore-parse-errors' = 'true'"));

        tEnv.executeSql("INSERT INTO ev VALUES (7, 'click'), (8, 'view')").await();

        assertThat(records("events_json"))
                .extracting(r -> new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        "{\"user_id\":7,\"action\":\"click\"}",
                        "{\"user_id\":8,\"action\":\"view\"}");
        assertThat(sorted(query("SELECT action FROM ev"))).containsExactly("+I[click]", "+I[view]");
    }

    @Test
    void blobTopicAsASingleBytesColumn() throws Exception {
        blobTopic("blob_raw");
        client.putRecords(PROJECT, "blob_raw", List.of(BlobRecord.of(new byte[] {1, 2, 3})));
        tEnv.executeSql(
                "CREATE TABLE blob_raw (payload BYTES, seq BIGINT METADATA FROM 'sequence' VIRTUAL)"
                        + with("blob_raw", ""));

        tEnv.executeSql("INSERT INTO blob_raw VALUES (X'CAFE')").await();

        assertThat(records("blob_raw"))
                .extracting(r -> ((BlobRecord) r).getData())
                .containsExactly(new byte[] {1, 2, 3}, new byte[] {(byte) 0xCA, (byte) 0xFE});
        List<Row> rows = query("SELECT payload, seq FROM blob_raw");
        assertThat(rows).hasSize(2);
        assertThat(rows)
                .anySatisfy(
                        r -> {
                            assertThat((byte[]) r.getField(0))
                                    .containsExactly((byte) 0xCA, (byte) 0xFE);
                            assertThat(r.getField(1)).isEqualTo(1L);
                        });
    }

    @Test
    void startupAtATimestampAndAtSpecificSequences() throws Exception {
        RecordSchema schema = RecordSchema.fromLists(List.of("n"), List.of(FieldType.BIGINT));
        tupleTopic("starts", 1, schema);
        List<Record> batch = new ArrayList<>();
        for (long n = 0; n < 3; n++) {
            batch.add(TupleRecord.of(schema, n));
        }
        client.putRecords(PROJECT, "starts", batch);
        DATAHUB.emulator().clock().advance(Duration.ofHours(1));
        client.putRecords(
                PROJECT, "starts", List.of(TupleRecord.of(schema, 3L), TupleRecord.of(schema, 4L)));
        long laterTime = records("starts").get(3).getSystemTime();

        tEnv.executeSql(
                "CREATE TABLE by_time (n BIGINT)"
                        + with(
                                "starts",
                                ", 'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '"
                                        + laterTime
                                        + "'"));
        tEnv.executeSql(
                "CREATE TABLE by_seq (n BIGINT)"
                        + with(
                                "starts",
                                ", 'scan.startup.mode' = 'specific-sequences', 'scan.startup.specific-sequences' = 'shard:0,sequence:2'"));

        assertThat(sorted(query("SELECT n FROM by_time"))).containsExactly("+I[3]", "+I[4]");
        assertThat(sorted(query("SELECT n FROM by_seq")))
                .containsExactly("+I[2]", "+I[3]", "+I[4]");
    }

    @Test
    void watermarksDriveATumblingWindow() throws Exception {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("k", "ts"), List.of(FieldType.STRING, FieldType.TIMESTAMP));
        tupleTopic("clicks", 2, schema);
        tEnv.executeSql(
                "CREATE TABLE clicks (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                        + with("clicks", ""));
        tEnv.executeSql(
                        "INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-05-01 08:00:01'),"
                                + " ('b', TIMESTAMP '2024-05-01 08:00:30'), ('c', TIMESTAMP '2024-05-01 08:01:10')")
                .await();

        assertThat(tEnv.explainSql("SELECT * FROM clicks"))
                .contains("watermark=[-(ts, 1000:INTERVAL SECOND)]");
        List<Row> windows =
                query(
                        "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts),"
                                + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");

        assertThat(sorted(windows))
                .containsExactly("+I[2024-05-01T08:00, 2]", "+I[2024-05-01T08:01, 1]");
    }

    @Test
    void hostedConnectorDdlRunsUnchanged() throws Exception {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("id", "msg"), List.of(FieldType.BIGINT, FieldType.STRING));
        tupleTopic("vvr", 1, schema);
        String ddl =
                " WITH ('connector' = 'datahub', 'endPoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'accessId' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'accessKey' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "', 'project' = '"
                        + PROJECT
                        + "', 'topic' = 'vvr', 'batchCount' = '10',"
                        + " 'startTime' = '2000-01-01 00:00:00', 'scan.bounded.mode' = 'latest')";
        tEnv.executeSql(
                "CREATE TABLE vvr (id BIGINT, msg STRING, `shard-id` BIGINT METADATA VIRTUAL,"
                        + " `sequence` STRING METADATA VIRTUAL, `system-time` TIMESTAMP METADATA VIRTUAL)"
                        + ddl);

        tEnv.executeSql(
                        "INSERT INTO vvr SELECT id, msg FROM (VALUES (1, 'hi'), (2, 'ho')) AS v(id, msg)")
                .await();

        assertThat(records("vvr")).hasSize(2);
        assertThat(sorted(query("SELECT id, msg, `shard-id`, `sequence` FROM vvr")))
                .containsExactly("+I[1, hi, 0, 0]", "+I[2, ho, 0, 1]");
    }
}
