package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
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
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.sink.routing.HashKeys;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DTS and DataWorks change records of a simulated database table, written over several shards with
 * a shard split in the middle, read by Flink SQL as a changelog: aggregates and the table itself
 * reach exactly the database's final state.
 */
class CdcTableITCase {
    private static final String PROJECT = "cdc_it";
    private static final int KEYS = 2000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String AGGREGATE =
            "SELECT grp, COUNT(*) AS cnt, SUM(amount) AS total FROM orders GROUP BY grp";

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
    }

    private static String topicFor(ChangeRecordWriter layout, String test) {
        return (test + "_" + layout.name()).toLowerCase(Locale.ROOT);
    }

    private static RecordSchema createTopic(String topic, ChangeRecordWriter layout) {
        RecordSchema schema = layout.schema();
        client.createTupleTopic(PROJECT, topic, 3, 1, schema, "");
        client.waitShardsReady(PROJECT, topic);
        return schema;
    }

    /** Writes the changes as the service does: U as two records, batches in order. */
    private static long write(
            String topic,
            RecordSchema schema,
            ChangeRecordWriter layout,
            List<SimulatedTable.Change> changes,
            long firstRecordId) {
        long recordId = firstRecordId;
        List<Record> batch = new ArrayList<>();
        for (SimulatedTable.Change c : changes) {
            switch (c.operation) {
                case "I":
                    batch.add(layout.record(schema, recordId++, "I", "N", "Y", c.after));
                    break;
                case "D":
                    batch.add(layout.record(schema, recordId++, "D", "Y", "N", c.before));
                    break;
                default:
                    batch.add(layout.record(schema, recordId++, "U", "Y", "N", c.before));
                    batch.add(layout.record(schema, recordId++, "U", "N", "Y", c.after));
            }
            if (batch.size() >= 500) {
                put(topic, batch);
            }
        }
        put(topic, batch);
        return recordId;
    }

    private static void put(String topic, List<Record> batch) {
        if (!batch.isEmpty()) {
            assertThat(client.putRecords(PROJECT, topic, batch).getFailedRecordCount()).isZero();
            batch.clear();
        }
    }

    /** Writes half the changes, splits shard 0, writes the rest; returns the simulated table. */
    private static SimulatedTable replicate(
            String topic, RecordSchema schema, ChangeRecordWriter layout) {
        SimulatedTable db = new SimulatedTable(layout.ordinal() + 7, KEYS);
        long next = write(topic, schema, layout, db.changes(3 * KEYS), 1);
        // A new shard cannot be split for 5 s of data time; let that much pass.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, "0");
        client.waitShardsReady(PROJECT, topic);
        write(topic, schema, layout, db.changes(3 * KEYS), next);
        return db;
    }

    private String ddl(String topic, ChangeRecordWriter layout, String bounded) {
        return "CREATE TABLE orders (id BIGINT, grp STRING, amount BIGINT,"
                + " op STRING METADATA FROM 'cdc.operation' VIRTUAL,"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'datahub', 'endpoint' = '"
                + DATAHUB.endpoint()
                + "', 'access-id' = '"
                + DataHubEmulator.DEFAULT_ACCESS_ID
                + "', 'access-key' = '"
                + DataHubEmulator.DEFAULT_ACCESS_KEY
                + "', 'project' = '"
                + PROJECT
                + "', 'topic' = '"
                + topic
                + "', 'scan.startup.mode' = 'earliest', 'cdc.format' = '"
                + layout.format
                + "'"
                + bounded
                + ")";
    }

    /** Applies a changelog of rows keyed by their first column to a materialized view. */
    private static void apply(Map<String, String> view, Row row, Function<Row, String> value) {
        String key = String.valueOf(row.getField(0));
        if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
            view.put(key, value.apply(row));
        } else {
            assertThat(view.remove(key)).as("retracted row " + row).isEqualTo(value.apply(row));
        }
    }

    private static String countAndSum(Row r) {
        return r.getField(1) + "," + r.getField(2);
    }

    private Map<String, String> materialize(String sql, Function<Row, String> value)
            throws Exception {
        Map<String, String> view = new TreeMap<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(r -> apply(view, r, value));
        }
        return view;
    }

    @ParameterizedTest
    @EnumSource(ChangeRecordWriter.class)
    void boundedReadReachesTheDatabasesFinalStateThroughASplit(ChangeRecordWriter layout)
            throws Exception {
        String topic = topicFor(layout, "bounded");
        RecordSchema schema = createTopic(topic, layout);
        SimulatedTable db = replicate(topic, schema, layout);
        tEnv.executeSql(ddl(topic, layout, ", 'scan.bounded.mode' = 'latest'"));

        assertThat(materialize(AGGREGATE, CdcTableITCase::countAndSum))
                .isEqualTo(db.countAndSumPerGroup());
        Map<String, String> expectedRows = new TreeMap<>();
        db.state().forEach((id, row) -> expectedRows.put(Long.toString(id), row));
        assertThat(
                        materialize(
                                "SELECT id, grp, amount FROM orders",
                                r -> r.getField(0) + "," + r.getField(1) + "," + r.getField(2)))
                .isEqualTo(expectedRows);
        assertThat(expectedRows).hasSizeGreaterThan(KEYS / 2);
    }

    @ParameterizedTest
    @EnumSource(ChangeRecordWriter.class)
    void streamingAggregateFollowsUpdatesAndDeletesThroughASplit(ChangeRecordWriter layout)
            throws Exception {
        String topic = topicFor(layout, "streaming");
        RecordSchema schema = createTopic(topic, layout);
        tEnv.executeSql(ddl(topic, layout, ""));
        TableResult result = tEnv.executeSql(AGGREGATE);
        Map<String, String> view = new ConcurrentHashMap<>();
        AtomicReference<Throwable> readError = new AtomicReference<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (CloseableIterator<Row> it = result.collect()) {
                                it.forEachRemaining(
                                        r -> apply(view, r, CdcTableITCase::countAndSum));
                            } catch (Throwable t) {
                                readError.compareAndSet(null, t);
                            }
                        },
                        "cdc-result-reader");
        reader.start();
        SimulatedTable db;
        try {
            db = replicate(topic, schema, layout);
            Map<String, String> expected = db.countAndSumPerGroup();
            waitUtil(
                    () -> readError.get() == null && new TreeMap<>(view).equals(expected),
                    TIMEOUT,
                    "the aggregate reaches the database's final state " + expected);
        } finally {
            Jobs.cancelAndAwait(result.getJobClient().orElseThrow());
            reader.join();
        }
        assertThat(new TreeMap<>(view)).isEqualTo(db.countAndSumPerGroup());
    }

    @Test
    void aRecordWithFlagsThatMakeNoChangeFailsTheJobNamingShardSequenceAndFlags() throws Exception {
        ChangeRecordWriter layout = ChangeRecordWriter.DTS_NEW;
        String topic = topicFor(layout, "bad_flags");
        RecordSchema schema = createTopic(topic, layout);
        SimulatedTable.Row row = new SimulatedTable.Row(1, "g1", 5);
        put(
                topic,
                new ArrayList<>(
                        List.of(
                                layout.record(schema, 1, "I", "N", "Y", row),
                                layout.record(schema, 2, "U", "Y", "Y", row))));
        tEnv.executeSql(ddl(topic, layout, ", 'scan.bounded.mode' = 'latest'"));

        assertThatThrownBy(() -> materialize("SELECT id, grp, amount FROM orders", Row::toString))
                .rootCause()
                .hasMessageContaining("shard ")
                .hasMessageContaining("sequence 1")
                .hasMessageContaining("operation 'U'")
                .hasMessageContaining("before flag 'Y'")
                .hasMessageContaining("after flag 'Y'")
                .hasMessageContaining("cdc.ignore-parse-errors");
    }

    @Test
    void withIgnoreParseErrorsABadRecordIsSkippedAndTheRestRead() throws Exception {
        ChangeRecordWriter layout = ChangeRecordWriter.DATAWORKS;
        String topic = topicFor(layout, "ignored_flags");
        RecordSchema schema = createTopic(topic, layout);
        SimulatedTable.Row a = new SimulatedTable.Row(1, "g1", 5);
        SimulatedTable.Row b = new SimulatedTable.Row(2, "g1", 7);
        put(
                topic,
                new ArrayList<>(
                        List.of(
                                layout.record(schema, 1, "I", "N", "Y", a),
                                layout.record(schema, 2, "X", "N", "Y", b),
                                layout.record(schema, 3, "I", "N", "Y", b),
                                layout.record(schema, 4, "D", "N", "N", a))));
        tEnv.executeSql(
                ddl(
                        topic,
                        layout,
                        ", 'scan.bounded.mode' = 'latest', 'cdc.ignore-parse-errors' = 'true'"));

        assertThat(materialize(AGGREGATE, CdcTableITCase::countAndSum))
                .isEqualTo(Map.of("g1", "2,12"));
    }

    /** The changes as a Flink changelog: I is +I, U is -U then +U, D is -D. */
    private static List<Row> changelog(List<SimulatedTable.Change> changes) {
        List<Row> rows = new ArrayList<>();
        for (SimulatedTable.Change c : changes) {
            if (c.before != null) {
                rows.add(
                        Row.ofKind(
                                c.after == null ? RowKind.DELETE : RowKind.UPDATE_BEFORE,
                                c.before.id,
                                c.before.grp,
                                c.before.amount));
            }
            if (c.after != null) {
                rows.add(
                        Row.ofKind(
                                c.before == null ? RowKind.INSERT : RowKind.UPDATE_AFTER,
                                c.after.id,
                                c.after.grp,
                                c.after.amount));
            }
        }
        return rows;
    }

    private void writeChangelog(List<Row> rows, StreamExecutionEnvironment env) throws Exception {
        DataStream<Row> stream =
                env.fromData(
                        rows,
                        Types.ROW_NAMED(
                                new String[] {"id", "grp", "amount"},
                                Types.LONG,
                                Types.STRING,
                                Types.LONG));
        Table changes =
                tEnv.fromChangelogStream(
                        stream,
                        Schema.newBuilder()
                                .column("id", DataTypes.BIGINT().notNull())
                                .column("grp", DataTypes.STRING())
                                .column("amount", DataTypes.BIGINT())
                                .primaryKey("id")
                                .build());
        changes.executeInsert("orders").await();
    }

    @ParameterizedTest
    @EnumSource(ChangeRecordWriter.class)
    void aChangelogWrittenWithCdcFormatReadsBackAsTheSameFinalState(ChangeRecordWriter layout)
            throws Exception {
        String topic = topicFor(layout, "round_trip");
        createTopic(topic, layout);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        tEnv = StreamTableEnvironment.create(env);
        // The changelog's -U of a row written by the first job reaches the sink unchanged.
        tEnv.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
        // The one-task source feeds two writers: a key's changes go to one of them, in order.
        tEnv.getConfig().set("table.exec.sink.keyed-shuffle", "FORCE");
        tEnv.executeSql(
                ddl(
                        topic,
                        layout,
                        ", 'scan.bounded.mode' = 'latest', 'sink.flush-interval' = '100 ms'"));
        SimulatedTable db = new SimulatedTable(layout.ordinal() + 11, KEYS);
        List<Row> first = changelog(db.changes(3 * KEYS));
        writeChangelog(first, env);
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, "0");
        client.waitShardsReady(PROJECT, topic);
        List<Row> second = changelog(db.changes(3 * KEYS));
        writeChangelog(second, env);

        // Each key's changes, in order: parents are listed before their children.
        Map<String, List<String>> expectedPerKey = new HashMap<>();
        for (Row r : first) {
            expectedPerKey
                    .computeIfAbsent(String.valueOf(r.getField(0)), k -> new ArrayList<>())
                    .add(r.toString());
        }
        for (Row r : second) {
            expectedPerKey
                    .computeIfAbsent(String.valueOf(r.getField(0)), k -> new ArrayList<>())
                    .add(r.toString());
        }
        Map<String, List<String>> writtenPerKey = new HashMap<>();
        TopicContents.byShard(client, PROJECT, topic)
                .values()
                .forEach(
                        records ->
                                records.forEach(
                                        rec -> {
                                            TupleRecord t = (TupleRecord) rec;
                                            ChangeFlags f =
                                                    ChangeFlags.parse(
                                                            t.getValue(
                                                                    layout.bookkeeping()
                                                                            .get(
                                                                                    layout
                                                                                                    == ChangeRecordWriter
                                                                                                            .DATAWORKS
                                                                                            ? 1
                                                                                            : 4)),
                                                            t.getValue(
                                                                    layout.bookkeeping()
                                                                            .get(
                                                                                    layout.bookkeeping()
                                                                                                    .size()
                                                                                            - 2)),
                                                            t.getValue(
                                                                    layout.bookkeeping()
                                                                            .get(
                                                                                    layout.bookkeeping()
                                                                                                    .size()
                                                                                            - 1)));
                                            Row row =
                                                    Row.ofKind(
                                                            f.kind(),
                                                            t.getValue(layout.dataPrefix + "id"),
                                                            t.getValue(layout.dataPrefix + "grp"),
                                                            t.getValue(
                                                                    layout.dataPrefix + "amount"));
                                            writtenPerKey
                                                    .computeIfAbsent(
                                                            String.valueOf(row.getField(0)),
                                                            k -> new ArrayList<>())
                                                    .add(row.toString());
                                        }));
        assertThat(writtenPerKey.keySet()).isEqualTo(expectedPerKey.keySet());
        expectedPerKey.forEach(
                (key, changes) ->
                        assertThat(writtenPerKey.get(key))
                                .as("changes of key %s", key)
                                .isEqualTo(changes));

        // Every record is on the shard owning its key's hash, and a key's record ids increase.
        Map<String, Shard> shards = new HashMap<>();
        client.listShard(PROJECT, topic).getShards().forEach(s -> shards.put(s.getShardId(), s));
        Map<String, List<Record>> byShard = TopicContents.byShard(client, PROJECT, topic);
        assertThat(byShard.values().stream().mapToInt(List::size).sum())
                .isEqualTo(first.size() + second.size());
        for (Map.Entry<String, List<Record>> e : byShard.entrySet()) {
            Map<Object, Long> lastId = new HashMap<>();
            for (Record r : e.getValue()) {
                TupleRecord t = (TupleRecord) r;
                Object id = t.getValue(layout.dataPrefix + "id");
                assertThat(shards.get(e.getKey()).containsHashKey(HashKeys.md5Hex(id.toString())))
                        .as("record of key %s on shard %s", id, e.getKey())
                        .isTrue();
                long recordId = Long.parseLong((String) t.getValue(layout.recordIdField()));
                Long previous = lastId.put(id, recordId);
                if (previous != null) {
                    assertThat(recordId).as("record id of key %s", id).isGreaterThan(previous);
                }
            }
        }

        Map<String, String> expectedRows = new TreeMap<>();
        db.state().forEach((id, row) -> expectedRows.put(Long.toString(id), row));
        assertThat(
                        materialize(
                                "SELECT id, grp, amount FROM orders",
                                r -> r.getField(0) + "," + r.getField(1) + "," + r.getField(2)))
                .isEqualTo(expectedRows);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    private String planningError(String ddl, String statement) {
        tEnv.executeSql("DROP TABLE IF EXISTS orders");
        tEnv.executeSql(ddl);
        Throwable thrown = catchThrowable(() -> tEnv.explainSql(statement));
        assertThat(thrown).as(statement).isNotNull();
        return messages(thrown);
    }

    @Test
    void severalPutsInFlightArePlannedWithCdcFormat() {
        ChangeRecordWriter layout = ChangeRecordWriter.DTS_PREVIOUS;
        String topic = topicFor(layout, "in_flight");
        createTopic(topic, layout);
        tEnv.executeSql("DROP TABLE IF EXISTS orders");
        tEnv.executeSql(ddl(topic, layout, ", 'sink.max-in-flight-requests' = '3'"));

        // The writer keeps a key's changes in order with one put per shard in flight.
        assertThat(tEnv.explainSql("INSERT INTO orders (id, grp, amount) VALUES (1, 'g', 2)"))
                .contains("orders");
    }

    @Test
    void optionsThatCannotWorkFailAtPlanningNamingTheFix() {
        ChangeRecordWriter layout = ChangeRecordWriter.DTS_PREVIOUS;
        String topic = topicFor(layout, "planning");
        createTopic(topic, layout);
        String insert = "INSERT INTO orders (id, grp, amount) VALUES (1, 'g', 2)";

        assertThat(
                        planningError(
                                ddl(topic, layout, "")
                                        .replace(", PRIMARY KEY (id) NOT ENFORCED", ""),
                                insert))
                .contains("needs a PRIMARY KEY");
        assertThat(
                        planningError(
                                ddl(topic, layout, ", 'cdc.dts.naming' = 'new'"),
                                "SELECT * FROM orders"))
                .contains("new_dts_sync_dts_record_id")
                .contains("cdc.dts.naming");
        assertThat(
                        planningError(
                                ddl(topic, layout, "").replace("'dts'", "'dataworks'"),
                                "SELECT * FROM orders"))
                .contains("_operation_type_");
        assertThat(
                        planningError(
                                ddl(topic, layout, ", 'cdc.dts.naming' = 'previous'")
                                        .replace("'dts'", "'dataworks'"),
                                "SELECT * FROM orders"))
                .contains("'cdc.dts.naming' applies to 'cdc.format' = 'dts' only");
        assertThat(
                        planningError(
                                ddl(topic, layout, "")
                                        .replace("amount BIGINT", "amount BIGINT, note STRING"),
                                "SELECT * FROM orders"))
                .contains("Column 'note'")
                .contains("data field 'dts_note'");
    }

    @Test
    void dataStreamSourceWithTheCdcSchemaEmitsRowsWithTheirKinds() throws Exception {
        ChangeRecordWriter layout = ChangeRecordWriter.DTS_PREVIOUS;
        String topic = topicFor(layout, "datastream");
        RecordSchema schema = createTopic(topic, layout);
        SimulatedTable db = new SimulatedTable(3, 200);
        write(topic, schema, layout, db.changes(600), 1);
        RowType rowType =
                RowType.of(
                        new LogicalType[] {
                            new BigIntType(),
                            new VarCharType(VarCharType.MAX_LENGTH),
                            new BigIntType()
                        },
                        new String[] {"id", "grp", "amount"});
        DataHubSource<RowData> source =
                DataHubSource.<RowData>builder()
                        .setConnection(EmulatorConnections.builder(DATAHUB.emulator()).build())
                        .setProject(PROJECT)
                        .setTopic(topic)
                        .setStartingPosition(StartingPosition.earliest())
                        .setBounded(StoppingPosition.latest())
                        .setDeserializer(
                                CdcRowDataDeserializationSchema.builder(CdcFormat.DTS, rowType)
                                        .setProducedType(InternalTypeInfo.of(rowType))
                                        .build())
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Map<String, String> view = new TreeMap<>();
        try (CloseableIterator<RowData> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "cdc")
                        .executeAndCollect()) {
            it.forEachRemaining(
                    r ->
                            apply(
                                    view,
                                    Row.ofKind(
                                            r.getRowKind(),
                                            r.getLong(0),
                                            r.getString(1).toString(),
                                            r.getLong(2)),
                                    row ->
                                            row.getField(0)
                                                    + ","
                                                    + row.getField(1)
                                                    + ","
                                                    + row.getField(2)));
        }

        Map<String, String> expected = new TreeMap<>();
        db.state().forEach((id, row) -> expected.put(Long.toString(id), row));
        assertThat(view).isEqualTo(expected);
    }
}
