package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.deserializer.DataHubTuple;
import io.github.flinkdatahub.connector.testutil.CommittedCollectSink;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.InjectedFailures;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/** The source on a MiniCluster against the emulator over HTTP. */
class DataHubSourceITCase {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSourceITCase.class);
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(List.of("k", "n"), List.of(FieldType.STRING, FieldType.BIGINT));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    static DataHubClient client;
    static DataHubConnection connection;

    @BeforeAll
    static void start() {
        client = DATAHUB.client();
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
        client.createProject("source_it", "source tests");
    }

    private static void createTopic(String topic, int shards) {
        client.createTupleTopic("source_it", topic, shards, 1, SCHEMA, "");
        client.waitShardsReady("source_it", topic);
    }

    private static void put(String topic, int from, int to, int keys) {
        List<Record> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String key = "key" + (i % keys);
            batch.add(TupleRecord.builder(SCHEMA).values(key, (long) i).partitionKey(key).build());
            if (batch.size() == 100 || i == to - 1) {
                assertThat(client.putRecords("source_it", topic, batch).getFailedRecordCount())
                        .isZero();
                batch.clear();
            }
        }
    }

    private static DataHubSourceBuilder<DataHubTuple> source(String topic) {
        return DataHubSource.<DataHubTuple>builder()
                .setConnection(connection)
                .setProject("source_it")
                .setTopic(topic)
                .setDeserializer(DataHubDeserializationSchema.tupleToValue())
                .setShardDiscoveryInterval(Duration.ofMillis(300))
                .setEmptyFetchInterval(Duration.ofMillis(50));
    }

    @Test
    void boundedModeReadsExactlyTheRecordsPresentAtStart() throws Exception {
        createTopic("bounded", 3);
        put("bounded", 0, 900, 9);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Long> read = new ArrayList<>();
        try (CloseableIterator<DataHubTuple> it =
                env.fromSource(
                                source("bounded").setBounded(StoppingPosition.latest()).build(),
                                WatermarkStrategy.noWatermarks(),
                                "bounded")
                        .executeAndCollect()) {
            it.forEachRemaining(t -> read.add((Long) t.getValue("n")));
            // Written while the bounded job runs: must not be read.
            put("bounded", 900, 950, 9);
        }
        assertThat(read).hasSize(900).doesNotHaveDuplicates();
        assertThat(read).allSatisfy(n -> assertThat(n).isBetween(0L, 899L));
    }

    @Test
    void startsAtATimestampOrAtGivenSequences() throws Exception {
        String topic = "start_positions";
        createTopic(topic, 1);
        put(topic, 0, 100, 1);
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(2));
        long later = DATAHUB.emulator().clock().millis();
        put(topic, 100, 150, 1);

        assertThat(
                        readBounded(
                                source(topic)
                                        .setStartingPosition(
                                                StartingPosition.fromTimestamp(later))))
                .as("records received at or after the start time")
                .hasSize(50)
                .allSatisfy(n -> assertThat(n).isBetween(100L, 149L));
        assertThat(
                        readBounded(
                                source(topic)
                                        .setStartingPosition(
                                                StartingPosition.fromSequences(Map.of("0", 140L)))))
                .as("records from sequence 140 on")
                .containsExactlyInAnyOrder(
                        140L, 141L, 142L, 143L, 144L, 145L, 146L, 147L, 148L, 149L);
        assertThat(readBounded(source(topic).setStartingPosition(StartingPosition.latest())))
                .isEmpty();
    }

    private static List<Long> readBounded(DataHubSourceBuilder<DataHubTuple> builder)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<Long> read = new ArrayList<>();
        try (CloseableIterator<DataHubTuple> it =
                env.fromSource(
                                builder.setBounded(StoppingPosition.latest()).build(),
                                WatermarkStrategy.noWatermarks(),
                                "bounded")
                        .executeAndCollect()) {
            it.forEachRemaining(t -> read.add((Long) t.getValue("n")));
        }
        return read;
    }

    @Test
    void everyRecordExactlyOnceThroughFailuresSplitsAndMerges() throws Exception {
        String topic = "exactly_once";
        createTopic(topic, 3);
        // New shards cannot be split or merged for 5 s; let that much data time pass.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        int keys = 16;
        int total = 6000;
        FailingMapper.FAILURES.reset(1000, 2800, 4600);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromSource(source(topic).build(), WatermarkStrategy.noWatermarks(), "datahub")
                .map(new FailingMapper())
                .sinkTo(new CommittedCollectSink(topic));
        long started = System.nanoTime();
        JobClient job = env.executeAsync("exactly-once under failures and resharding");

        // Each reshard comes while the job reads: after it has committed most of what was written
        // before (and so got past the first injected failures), with more records written after it.
        int reshardEvents = 0;
        try {
            put(topic, 0, 2000, keys);
            waitUntilCommitted(topic, 1500);
            client.splitShard("source_it", topic, "0");
            reshardEvents++;
            put(topic, 2000, 4000, keys);
            waitUntilCommitted(topic, 3500);
            client.mergeShard("source_it", topic, "1", "2");
            reshardEvents++;
            put(topic, 4000, total, keys);
            waitUntilCommitted(topic, total);
        } finally {
            // Only a terminated job commits nothing more: the results below are final.
            Jobs.cancelAndAwait(job);
        }
        List<String> results = CommittedCollectSink.results(topic);
        LOG.info(
                "Exactly-once test: {} records, {} failures, {} reshard events, {} ms",
                total,
                FailingMapper.FAILURES.failures(),
                reshardEvents,
                (System.nanoTime() - started) / 1_000_000);

        assertThat(FailingMapper.FAILURES.failures()).isGreaterThanOrEqualTo(3);
        assertThat(results).hasSize(total).doesNotHaveDuplicates();
        assertParentsBeforeChildren(topic, results);
    }

    private static void waitUntilCommitted(String sinkName, int distinct)
            throws InterruptedException, TimeoutException {
        waitUtil(
                () -> new HashSet<>(CommittedCollectSink.results(sinkName)).size() >= distinct,
                TIMEOUT,
                distinct + " distinct records committed by " + sinkName);
    }

    /**
     * For every key: all its records of a parent shard were emitted before any of a child shard.
     */
    private static void assertParentsBeforeChildren(String topic, List<String> results) {
        Map<String, List<String>> parents = new HashMap<>();
        for (Shard s : client.listShard("source_it", topic).getShards()) {
            parents.put(s.getShardId(), s.getParentShardIds());
        }
        // key -> shard -> [min emit, max emit]
        Map<String, Map<String, long[]>> spans = new HashMap<>();
        for (String line : results) {
            String[] f = line.split("\\|");
            long[] span =
                    spans.computeIfAbsent(f[0], k -> new HashMap<>())
                            .computeIfAbsent(
                                    f[2], s -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            long emitted = Long.parseLong(f[4]);
            span[0] = Math.min(span[0], emitted);
            span[1] = Math.max(span[1], emitted);
        }
        int checkedPairs = 0;
        for (Map.Entry<String, Map<String, long[]>> key : spans.entrySet()) {
            for (Map.Entry<String, long[]> child : key.getValue().entrySet()) {
                for (String ancestor : ancestors(child.getKey(), parents)) {
                    long[] parentSpan = key.getValue().get(ancestor);
                    if (parentSpan != null) {
                        assertThat(parentSpan[1])
                                .as(
                                        "key %s: shard %s read before its descendant %s",
                                        key.getKey(), ancestor, child.getKey())
                                .isLessThan(child.getValue()[0]);
                        checkedPairs++;
                    }
                }
            }
        }
        assertThat(checkedPairs).as("keys seen in both a parent and a child shard").isPositive();
    }

    private static Set<String> ancestors(String shard, Map<String, List<String>> parents) {
        Set<String> out = new HashSet<>();
        for (String p : parents.getOrDefault(shard, List.of())) {
            out.add(p);
            out.addAll(ancestors(p, parents));
        }
        return out;
    }

    @Test
    void subscriptionOffsetsAreCommittedAndAJobContinuesFromThem() throws Exception {
        String topic = "subscribed";
        createTopic(topic, 2);
        String subId = client.createSubscription("source_it", topic, "flink").getSubId();
        put(topic, 0, 400, 4);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        env.fromSource(
                        source(topic).setSubscriptionId(subId).build(),
                        WatermarkStrategy.noWatermarks(),
                        "first")
                .map(t -> t.getValue("n").toString())
                .sinkTo(new CommittedCollectSink("first-run"));
        JobClient first = env.executeAsync("first run");
        try {
            waitUtil(
                    () -> committedCount(topic, subId) >= 400,
                    TIMEOUT,
                    "offsets of all 400 records committed");
        } finally {
            Jobs.cancelAndAwait(first);
        }
        assertThat(committedCount(topic, subId))
                .as("records covered by committed offsets")
                .isEqualTo(400);

        put(topic, 400, 600, 4);
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        env2.setParallelism(2);
        List<String> second = new ArrayList<>();
        try (CloseableIterator<DataHubTuple> it =
                env2.fromSource(
                                source(topic)
                                        .setSubscriptionId(subId)
                                        .setStartingPosition(
                                                StartingPosition.fromSubscription(
                                                        StartingPosition.OffsetResetStrategy.FAIL))
                                        .setBounded(StoppingPosition.latest())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "second")
                        .executeAndCollect()) {
            it.forEachRemaining(t -> second.add(t.getValue("n").toString()));
        }
        assertThat(second)
                .hasSize(200)
                .allSatisfy(n -> assertThat(Long.parseLong(n)).isBetween(400L, 599L));
    }

    /**
     * Records of the topic covered by the subscription's committed offsets (sequence + 1 per
     * shard).
     */
    private static long committedCount(String topic, String subId) {
        Map<String, OffsetWithVersion> offsets =
                client.getSubscriptionOffset("source_it", topic, subId, List.of("0", "1"))
                        .getOffsets();
        return offsets.values().stream().mapToLong(o -> o.getSequence() + 1).sum();
    }

    /** Formats records as key|n|shard|sequence|emitNanos and fails the job at chosen counts. */
    static final class FailingMapper implements MapFunction<DataHubTuple, String> {
        private static final long serialVersionUID = 1L;
        static final InjectedFailures FAILURES = new InjectedFailures();

        @Override
        public String map(DataHubTuple t) {
            FAILURES.count();
            return t.getValue("k")
                    + "|"
                    + t.getValue("n")
                    + "|"
                    + t.getShardId()
                    + "|"
                    + t.getSequence()
                    + "|"
                    + System.nanoTime();
        }
    }
}
