package io.github.flinkdatahub.connector;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.routing.HashKeys;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.deserializer.DataHubTuple;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's DataStream and SQL examples, run as the README writes them against the emulator on a
 * MiniCluster. The module's tests run on every supported Flink version, so this proves the examples
 * on each. The SQL is read from the README itself (only connection values replaced); the Java is in
 * the test methods below, and {@link #readmeJavaExamplesAreTheCodeThisTestRuns} fails when the
 * README and this file drift apart.
 */
class ReadmeExamplesITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final String READING_SECTION = "## Reading DataHub from a DataStream job";
    private static final String WRITING_SECTION = "## Writing to DataHub";
    private static final String SQL_SECTION = "## Flink SQL";
    private static final String CHANGE_RECORDS_SECTION =
            "## Change records (DTS, DataWorks) as Flink changelogs";

    /** DTS's bookkeeping fields, without the new naming's prefix {@code new_dts_sync_dts_}. */
    private static final List<String> DTS_FIELDS =
            List.of(
                    "record_id",
                    "instance_id",
                    "db_name",
                    "table_name",
                    "operation_flag",
                    "utc_timestamp",
                    "before_flag",
                    "after_flag");

    /**
     * README lines of the Java examples that this file runs differently, README line -> line here
     * (whitespace aside). The README's endpoint is the real cloud, the test's the emulator; the
     * test keeps the source's stream to collect what it reads.
     */
    private static final Map<String, String> JAVA_SUBSTITUTIONS =
            Map.of(
                    ".endpoint(\"https://dh-cn-hangzhou.aliyuncs.com\")",
                    ".endpoint(endpoint)",
                    "env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), \"events\");",
                    "DataStream<DataHubTuple> events = env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), \"events\");");

    /** The Java examples' project and topic. */
    private static final RecordSchema EVENTS =
            RecordSchema.fromLists(
                    List.of("user_id", "page"), List.of(FieldType.BIGINT, FieldType.STRING));

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

    @BeforeAll
    static void connect() {
        client = DATAHUB.client();
    }

    // Both Java examples use demo/events: each test gets it empty.
    @BeforeEach
    void createDemoEvents() {
        client.createProject("demo", "README examples");
        client.createTupleTopic("demo", "events", 2, 1, EVENTS, "");
        client.waitShardsReady("demo", "events");
    }

    @AfterEach
    void deleteDemoEvents() {
        client.deleteTopic("demo", "events");
        client.deleteProject("demo");
    }

    // ------------------------------------------------------------------ SQL, from the README text

    @Test
    void flinkSqlExampleCountsClicksPerPageInClosedMinuteWindows() throws Exception {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("user_id", "page", "price", "event_time"),
                        List.of(
                                FieldType.BIGINT,
                                FieldType.STRING,
                                FieldType.DECIMAL,
                                FieldType.TIMESTAMP));
        client.createProject("shop", "README examples");
        // One shard: the watermark (event_time - 2 s, per shard) then follows every record.
        client.createTupleTopic("shop", "click_events", 1, 1, schema, "");
        client.waitShardsReady("shop", "click_events");
        String subId = client.createSubscription("shop", "click_events", "readme").getSubId();
        // Two minutes of event time and one record of the third: 08:00 and 08:01 close.
        client.putRecords(
                "shop",
                "click_events",
                List.of(
                        click(schema, 1, "home", "08:00:05"),
                        click(schema, 2, "home", "08:00:20"),
                        click(schema, 3, "cart", "08:00:40"),
                        click(schema, 1, "home", "08:01:10"),
                        click(schema, 4, "cart", "08:01:30"),
                        click(schema, 5, "home", "08:02:05")));

        List<String> blocks = readmeBlocks(SQL_SECTION, "sql");
        assertThat(blocks).as("```sql blocks of README section %s", SQL_SECTION).hasSize(2);
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put(
                "'endpoint' = 'https://dh-cn-hangzhou.aliyuncs.com'",
                "'endpoint' = '" + DATAHUB.endpoint() + "'");
        connection.put(
                "'access-id' = '...'", "'access-id' = '" + DataHubEmulator.DEFAULT_ACCESS_ID + "'");
        connection.put(
                "'access-key-secret' = '...'",
                "'access-key-secret' = '" + DataHubEmulator.DEFAULT_ACCESS_KEY + "'");
        connection.put(
                "'scan.subscription.id' = '1700000000000abcde'",
                "'scan.subscription.id' = '" + subId + "'");
        List<String> statements = statements(substitute(blocks.get(0), connection));
        assertThat(statements).as("CREATE TABLE click_events and the windowed SELECT").hasSize(2);

        StreamTableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(statements.get(0));
        TableResult windows = tEnv.executeSql(statements.get(1));
        List<Row> rows =
                firstRows(
                        windows.collect(),
                        windows.getJobClient().orElseThrow(),
                        4,
                        "rows of the README's windowed SELECT");

        assertThat(rows.stream().map(Row::toString))
                .containsExactlyInAnyOrder(
                        "+I[2024-05-01T08:00, home, 2]",
                        "+I[2024-05-01T08:00, cart, 1]",
                        "+I[2024-05-01T08:01, home, 1]",
                        "+I[2024-05-01T08:01, cart, 1]");
    }

    /**
     * What the README says after the windowed example: a shard that receives nothing holds the
     * watermark back unless Flink's {@code scan.watermark.idle-timeout} marks it idle. (Without the
     * option this job emits nothing: checked once by hand, 120 s without a window.)
     */
    @Test
    void windowsCloseWhileAShardStaysIdleWithFlinksIdleTimeout() throws Exception {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("user_id", "page", "price", "event_time"),
                        List.of(
                                FieldType.BIGINT,
                                FieldType.STRING,
                                FieldType.DECIMAL,
                                FieldType.TIMESTAMP));
        client.createProject("idle", "README examples");
        client.createTupleTopic("idle", "clicks", 2, 1, schema, "");
        client.waitShardsReady("idle", "clicks");
        // Shard 1 gets nothing.
        client.putRecordsByShard(
                "idle",
                "clicks",
                "0",
                List.of(
                        click(schema, 1, "home", "08:00:05"),
                        click(schema, 2, "home", "08:00:20"),
                        click(schema, 3, "home", "08:02:05")));

        StreamTableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(
                "CREATE TABLE clicks (user_id BIGINT, page STRING, event_time TIMESTAMP(3),"
                        + " WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND)"
                        + " WITH ('connector' = 'datahub', 'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'access-key' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "', 'project' = 'idle', 'topic' = 'clicks',"
                        + " 'scan.startup.mode' = 'earliest', 'scan.watermark.idle-timeout' = '1 s')");
        TableResult windows =
                tEnv.executeSql(
                        "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks,"
                                + " DESCRIPTOR(event_time), INTERVAL '1' MINUTE))"
                                + " GROUP BY window_start, window_end");
        List<Row> rows =
                firstRows(
                        windows.collect(),
                        windows.getJobClient().orElseThrow(),
                        1,
                        "the 08:00 window, closed while shard 1 stays idle");

        assertThat(rows.stream().map(Row::toString)).containsExactly("+I[2024-05-01T08:00, 2]");
    }

    @Test
    void hostedConnectorDdlExampleReadsRowsWithTheirMetadataColumns() throws Exception {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("user_id", "url"), List.of(FieldType.BIGINT, FieldType.STRING));
        client.createProject("my_project", "README examples");
        client.createTupleTopic("my_project", "clicks", 1, 1, schema, "");
        client.waitShardsReady("my_project", "clicks");
        String subId = client.createSubscription("my_project", "clicks", "readme").getSubId();
        client.putRecords(
                "my_project",
                "clicks",
                List.of(TupleRecord.of(schema, 7L, "/a"), TupleRecord.of(schema, 8L, "/b")));
        List<Record> written = TopicContents.all(client, "my_project", "clicks");

        // 'startTime' stays as written: the emulator's records are received after it.
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put(
                "'endPoint' = 'https://dh-cn-hangzhou.aliyuncs.com'",
                "'endPoint' = '" + DATAHUB.endpoint() + "'");
        connection.put(
                "'accessId' = '...'", "'accessId' = '" + DataHubEmulator.DEFAULT_ACCESS_ID + "'");
        connection.put(
                "'accessKey' = '...'",
                "'accessKey' = '" + DataHubEmulator.DEFAULT_ACCESS_KEY + "'");
        connection.put("'subId' = '1700000000000abcde'", "'subId' = '" + subId + "'");
        List<String> statements =
                statements(substitute(readmeBlocks(SQL_SECTION, "sql").get(1), connection));
        assertThat(statements).as("the hosted connector's CREATE TABLE clicks").hasSize(1);

        StreamTableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(statements.get(0));
        TableResult clicks =
                tEnv.executeSql(
                        "SELECT user_id, url, `shard-id`, `sequence`, `system-time` FROM clicks");
        List<Row> rows =
                firstRows(
                        clicks.collect(),
                        clicks.getJobClient().orElseThrow(),
                        2,
                        "rows of the README's hosted DDL");

        assertThat(rows.stream().map(Row::toString))
                .containsExactlyInAnyOrder(
                        "+I[7, /a, 0, 0, " + systemTime(written.get(0)) + "]",
                        "+I[8, /b, 0, 1, " + systemTime(written.get(1)) + "]");
    }

    // ------------------------------------------------------------------ DataStream, verbatim

    @Test
    void dataStreamSourceExampleReadsEveryRecordOfTheTopic() throws Exception {
        List<Record> batch = new ArrayList<>();
        for (long userId = 0; userId < 20; userId++) {
            batch.add(TupleRecord.of(EVENTS, userId, "page" + userId));
        }
        client.putRecords("demo", "events", batch);
        String accessId = DataHubEmulator.DEFAULT_ACCESS_ID;
        String accessKey = DataHubEmulator.DEFAULT_ACCESS_KEY;
        String subId = client.createSubscription("demo", "events", "readme").getSubId();
        String endpoint = DATAHUB.endpoint();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        // README "Reading DataHub from a DataStream job"; the endpoint and the last line differ
        // (JAVA_SUBSTITUTIONS).
        DataHubConnection connection =
                DataHubConnection.builder()
                        .endpoint(endpoint)
                        .credentials(accessId, accessKey)
                        .build();
        DataHubSource<DataHubTuple> source =
                DataHubSource.<DataHubTuple>builder()
                        .setConnection(connection)
                        .setProject("demo")
                        .setTopic("events")
                        .setDeserializer(
                                DataHubDeserializationSchema
                                        .tupleToValue()) // or tupleToRowData, blobBytes,
                        // blob(schema)
                        .setStartingPosition(
                                StartingPosition
                                        .earliest()) // latest, fromTimestamp, fromSequences,
                        // fromSubscription
                        .setSubscriptionId(subId) // optional: commit positions after checkpoints
                        .build();
        DataStream<DataHubTuple> events =
                env.fromSource(
                        source,
                        WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)),
                        "events");

        // The source is unbounded: take the 20 records written, then cancel.
        CloseableIterator<DataHubTuple> results = events.collectAsync();
        JobClient job = env.executeAsync("README source example");
        List<DataHubTuple> read =
                firstRows(results, job, 20, "records read by the README's source");

        assertThat(read)
                .extracting(t -> t.getValue("user_id") + " " + t.getValue("page"))
                .containsExactlyInAnyOrderElementsOf(
                        batch.stream()
                                .map(r -> (TupleRecord) r)
                                .map(r -> r.getValue("user_id") + " " + r.getValue("page"))
                                .collect(Collectors.toList()));
    }

    @Test
    void dataStreamSinkExampleWritesEveryRowEqualKeysToTheShardOwningTheirHashKey()
            throws Exception {
        DataHubConnection connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
        RowType rowType =
                RowType.of(
                        new LogicalType[] {
                            new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH)
                        },
                        new String[] {"user_id", "page"});
        List<RowData> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(GenericRowData.of((long) (i % 8), StringData.fromString("page" + i)));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<RowData> stream = env.fromData(rows, InternalTypeInfo.of(rowType));

        // README "Writing to DataHub", as written.
        DataHubSink<RowData> sink =
                DataHubSink.<RowData>builder()
                        .setConnection(connection)
                        .setProject("demo")
                        .setTopic("events")
                        .setSerializer(DataHubSerializationSchema.rowDataToTuple(rowType))
                        .setHashFields(
                                "user_id") // equal keys go to the shard owning their hash key
                        .build();
        stream.sinkTo(sink);

        // Bounded input: the job ends after the sink has flushed everything.
        env.execute("README sink example");

        List<String> pages = new ArrayList<>();
        for (Shard shard : client.listShard("demo", "events").getShards()) {
            for (Record r : TopicContents.shard(client, "demo", "events", shard.getShardId())) {
                TupleRecord t = (TupleRecord) r;
                pages.add((String) t.getValue("page"));
                String hashKey = HashKeys.md5Hex(String.valueOf(t.getValue("user_id")));
                assertThat(hashKey)
                        .as(
                                "hash key of user_id %s, written to shard %s",
                                t.getValue("user_id"), shard.getShardId())
                        .isGreaterThanOrEqualTo(shard.getBeginHashKey())
                        .isLessThan(shard.getEndHashKey());
            }
        }
        assertThat(pages)
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream()
                                .map(r -> r.getString(1).toString())
                                .collect(Collectors.toList()));
    }

    /**
     * The README's Java examples are the code of the tests above: every non-blank line of each
     * block, in order and with nothing between, is in this file (whitespace and the formatter's
     * wrapping of line comments aside), except the lines named in {@link #JAVA_SUBSTITUTIONS},
     * whose replacements are there instead.
     */
    @Test
    void readmeJavaExamplesAreTheCodeThisTestRuns() throws IOException {
        Path testSource = pathProperty("readme.examples.source");
        String code = normalised(Files.readString(testSource, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        for (String section : List.of(READING_SECTION, WRITING_SECTION)) {
            List<String> sectionBlocks = readmeBlocks(section, "java");
            assertThat(sectionBlocks).as("```java blocks of README section %s", section).hasSize(1);
            blocks.addAll(sectionBlocks);
        }

        Set<String> substituted = new HashSet<>();
        for (String block : blocks) {
            StringBuilder expected = new StringBuilder();
            for (String line : block.split("\n")) {
                String readmeLine = line.trim();
                String replacement = JAVA_SUBSTITUTIONS.get(readmeLine);
                if (replacement != null) {
                    substituted.add(readmeLine);
                }
                expected.append(replacement != null ? replacement : readmeLine).append('\n');
            }
            assertThat(code.contains(normalised(expected.toString())))
                    .as(
                            "README Java example, whitespace aside, in %s (with the lines of"
                                    + " JAVA_SUBSTITUTIONS replaced):%n%s",
                            testSource, block)
                    .isTrue();
        }
        assertThat(substituted)
                .as("README lines named in JAVA_SUBSTITUTIONS")
                .containsExactlyInAnyOrderElementsOf(JAVA_SUBSTITUTIONS.keySet());
    }

    // ------------------------------------------------------------------ helpers

    @Test
    void changeRecordsExampleAggregatesADtsChangelogAndWritesItBackInTheSameLayout()
            throws Exception {
        RecordSchema orders =
                dtsSchema(
                        List.of("id", "customer", "amount"),
                        List.of(FieldType.BIGINT, FieldType.STRING, FieldType.DECIMAL));
        RecordSchema revenue =
                dtsSchema(
                        List.of("customer", "revenue"),
                        List.of(FieldType.STRING, FieldType.DECIMAL));
        if (client.listProject().getProjectNames().stream().noneMatch("shop"::equals)) {
            client.createProject("shop", "README examples");
        }
        client.createTupleTopic("shop", "orders", 1, 1, orders, "");
        client.createTupleTopic("shop", "customer_revenue", 1, 1, revenue, "");
        client.waitShardsReady("shop", "orders");
        client.waitShardsReady("shop", "customer_revenue");
        // Three orders; order 1 moves from alice to bob (DTS writes an update as its before and its
        // after image), order 3 is deleted: alice has none left, bob two.
        client.putRecords(
                "shop",
                "orders",
                List.of(
                        order(orders, 1, "I", "N", "Y", 1, "alice", "10.00"),
                        order(orders, 2, "I", "N", "Y", 2, "bob", "5.50"),
                        order(orders, 3, "I", "N", "Y", 3, "alice", "2.25"),
                        order(orders, 4, "U", "Y", "N", 1, "alice", "10.00"),
                        order(orders, 5, "U", "N", "Y", 1, "bob", "10.00"),
                        order(orders, 6, "D", "Y", "N", 3, "alice", "2.25")));

        Map<String, String> connection = new LinkedHashMap<>();
        String emulator =
                "'endpoint' = '"
                        + DATAHUB.endpoint()
                        + "', 'access-id' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_ID
                        + "', 'access-key-secret' = '"
                        + DataHubEmulator.DEFAULT_ACCESS_KEY
                        + "'";
        connection.put(
                "'endpoint' = 'https://dh-cn-hangzhou.aliyuncs.com',\n"
                        + "  'access-id' = '...', 'access-key-secret' = '...'",
                emulator);
        connection.put(
                "'connector' = 'datahub', ...,",
                // "..." stands for the connection and the project, as in the first statement.
                "'connector' = 'datahub', " + emulator + ", 'project' = 'shop',");
        List<String> blocks = readmeBlocks(CHANGE_RECORDS_SECTION, "sql");
        assertThat(blocks)
                .as("```sql blocks of README section %s", CHANGE_RECORDS_SECTION)
                .hasSize(1);
        List<String> statements = statements(substitute(blocks.get(0), connection));
        assertThat(statements)
                .as("CREATE TABLE orders, the SELECT, CREATE TABLE customer_revenue, the INSERT")
                .hasSize(4);

        StreamTableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(statements.get(0));
        TableResult perCustomer = tEnv.executeSql(statements.get(1));
        Map<String, Row> view = new ConcurrentHashMap<>();
        JobClient select = perCustomer.getJobClient().orElseThrow();
        try (CloseableIterator<Row> changes = perCustomer.collect()) {
            Thread reader =
                    new Thread(
                            () -> changes.forEachRemaining(row -> apply(view, row)),
                            "readme-cdc-select");
            reader.setDaemon(true);
            reader.start();
            waitUtil(
                    () -> view.toString().equals("{bob=+I[bob, 2, 15.50]}"),
                    TIMEOUT,
                    Duration.ofMillis(50),
                    "the SELECT's changelog to end with bob's two orders only, got " + view);
        } finally {
            Jobs.cancelAndAwait(select);
        }

        tEnv.executeSql(statements.get(2));
        JobClient insert = tEnv.executeSql(statements.get(3)).getJobClient().orElseThrow();
        Map<String, BigDecimal> written = new TreeMap<>();
        try {
            waitUtil(
                    () -> {
                        written.clear();
                        for (Record r : TopicContents.all(client, "shop", "customer_revenue")) {
                            applyDts(written, (TupleRecord) r);
                        }
                        return written.equals(Map.of("bob", new BigDecimal("15.50")));
                    },
                    TIMEOUT,
                    Duration.ofMillis(100),
                    "customer_revenue's change records to end with bob's revenue only");
        } finally {
            Jobs.cancelAndAwait(insert);
        }
    }

    /** A topic as DTS writes it (new naming): the bookkeeping fields, then the table's columns. */
    private static RecordSchema dtsSchema(List<String> columns, List<FieldType> types) {
        RecordSchema.Builder b = RecordSchema.builder();
        for (String f : DTS_FIELDS) {
            b.addField("new_dts_sync_dts_" + f, FieldType.STRING);
        }
        for (int i = 0; i < columns.size(); i++) {
            b.addField(columns.get(i), types.get(i));
        }
        return b.build();
    }

    private static TupleRecord order(
            RecordSchema schema,
            long recordId,
            String operation,
            String before,
            String after,
            long id,
            String customer,
            String amount) {
        return TupleRecord.builder(schema)
                .set("new_dts_sync_dts_record_id", Long.toString(recordId))
                .set("new_dts_sync_dts_instance_id", "dts-readme")
                .set("new_dts_sync_dts_db_name", "shop")
                .set("new_dts_sync_dts_table_name", "orders")
                .set("new_dts_sync_dts_operation_flag", operation)
                .set("new_dts_sync_dts_utc_timestamp", Long.toString(1_700_000_000L + recordId))
                .set("new_dts_sync_dts_before_flag", before)
                .set("new_dts_sync_dts_after_flag", after)
                .set("id", id)
                .set("customer", customer)
                .set("amount", new BigDecimal(amount))
                .build();
    }

    /** A changelog row applied to a view by its first column (the GROUP BY key). */
    private static void apply(Map<String, Row> view, Row row) {
        String key = (String) row.getField(0);
        if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
            Row kept = Row.copy(row);
            kept.setKind(RowKind.INSERT);
            view.put(key, kept);
        } else {
            view.remove(key);
        }
    }

    /** A DTS change record (an image before or after a change) applied to customer -> revenue. */
    private static void applyDts(Map<String, BigDecimal> view, TupleRecord r) {
        String customer = (String) r.getValue("customer");
        if ("Y".equals(r.getValue("new_dts_sync_dts_after_flag"))) {
            view.put(customer, (BigDecimal) r.getValue("revenue"));
        } else {
            view.remove(customer);
        }
    }

    private static StreamTableEnvironment tableEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One source reader: a reader without a shard would hold the watermark back.
        env.setParallelism(1);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.getConfig().set("table.local-time-zone", "UTC");
        return tEnv;
    }

    private static TupleRecord click(RecordSchema schema, long userId, String page, String time) {
        long micros =
                LocalDateTime.parse("2024-05-01T" + time).toInstant(ZoneOffset.UTC).toEpochMilli()
                        * 1000;
        return TupleRecord.of(schema, userId, page, new BigDecimal("9.99"), micros);
    }

    /** A TIMESTAMP column's text of a record's system time (session time zone UTC). */
    private static String systemTime(Record record) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(record.getSystemTime()), ZoneOffset.UTC)
                .toString();
    }

    /**
     * The first {@code count} results of an unbounded job, read on a thread of their own so that
     * the test waits with a deadline; then the job is cancelled.
     */
    private static <T> List<T> firstRows(
            CloseableIterator<T> results, JobClient job, int count, String what) throws Exception {
        List<T> rows = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                while (rows.size() < count && results.hasNext()) {
                                    rows.add(results.next());
                                }
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        },
                        "readme-example-results");
        reader.setDaemon(true);
        reader.start();
        try {
            waitUtil(
                    () -> !reader.isAlive(),
                    TIMEOUT,
                    Duration.ofMillis(50),
                    count + " " + what + ", got " + rows);
        } finally {
            Jobs.cancelAndAwait(job);
            results.close();
        }
        if (failure.get() != null) {
            throw new AssertionError("reading " + what + " failed", failure.get());
        }
        assertThat(rows).as("%s (the job ended before)", what).hasSize(count);
        return new ArrayList<>(rows);
    }

    /** The fenced blocks of one language in a README section ("## ..." up to the next one). */
    private static List<String> readmeBlocks(String section, String language) throws IOException {
        List<String> lines = Files.readAllLines(pathProperty("readme"), StandardCharsets.UTF_8);
        int start = lines.indexOf(section);
        assertThat(start).as("README section %s", section).isNotNegative();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        boolean inOtherFence = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (block != null) {
                if (line.equals("```")) {
                    blocks.add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (inOtherFence) {
                inOtherFence = !line.equals("```");
            } else if (line.startsWith("## ")) {
                break;
            } else if (line.equals("```" + language)) {
                block = new StringBuilder();
            } else if (line.startsWith("```")) {
                inOtherFence = true;
            }
        }
        return blocks;
    }

    /** Replaces each key, which must occur exactly once, so a changed README fails here. */
    private static String substitute(String text, Map<String, String> replacements) {
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            assertThat(text.split(Pattern.quote(r.getKey()), -1))
                    .as("occurrences of %s in the README's SQL:%n%s", r.getKey(), text)
                    .hasSize(2);
            text = text.replace(r.getKey(), r.getValue());
        }
        return text;
    }

    /** The statements of a SQL script (none of the README's contains a ';' in a literal). */
    private static List<String> statements(String script) {
        return Arrays.stream(script.split(";"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static Path pathProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value)
                .as("system property %s (set by failsafe in flink-connector-datahub/pom.xml)", name)
                .isNotBlank();
        Path path = Path.of(value);
        assertThat(path).as("system property %s", name).isRegularFile();
        return path;
    }

    /**
     * Without whitespace, and with each line comment that the formatter wrapped onto the next lines
     * (as {@code //} lines) joined back into one.
     */
    private static String normalised(String text) {
        String joined = text;
        do {
            text = joined;
            joined = text.replaceAll("(//[^\n]*)\n[ \t]*//", "$1 ");
        } while (!joined.equals(text));
        return text.replaceAll("\\s+", "");
    }
}
