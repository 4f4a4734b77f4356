package io.github.flinkdatahub.connector.sink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.testutils.CommonTestUtils;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.InjectedFailures;
import io.github.flinkdatahub.connector.testutil.RecordGate;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink on a MiniCluster writing to the emulator over HTTP; results read back with the client.
 */
class DataHubSinkITCase {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkITCase.class);
    private static final String P = "sink_it";
    private static final RecordSchema KEYED =
            RecordSchema.fromLists(List.of("k", "n"), List.of(FieldType.STRING, FieldType.BIGINT));

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    /**
     * How long a test waits for a condition before it fails: a guard against hanging, never a pace.
     */
    private static final Duration WAIT = Duration.ofMinutes(2);

    static DataHubClient client;
    static DataHubConnection connection;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
        client.createProject(P, "sink tests");
    }

    private static <T> DataHubSinkBuilder<T> sink(
            String topic, DataHubSerializationSchema<T> serializer) {
        return DataHubSink.<T>builder()
                .setConnection(connection)
                .setProject(P)
                .setTopic(topic)
                .setSerializer(serializer)
                .setFlushInterval(Duration.ofMillis(50))
                .setRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(300));
    }

    private static StreamExecutionEnvironment env(int parallelism, boolean restarts) {
        Configuration conf = new Configuration();
        if (restarts) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(100));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    // ------------------------------------------------------------------ routing and basics

    @Test
    void roundRobinWritesEveryRecordOnceSpreadOverTheActiveShards() throws Exception {
        String topic = "round_robin";
        client.createBlobTopic(P, topic, 3, 1, "");
        int total = 5000;
        StreamExecutionEnvironment env = env(2, false);
        // No flush timer within the test: a writer's first five puts go out at once, nothing being
        // in flight yet, each a full batch of 100 (later puts carry what gathered while puts were
        // in flight, so their sizes depend on timing).
        env.fromSequence(0, total - 1)
                .map(n -> "r" + n)
                .sinkTo(
                        sink(
                                        topic,
                                        DataHubSerializationSchema.blob(
                                                (SerializationSchema<String>)
                                                        s -> s.getBytes(StandardCharsets.UTF_8)))
                                .setBatchMaxRecords(100)
                                .setFlushInterval(Duration.ofHours(1))
                                .build());
        JobID job = env.execute("round robin").getJobID();

        Map<String, List<Record>> byShard = TopicContents.byShard(client, P, topic);
        List<String> values =
                byShard.values().stream()
                        .flatMap(List::stream)
                        .map(r -> new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8))
                        .collect(Collectors.toList());
        assertThat(values).hasSize(total).doesNotHaveDuplicates();
        // A writer's first five puts, 100 records each, go to the 3 shards in turn: at least one
        // full batch per shard.
        assertThat(byShard)
                .hasSize(3)
                .allSatisfy(
                        (shard, records) ->
                                assertThat(records)
                                        .as("records of shard %s", shard)
                                        .hasSizeGreaterThanOrEqualTo(100));
        assertThat(counter(job, "numRecordsOut")).isEqualTo(total);
        assertThat(counter(job, "numBytesOut")).isGreaterThanOrEqualTo(total * 2L);
    }

    @Test
    void equalKeysLandOnTheShardWhoseRangeHoldsTheirHashKey() throws Exception {
        String topic = "by_key";
        client.createTupleTopic(P, topic, 4, 1, KEYED, "");
        int total = 4000;
        int keys = 37;
        StreamExecutionEnvironment env = env(3, false);
        env.fromSequence(0, total - 1)
                .sinkTo(
                        sink(topic, new KeyedRows(keys))
                                .setHashFields("k")
                                .setBatchMaxRecords(200)
                                .build());
        env.execute("by key");

        List<Record> records = TopicContents.all(client, P, topic);
        assertThat(records).hasSize(total);
        assertKeysOnTheirShards(topic, records);
        Map<Object, Set<String>> shardsPerKey = new HashMap<>();
        for (Record r : records) {
            shardsPerKey
                    .computeIfAbsent(((TupleRecord) r).getValue("k"), k -> new HashSet<>())
                    .add(r.getShardId());
        }
        assertThat(shardsPerKey)
                .hasSize(keys)
                .allSatisfy((k, shards) -> assertThat(shards).hasSize(1));
        assertThat(records.stream().map(Record::getShardId).distinct().count())
                .as("shards used")
                .isEqualTo(4);
    }

    @Test
    void withSeveralPutsInFlightEachKeysRecordsArriveInOrderUnderThrottlingAndLatency()
            throws Exception {
        String topic = "key_order";
        client.createTupleTopic(P, topic, 4, 1, KEYED, "");
        int total = 6000;
        int keys = 20;
        RecordGate gate = RecordGate.closed(topic);
        FaultInjector faults = DATAHUB.faults();
        // One writer, so each key's records have one order: n increasing. Puts of 10 records, up to
        // 5 in flight over the 4 shards.
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, total - 1)
                .map(gate.<Long>function())
                .returns(Types.LONG)
                .disableChaining()
                .sinkTo(
                        sink(topic, new KeyedRows(keys))
                                .setHashFields("k")
                                .setBatchMaxRecords(10)
                                .setMaxInFlightRequests(5)
                                .setRetryBudget(Integer.MAX_VALUE, Duration.ofMinutes(5))
                                .build());
        JobClient job = env.executeAsync("key order");
        try {
            // The writer has started before the faults: they hit puts, not its start-up.
            gate.release(500);
            awaitCount(topic, 500);
            // Every request is slow and throttled until 30 were, while records keep coming: the
            // refused puts are retried while the other shards' puts succeed.
            long throttledBefore = faults.throttledCount();
            faults.set(P, topic, FaultRule.none().throttleRate(1).latencyMillis(20).maxFaults(30));
            gate.release(1500);
            await(() -> faults.throttledCount() >= throttledBefore + 30, "30 throttled requests");
            // Then slow requests, some throttled, for the rest of the run.
            faults.set(P, topic, FaultRule.none().latencyMillis(20).throttleRate(0.1));
            gate.open();
            job.getJobExecutionResult().get();
        } finally {
            gate.open();
            faults.clear(P, topic);
        }

        List<Record> records = TopicContents.all(client, P, topic);
        assertThat(numbers(records)).hasSize(total).doesNotHaveDuplicates();
        assertKeysOnTheirShards(topic, records);
        Map<String, List<Record>> byShard = TopicContents.byShard(client, P, topic);
        assertThat(byShard.values().stream().filter(r -> !r.isEmpty()).count())
                .as("shards written")
                .isEqualTo(4);
        byShard.forEach(
                (shard, written) -> {
                    Map<Object, Long> last = new HashMap<>();
                    for (Record r : written) {
                        TupleRecord t = (TupleRecord) r;
                        Long previous = last.put(t.getValue("k"), (Long) t.getValue("n"));
                        if (previous != null) {
                            assertThat((Long) t.getValue("n"))
                                    .as("record of key %s on shard %s", t.getValue("k"), shard)
                                    .isGreaterThan(previous);
                        }
                    }
                });
    }

    @Test
    void shardIdRoutingWritesOnlyToThatShardAndFollowsItsLeftChildAfterASplit() throws Exception {
        String topic = "pinned";
        client.createTupleTopic(P, topic, 2, 1, KEYED, "");
        // New shards cannot be split or merged for 5 s of data time.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        int total = 6000;
        int beforeSplit = 1500;
        RecordGate gate = RecordGate.closed(topic);
        StreamExecutionEnvironment env = env(2, false);
        env.fromSequence(0, total - 1)
                .map(gate.<Long>function())
                .returns(Types.LONG)
                .disableChaining()
                .sinkTo(
                        sink(topic, new KeyedRows(10))
                                .setShardId("0")
                                .setBatchMaxRecords(100)
                                .setShardRefreshInterval(Duration.ofMillis(200))
                                .build());
        JobClient job = env.executeAsync("pinned");
        try {
            gate.release(beforeSplit);
            awaitCount(topic, beforeSplit);
            client.splitShard(P, topic, "0");
        } finally {
            gate.open();
        }
        job.getJobExecutionResult().get();

        Map<String, List<Record>> byShard = TopicContents.byShard(client, P, topic);
        Shard parent = shard(topic, "0");
        Shard leftChild =
                client.listShard(P, topic).getShards().stream()
                        .filter(
                                s ->
                                        s.getParentShardIds().contains("0")
                                                && s.getBeginHashKey()
                                                        .equals(parent.getBeginHashKey()))
                        .findFirst()
                        .orElseThrow();
        LOG.info(
                "Pinned shard: {} records in shard 0, {} in left child {}",
                byShard.get("0").size(),
                byShard.get(leftChild.getShardId()).size(),
                leftChild.getShardId());
        assertThat(byShard.get("1")).as("the other original shard").isEmpty();
        byShard.forEach(
                (id, records) -> {
                    if (!id.equals("0") && !id.equals(leftChild.getShardId())) {
                        assertThat(records).as("shard %s", id).isEmpty();
                    }
                });
        // The gate held every other record back until shard 0 was closed by the split.
        assertThat(byShard.get("0")).as("records before the split").hasSize(beforeSplit);
        assertThat(byShard.get(leftChild.getShardId()))
                .as("records after the split")
                .hasSize(total - beforeSplit);
        assertThat(numbers(TopicContents.all(client, P, topic)))
                .hasSize(total)
                .doesNotHaveDuplicates();
    }

    @Test
    void noRecordIsLostAcrossASplitAndAMergeAndKeysStayOnTheirShards() throws Exception {
        String topic = "reshard";
        client.createTupleTopic(P, topic, 3, 1, KEYED, "");
        // New shards cannot be split or merged for 5 s of data time.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        int total = 16000;
        RecordGate gate = RecordGate.closed(topic);
        StreamExecutionEnvironment env = env(2, false);
        env.fromSequence(0, total - 1)
                .map(gate.<Long>function())
                .returns(Types.LONG)
                .disableChaining()
                .sinkTo(
                        sink(topic, new KeyedRows(64))
                                .setHashFields("k")
                                .setBatchMaxRecords(200)
                                .build());
        JobClient job = env.executeAsync("reshard");
        // 5000 records between the split and the merge and 7000 after it: every one of the 64 keys
        // is written after each, so every child shard whose range holds a key gets records.
        try {
            gate.release(4000);
            awaitCount(topic, 4000);
            client.splitShard(P, topic, "0");
            gate.release(5000);
            awaitCount(topic, 9000);
            client.mergeShard(P, topic, "1", "2");
        } finally {
            gate.open();
        }
        job.getJobExecutionResult().get();

        Map<String, List<Record>> byShard = TopicContents.byShard(client, P, topic);
        List<Record> all =
                byShard.values().stream().flatMap(List::stream).collect(Collectors.toList());
        LOG.info(
                "Reshard test: records per shard {}",
                byShard.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
        assertThat(numbers(all)).hasSize(total).doesNotHaveDuplicates();
        assertKeysOnTheirShards(topic, all);
        List<String> children =
                client.listShard(P, topic).getShards().stream()
                        .filter(s -> !s.getParentShardIds().isEmpty())
                        .map(Shard::getShardId)
                        .collect(Collectors.toList());
        assertThat(children).hasSize(3);
        assertThat(children)
                .allSatisfy(
                        c -> assertThat(byShard.get(c)).as("records in child %s", c).isNotEmpty());
    }

    // ------------------------------------------------------------------ values

    @Test
    void everyFieldTypeRoundTripsUnchanged() throws Exception {
        String topic = "all_types";
        RecordSchema schema =
                RecordSchema.of(
                        new Field("idx", FieldType.INTEGER, false),
                        new Field("f_tinyint", FieldType.TINYINT),
                        new Field("f_smallint", FieldType.SMALLINT),
                        new Field("f_integer", FieldType.INTEGER),
                        new Field("f_bigint", FieldType.BIGINT),
                        new Field("f_float", FieldType.FLOAT),
                        new Field("f_double", FieldType.DOUBLE),
                        new Field("f_decimal", FieldType.DECIMAL),
                        new Field("f_string", FieldType.STRING),
                        new Field("f_boolean", FieldType.BOOLEAN),
                        new Field("f_timestamp", FieldType.TIMESTAMP),
                        new Field("f_ltz", FieldType.TIMESTAMP));
        client.createTupleTopic(P, topic, 1, 1, schema, "");
        AllTypes.ROWS.clear();
        AllTypes.ROWS.add(
                AllTypes.row(
                        0,
                        (byte) 0,
                        (short) 0,
                        0,
                        0L,
                        0f,
                        0d,
                        "0",
                        "",
                        false,
                        LocalDateTime.of(1970, 1, 1, 0, 0)));
        AllTypes.ROWS.add(
                AllTypes.row(
                        1,
                        Byte.MAX_VALUE,
                        Short.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        Float.MAX_VALUE,
                        Double.MAX_VALUE,
                        "12345678901234567890.123456789012345678",
                        "unicode 中文 ✓ 😀 \"quoted\" back\\slash\nnew line\ttab",
                        true,
                        LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000)));
        AllTypes.ROWS.add(
                AllTypes.row(
                        2,
                        Byte.MIN_VALUE,
                        Short.MIN_VALUE,
                        Integer.MIN_VALUE,
                        Long.MIN_VALUE,
                        -Float.MIN_VALUE,
                        -Double.MIN_VALUE,
                        "-0.000000000000000001",
                        "x".repeat(10_000),
                        false,
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)));
        AllTypes.ROWS.add(
                AllTypes.row(
                        3,
                        (byte) -1,
                        (short) 12345,
                        1,
                        -1L,
                        3.1415927f,
                        2.718281828459045,
                        "-99999999999999999999.999999999999999999",
                        "last",
                        true,
                        LocalDateTime.of(1, 1, 1, 0, 0)));
        AllTypes.ROWS.add(
                AllTypes.row(
                        4,
                        (byte) 7,
                        (short) 7,
                        7,
                        7L,
                        1.0E-10f,
                        1.0E300,
                        "7",
                        "max time (the client's limit)",
                        true,
                        LocalDateTime.of(9999, 12, 31, 15, 59, 59)));
        GenericRowData nulls = new GenericRowData(AllTypes.TYPE.getFieldCount());
        nulls.setField(0, 5);
        AllTypes.ROWS.add(nulls);

        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, AllTypes.ROWS.size() - 1).sinkTo(sink(topic, new AllTypes()).build());
        env.execute("all types");

        List<Record> records = TopicContents.all(client, P, topic);
        assertThat(records).hasSize(AllTypes.ROWS.size());
        for (Record r : records) {
            TupleRecord t = (TupleRecord) r;
            RowData row = AllTypes.ROWS.get((Integer) t.getValue("idx"));
            assertThat(t.getValues())
                    .as("row %s", t.getValue("idx"))
                    .containsExactlyElementsOf(AllTypes.expected(row));
        }
        // Exactness beyond equals(): DECIMAL keeps its scale, TIMESTAMP its microseconds.
        TupleRecord one =
                (TupleRecord)
                        records.stream()
                                .filter(r -> ((TupleRecord) r).getValue("idx").equals(1))
                                .findFirst()
                                .orElseThrow();
        assertThat(((BigDecimal) one.getValue("f_decimal")).toPlainString())
                .isEqualTo("12345678901234567890.123456789012345678");
        assertThat(one.getValue("f_timestamp")).isEqualTo(1709210096123456L);
    }

    // ------------------------------------------------------------------ failures

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"key-fields", "round-robin"})
    void noRecordIsLostUnderServiceFaultsAndTaskFailures(String routing) throws Exception {
        String topic = "faults_" + routing.replace('-', '_');
        client.createTupleTopic(P, topic, 4, 1, KEYED, "");
        FaultInjector faults = DATAHUB.faults();
        // Every kind of fault in turn, at rate 1 until it was injected: nothing gets past such a
        // rule, so the job is still writing when the next one is set and each kind is injected
        // whatever the draws.
        faults.set(P, topic, FaultRule.none().closeConnectionRate(1));
        int total = 20_000;
        FailingMapper.FAILURES.reset(3_000, 9_000, 15_000);

        StreamExecutionEnvironment env = env(2, true);
        env.enableCheckpointing(100);
        // Unbounded retries (the timeout only guards against a hang): however long a rate-1 rule
        // stays and whatever the bounded random faults below draw, no record can use up its budget.
        DataHubSinkBuilder<Long> sink =
                sink(topic, new KeyedRows(50))
                        .setBatchMaxRecords(250)
                        .setMaxInFlightRequests(4)
                        .setRetryBudget(Integer.MAX_VALUE, Duration.ofMinutes(5));
        if (routing.equals("key-fields")) {
            sink.setHashFields("k");
        }
        // At most 1000 records per completed checkpoint, so at least 5 checkpoints complete between
        // two task failures (6000 records apart): the restarts resume from checkpoints, not from
        // the start.
        DataGeneratorSource<Long> numbers =
                new DataGeneratorSource<>(
                        n -> n, total, RateLimiterStrategy.perCheckpoint(1000), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers")
                .map(new FailingMapper())
                .sinkTo(sink.build());
        JobClient job = env.executeAsync("faults " + routing);
        try {
            await(() -> faults.closedConnectionCount() > 0, "a closed connection");
            faults.set(P, topic, FaultRule.none().throttleRate(1));
            await(() -> faults.throttledCount() > 0, "a throttled request");
            faults.set(P, topic, FaultRule.none().serverErrorRate(1));
            await(() -> faults.serverErrorCount() > 0, "a server error");
            faults.set(P, topic, FaultRule.none().partialPutFailureRate(1));
            await(() -> faults.failedRecordCount() > 0, "a refused record");
            // Then every kind now and then for the rest of the run (the task failures included), at
            // most 200.
            faults.set(
                    P,
                    topic,
                    FaultRule.none()
                            .throttleRate(0.1)
                            .serverErrorRate(0.08)
                            .closeConnectionRate(0.06)
                            .partialPutFailureRate(0.01)
                            .maxFaults(200));
            job.getJobExecutionResult().get();
        } finally {
            faults.clear(P, topic);
        }

        List<Long> written = numbers(TopicContents.all(client, P, topic));
        Set<Long> distinct = new HashSet<>(written);
        LOG.info(
                "Faults test ({}): {} records in, {} written, {} duplicates, {} task failures; injected {} throttled,"
                        + " {} server errors, {} closed connections, {} refused records; sink retries {}, throttled"
                        + " requests {}",
                routing,
                total,
                written.size(),
                written.size() - distinct.size(),
                FailingMapper.FAILURES.failures(),
                faults.throttledCount(),
                faults.serverErrorCount(),
                faults.closedConnectionCount(),
                faults.failedRecordCount(),
                counter(job.getJobID(), DataHubSinkWriterMetrics.RETRIES),
                counter(job.getJobID(), DataHubSinkWriterMetrics.THROTTLED_REQUESTS));

        assertThat(FailingMapper.FAILURES.failures()).as("task failures").isEqualTo(3);
        assertThat(faults.throttledCount()).isPositive();
        assertThat(faults.serverErrorCount()).isPositive();
        assertThat(faults.closedConnectionCount()).isPositive();
        assertThat(faults.failedRecordCount()).isPositive();
        for (long n = 0; n < total; n++) {
            assertThat(distinct).as("record %s", n).contains(n);
        }
        assertThat(distinct).hasSize(total);
        // Refused records are the sink's own puts: it retried them and counted them as throttled.
        assertThat(counter(job.getJobID(), DataHubSinkWriterMetrics.RETRIES)).isPositive();
        assertThat(counter(job.getJobID(), DataHubSinkWriterMetrics.THROTTLED_REQUESTS))
                .isPositive();
        if (routing.equals("key-fields")) {
            assertKeysOnTheirShards(topic, TopicContents.all(client, P, topic));
        }
    }

    @Test
    void valueOutOfRangeFailsTheJobNamingTopicFieldAndValue() {
        String topic = "bad_range";
        client.createTupleTopic(
                P,
                topic,
                1,
                1,
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false),
                        new Field("small", FieldType.TINYINT)),
                "");
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, 9).sinkTo(sink(topic, new BadRows(5, 300)).build());
        assertThatThrownBy(() -> env.execute("out of range"))
                .hasStackTraceContaining("sink_it/bad_range")
                .hasStackTraceContaining("'small'")
                .hasStackTraceContaining("'300'")
                .hasStackTraceContaining("DataHubSinkException");
    }

    @Test
    void nullInANotNullFieldFailsTheJobNamingTopicAndField() {
        String topic = "bad_null";
        client.createTupleTopic(
                P,
                topic,
                1,
                1,
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false),
                        new Field("small", FieldType.TINYINT)),
                "");
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, 9).sinkTo(sink(topic, new BadRows(5, null)).build());
        assertThatThrownBy(() -> env.execute("null"))
                .hasStackTraceContaining("sink_it/bad_null")
                .hasStackTraceContaining("Field 'id'")
                .hasStackTraceContaining("NOT NULL");
    }

    @Test
    void oversizeRecordFailsTheJobNamingTopicAndSize() {
        String topic = "bad_size";
        client.createBlobTopic(P, topic, 1, 1, "");
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, 2)
                .map(n -> n == 1 ? new byte[5 * 1024 * 1024] : new byte[] {1})
                .sinkTo(sink(topic, DataHubSerializationSchema.blobBytes()).build());
        assertThatThrownBy(() -> env.execute("oversize"))
                .hasStackTraceContaining("sink_it/bad_size")
                .hasStackTraceContaining("a put request carries at most 4194304 bytes");
    }

    @Test
    void missingTopicFailsTheJobNamingIt() {
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, 2)
                .map(n -> new byte[] {1})
                .sinkTo(sink("no_such_topic", DataHubSerializationSchema.blobBytes()).build());
        assertThatThrownBy(() -> env.execute("missing topic"))
                .hasStackTraceContaining("sink_it/no_such_topic")
                .hasStackTraceContaining(
                        "Check that project 'sink_it' and topic 'no_such_topic' exist");
    }

    @Test
    void exhaustedRetryBudgetFailsTheJobInsteadOfDroppingRecords() {
        String topic = "always_throttled";
        client.createBlobTopic(P, topic, 1, 1, "");
        // Every put is refused as throttled; reading the topic and its shards at start is not.
        // (The emulator extension clears the rule after the test.)
        DATAHUB.faults().set(P, topic, FaultRule.none().partialPutFailureRate(1.0));
        StreamExecutionEnvironment env = env(1, false);
        env.fromSequence(0, 9)
                .map(n -> new byte[] {n.byteValue()})
                .sinkTo(
                        sink(topic, DataHubSerializationSchema.blobBytes())
                                .setRetryBudget(3, Duration.ofMinutes(1))
                                .build());
        assertThatThrownBy(() -> env.execute("throttled"))
                .hasStackTraceContaining("Gave up writing")
                .hasStackTraceContaining("sink_it/always_throttled")
                .hasStackTraceContaining("LimitExceeded");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Every record is on a shard whose hash-key range holds MD5(k), the key the service routes by.
     */
    private static void assertKeysOnTheirShards(String topic, List<Record> records) {
        Map<String, Shard> shards = new HashMap<>();
        client.listShard(P, topic).getShards().forEach(s -> shards.put(s.getShardId(), s));
        for (Record r : records) {
            String key = md5Hex((String) ((TupleRecord) r).getValue("k"));
            assertThat(shards.get(r.getShardId()).containsHashKey(key))
                    .as(
                            "key %s (hash %s) on shard %s",
                            ((TupleRecord) r).getValue("k"), key, shards.get(r.getShardId()))
                    .isTrue();
        }
    }

    private static String md5Hex(String text) {
        try {
            byte[] d =
                    java.security.MessageDigest.getInstance("MD5")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032X", new java.math.BigInteger(1, d));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> numbers(List<Record> records) {
        return records.stream()
                .map(r -> (Long) ((TupleRecord) r).getValue("n"))
                .collect(Collectors.toList());
    }

    private static Shard shard(String topic, String id) {
        return client.listShard(P, topic).getShards().stream()
                .filter(s -> s.getShardId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitCount(String topic, long atLeast) throws Exception {
        await(
                () -> TopicContents.count(client, P, topic) >= atLeast,
                atLeast + " records in " + topic);
    }

    private static void await(Supplier<Boolean> condition, String what) throws Exception {
        CommonTestUtils.waitUtil(
                condition, WAIT, Duration.ofMillis(20), "Waited in vain for " + what);
    }

    /**
     * Sum of a counter of the job's sink writer operators (every attempt after restarts included).
     */
    private static long counter(JobID job, String name) {
        long sum = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                METRICS.getMetricsByGroup().entrySet()) {
            Map<String, String> vars = g.getKey().getAllVariables();
            String operator = vars.get("<operator_name>");
            if (job.toString().equals(vars.get("<job_id>"))
                    && operator != null
                    && operator.contains("Writer")) {
                Metric m = g.getValue().get(name);
                if (m instanceof Counter) {
                    sum += ((Counter) m).getCount();
                }
            }
        }
        return sum;
    }

    /** Rows (k = "key" + n % keys, n) through the RowData serializer. */
    static final class KeyedRows implements DataHubSerializationSchema<Long> {
        private static final long serialVersionUID = 1L;
        private static final RowType TYPE =
                RowType.of(
                        new LogicalType[] {
                            new VarCharType(VarCharType.MAX_LENGTH), new BigIntType()
                        },
                        new String[] {"k", "n"});
        private final int keys;
        private final DataHubSerializationSchema<RowData> rows =
                DataHubSerializationSchema.rowDataToTuple(TYPE);

        KeyedRows(int keys) {
            this.keys = keys;
        }

        @Override
        public void open(
                SerializationSchema.InitializationContext context,
                String topicPath,
                RecordSchema schema)
                throws Exception {
            rows.open(context, topicPath, schema);
        }

        @Override
        public Record serialize(Long n) throws IOException {
            return rows.serialize(GenericRowData.of(StringData.fromString("key" + (n % keys)), n));
        }
    }

    /** Rows (id, small) where row {@code badAt} has id null (badValue null) or small = badValue. */
    static final class BadRows implements DataHubSerializationSchema<Long> {
        private static final long serialVersionUID = 1L;
        private static final RowType TYPE =
                RowType.of(
                        new LogicalType[] {new BigIntType(), new IntType()},
                        new String[] {"id", "small"});
        private final long badAt;
        private final Integer badValue;
        private final DataHubSerializationSchema<RowData> rows =
                DataHubSerializationSchema.rowDataToTuple(TYPE);

        BadRows(long badAt, Integer badValue) {
            this.badAt = badAt;
            this.badValue = badValue;
        }

        @Override
        public void open(
                SerializationSchema.InitializationContext context,
                String topicPath,
                RecordSchema schema)
                throws Exception {
            rows.open(context, topicPath, schema);
        }

        @Override
        public Record serialize(Long n) throws IOException {
            if (n != badAt) {
                return rows.serialize(GenericRowData.of(n, 1));
            }
            return rows.serialize(
                    badValue == null ? GenericRowData.of(null, 1) : GenericRowData.of(n, badValue));
        }
    }

    /** The rows of {@link #ROWS} by index, through the RowData serializer, with every type. */
    static final class AllTypes implements DataHubSerializationSchema<Long> {
        private static final long serialVersionUID = 1L;
        static final List<RowData> ROWS = new ArrayList<>();
        static final RowType TYPE =
                RowType.of(
                        new LogicalType[] {
                            new IntType(false),
                            new TinyIntType(),
                            new SmallIntType(),
                            new IntType(),
                            new BigIntType(),
                            new FloatType(),
                            new DoubleType(),
                            new DecimalType(38, 18),
                            new VarCharType(VarCharType.MAX_LENGTH),
                            new BooleanType(),
                            new TimestampType(6),
                            new LocalZonedTimestampType(6)
                        },
                        new String[] {
                            "idx",
                            "f_tinyint",
                            "f_smallint",
                            "f_integer",
                            "f_bigint",
                            "f_float",
                            "f_double",
                            "f_decimal",
                            "f_string",
                            "f_boolean",
                            "f_timestamp",
                            "f_ltz"
                        });
        private final DataHubSerializationSchema<RowData> rows =
                DataHubSerializationSchema.rowDataToTuple(TYPE);

        static RowData row(
                int idx,
                byte b,
                short s,
                int i,
                long l,
                float f,
                double d,
                String decimal,
                String str,
                boolean bool,
                LocalDateTime ts) {
            return GenericRowData.of(
                    idx,
                    b,
                    s,
                    i,
                    l,
                    f,
                    d,
                    DecimalData.fromBigDecimal(new BigDecimal(decimal), 38, 18),
                    StringData.fromString(str),
                    bool,
                    TimestampData.fromLocalDateTime(ts),
                    TimestampData.fromInstant(ts.toInstant(ZoneOffset.UTC)));
        }

        /** What the client reads back, computed independently of the serializer. */
        static List<Object> expected(RowData row) {
            if (row.isNullAt(1)) {
                Object[] values = new Object[12];
                values[0] = row.getInt(0);
                return Arrays.asList(values);
            }
            LocalDateTime ts = row.getTimestamp(10, 6).toLocalDateTime();
            Instant instant = ts.toInstant(ZoneOffset.UTC);
            long micros =
                    Math.addExact(
                            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                            instant.getNano() / 1000);
            return Arrays.asList(
                    row.getInt(0),
                    row.getByte(1),
                    row.getShort(2),
                    row.getInt(3),
                    row.getLong(4),
                    row.getFloat(5),
                    row.getDouble(6),
                    row.getDecimal(7, 38, 18).toBigDecimal(),
                    row.getString(8).toString(),
                    row.getBoolean(9),
                    micros,
                    micros);
        }

        @Override
        public void open(
                SerializationSchema.InitializationContext context,
                String topicPath,
                RecordSchema schema)
                throws Exception {
            rows.open(context, topicPath, schema);
        }

        @Override
        public Record serialize(Long n) throws IOException {
            return rows.serialize(ROWS.get(n.intValue()));
        }
    }

    /** Fails the task once at each chosen count of processed records (replays included). */
    static final class FailingMapper implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        static final InjectedFailures FAILURES = new InjectedFailures();

        @Override
        public Long map(Long n) {
            FAILURES.count();
            return n;
        }
    }
}
