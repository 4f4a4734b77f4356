package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.OffsetSessionChangedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The source's metrics as a metric reporter sees them on a MiniCluster: the per-shard group {@code
 * shardId.<id>} (currentSequence, committedSequence, millisBehindLatest), numBytesIn,
 * pendingRecords, currentFetchEventTimeLag and the subscription commit counters, read from the
 * emulator over HTTP.
 */
class DataHubSourceMetricsITCase {
    private static final String PROJECT = "source_metrics";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final InMemoryReporter REPORTER = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * Shared by the tests; each has its own topic. Assertions on times take the data clock as they
     * find it.
     */
    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    private DataHubClient client;
    private DataHubConnection connection;

    private String topic;
    private JobClient job;

    @BeforeAll
    static void createProject() {
        DATAHUB.client().createProject(PROJECT, "source metric tests");
    }

    @BeforeEach
    void start(TestInfo info) {
        client = DATAHUB.client();
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        topic = "t_" + method.substring(0, Math.min(method.length(), 60));
    }

    @AfterEach
    void stop() throws Exception {
        BlockingMapper.release();
        if (job != null) {
            // Let the tasks stop before the next test, so they do not keep reading or committing.
            Jobs.cancelAndAwait(job);
        }
    }

    private void createTopic(int shards) {
        client.createBlobTopic(PROJECT, topic, shards, 1, "metrics test");
        client.waitShardsReady(PROJECT, topic);
    }

    /**
     * Writes {@code "<shard>-<i>"} for i in [from, to) to one shard; returns the payload bytes
     * written.
     */
    private long put(String shardId, int from, int to) {
        List<BlobRecord> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = from; i < to; i++) {
            byte[] data = (shardId + "-" + i).getBytes(StandardCharsets.UTF_8);
            bytes += data.length;
            batch.add(BlobRecord.of(data));
        }
        client.putRecordsByShard(PROJECT, topic, shardId, batch);
        return bytes;
    }

    private DataHubSourceBuilder<String> source() {
        return DataHubSource.<String>builder()
                .setConnection(connection)
                .setProject(PROJECT)
                .setTopic(topic)
                .setDeserializer(DataHubDeserializationSchema.blob(new SimpleStringSchema()))
                .setShardDiscoveryInterval(Duration.ofMillis(200))
                .setEmptyFetchInterval(Duration.ofMillis(20));
    }

    private void run(DataHubSource<String> source, boolean blockFirstRecord) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(100);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "datahub")
                .map(new BlockingMapper(blockFirstRecord))
                .sinkTo(new DiscardingSink<>());
        job = env.executeAsync("metrics of " + topic);
    }

    // ------------------------------------------------------------------ metric look-ups

    /** The job's metrics by identifier (scope components and name joined by dots). */
    private Map<String, Metric> metrics() {
        return new TreeMap<>(REPORTER.getMetricsByIdentifiers(job.getJobID()));
    }

    /** The one metric of the job whose identifier ends with {@code suffix}. */
    private Optional<Metric> metric(String suffix) {
        List<Metric> found = new ArrayList<>();
        metrics()
                .forEach(
                        (id, m) -> {
                            if (id.endsWith(suffix)) {
                                found.add(m);
                            }
                        });
        assertThat(found).as("metrics ending with %s", suffix).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    /** A gauge or counter of the source operator, or null while it is not registered. */
    private Long value(String suffix) {
        Optional<Metric> m = metric(suffix);
        if (m.isEmpty()) {
            return null;
        }
        if (m.get() instanceof Counter) {
            return ((Counter) m.get()).getCount();
        }
        Object v = ((Gauge<?>) m.get()).getValue();
        return v == null ? null : ((Number) v).longValue();
    }

    private Long shard(String shardId, String name) {
        return sourceMetric("shardId." + shardId + "." + name);
    }

    /** A metric of the source operator (subtask 0) itself, not of the task it is chained into. */
    private Long sourceMetric(String name) {
        return value(".Source: datahub.0." + name);
    }

    /** Waits for the condition; on a time-out the job's source metrics are in the message. */
    private void waitUntil(Supplier<Boolean> condition, String what) throws InterruptedException {
        try {
            waitUtil(condition, TIMEOUT, what);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "Timed out waiting until "
                            + what
                            + "; metrics of the job: "
                            + describe(metrics()),
                    e);
        }
    }

    private static String describe(Map<String, Metric> metrics) {
        StringBuilder out = new StringBuilder();
        metrics.forEach(
                (id, m) -> {
                    if (id.contains("Source")) {
                        Object v =
                                m instanceof Counter
                                        ? ((Counter) m).getCount()
                                        : m instanceof Gauge
                                                ? ((Gauge<?>) m).getValue()
                                                : m.getClass().getSimpleName();
                        out.append("\n  ").append(id).append(" = ").append(v);
                    }
                });
        return out.toString();
    }

    private static boolean is(Long actual, long expected) {
        return actual != null && actual == expected;
    }

    private long committedOnService(String subId, String shardId) {
        return client.getSubscriptionOffset(PROJECT, topic, subId, List.of(shardId))
                .getOffsets()
                .get(shardId)
                .getSequence();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void shardGaugesBytesAndPendingRecordsFollowTheReadWhileBehindAndOnceCaughtUp()
            throws Exception {
        createTopic(2);
        long bytes = 0;
        // Bounds of the records' DataHub system times (the data clock stamps them).
        long firstRecordTime = DATAHUB.emulator().clock().millis();
        // Ten batches per shard, a data-clock second apart, so that a reader behind the newest
        // record is behind in time too.
        for (int b = 0; b < 10; b++) {
            if (b > 0) {
                DATAHUB.emulator().clock().advance(Duration.ofSeconds(1));
            }
            bytes += put("0", b * 10, b * 10 + 10);
            bytes += put("1", b * 10, b * 10 + 10);
        }
        long lastRecordTime = DATAHUB.emulator().clock().millis();
        BlockingMapper.reset();
        long jobStart = System.currentTimeMillis();
        run(source().setMaxRecordsPerFetch(10).build(), true);

        // The task is blocked on its first record. The fetcher fills the reader's element queue (2
        // batches) and stops with one more batch in hand: at most 4 fetches of at most 10 records,
        // so neither shard gets near its 100th record. Once it stopped, the gauges hold still; wait
        // for one consistent reading: both sequences unchanged around the pending-records reading.
        assertThat(BlockingMapper.blocked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();
        long[] behind = new long[5];
        waitUntil(
                () -> {
                    Long s0 = shard("0", "currentSequence");
                    Long s1 = shard("1", "currentSequence");
                    Long pending = sourceMetric("pendingRecords");
                    Long behind0 = shard("0", "millisBehindLatest");
                    Long behind1 = shard("1", "millisBehindLatest");
                    if (s0 == null
                            || s1 == null
                            || s0 < 0
                            || s1 < 0
                            || pending == null
                            || behind0 == null
                            || behind1 == null
                            || !s0.equals(shard("0", "currentSequence"))
                            || !s1.equals(shard("1", "currentSequence"))
                            || pending != 99 - s0 + 99 - s1
                            || behind0 <= 0
                            || behind1 <= 0) {
                        return false;
                    }
                    behind[0] = s0;
                    behind[1] = s1;
                    behind[2] = pending;
                    behind[3] = behind0;
                    behind[4] = behind1;
                    return true;
                },
                "both shards fetched and stopped behind, pendingRecords = the records not yet read");
        for (int s = 0; s < 2; s++) {
            assertThat(behind[s]).as("shard %s read ahead a little", s).isLessThan(99);
            assertThat(behind[3 + s]).as("shard %s behind in time", s).isPositive();
        }
        assertThat(shard("0", "committedSequence")).as("no subscription").isEqualTo(-1);
        assertThat(shard("1", "committedSequence")).as("no subscription").isEqualTo(-1);
        assertThat(behind[2])
                .as("records not yet read")
                .isEqualTo(99 - behind[0] + 99 - behind[1])
                .isPositive();
        assertThat(sourceMetric("currentFetchEventTimeLag"))
                .as(
                        "fetch time (after the job started, before now) minus the DataHub system time of a record")
                .isBetween(jobStart - lastRecordTime, System.currentTimeMillis() - firstRecordTime);

        BlockingMapper.release();
        final long totalBytes = bytes;
        waitUntil(
                () ->
                        is(shard("0", "currentSequence"), 99)
                                && is(shard("1", "currentSequence"), 99)
                                && is(sourceMetric("pendingRecords"), 0)
                                && is(sourceMetric("numBytesIn"), totalBytes)
                                && is(shard("0", "millisBehindLatest"), 0)
                                && is(shard("1", "millisBehindLatest"), 0),
                "everything read, nothing pending, not behind");

        assertThat(sourceMetric("currentFetchEventTimeLag"))
                .isBetween(jobStart - lastRecordTime, System.currentTimeMillis() - firstRecordTime);
        assertThat(sourceMetric("commitsSucceeded")).as("no subscription, no commits").isZero();
        assertThat(sourceMetric("commitsFailed")).isZero();
    }

    @Test
    void
            commitsAreCountedASessionTakenByAnotherConsumerIsReopenedAndALostSubscriptionCountsFailures()
                    throws Exception {
        createTopic(1);
        String subId = client.createSubscription(PROJECT, topic, "metrics test").getSubId();
        put("0", 0, 50);
        BlockingMapper.reset();
        run(source().setSubscriptionId(subId).build(), false);

        waitUntil(() -> is(shard("0", "committedSequence"), 49), "the first 50 records committed");
        assertThat(committedOnService(subId, "0")).isEqualTo(49);
        long succeeded = sourceMetric("commitsSucceeded");
        assertThat(succeeded).isPositive();
        assertThat(sourceMetric("commitsFailed")).isZero();

        // Another consumer opens the shard's offset session: the committer's session is no longer
        // valid.
        OffsetWithSession other =
                client.initAndGetSubscriptionOffset(PROJECT, topic, subId, List.of("0"))
                        .getOffsets()
                        .get("0");
        put("0", 50, 80);

        waitUntil(() -> is(shard("0", "committedSequence"), 79), "the next 30 records committed");
        assertThat(committedOnService(subId, "0")).isEqualTo(79);
        assertThat(sourceMetric("commitsSucceeded")).isGreaterThan(succeeded);
        assertThat(sourceMetric("commitsFailed"))
                .as("the session was re-opened, not given up")
                .isZero();
        assertThatThrownBy(
                        () ->
                                client.updateSubscriptionOffset(
                                        PROJECT,
                                        topic,
                                        subId,
                                        Map.of("0", other.withPosition(10, 0, 0))))
                .as("the committer took the session back")
                .isInstanceOf(OffsetSessionChangedException.class);

        client.deleteSubscription(PROJECT, topic, subId);
        waitUntil(
                () -> sourceMetric("commitsFailed") != null && sourceMetric("commitsFailed") > 0,
                "a commit to the deleted subscription failed");
        put("0", 80, 100);

        waitUntil(
                () -> is(shard("0", "currentSequence"), 99),
                "records written after the failures read");
        assertThat(job.getJobStatus().get())
                .as("a failed commit is not fatal")
                .isEqualTo(JobStatus.RUNNING);
        assertThat(shard("0", "committedSequence")).as("the last successful commit").isEqualTo(79);
    }

    @Test
    void shardGroupIsReleasedWhenItsSplitFinishes() throws Exception {
        createTopic(1);
        put("0", 0, 40);
        BlockingMapper.reset();
        run(source().build(), false);
        waitUntil(() -> is(shard("0", "currentSequence"), 39), "shard 0 read");
        assertThat(metrics().keySet())
                .noneMatch(id -> id.contains(".shardId.1.") || id.contains(".shardId.2."));

        // The emulator refuses to split a shard younger than its cool-down.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, "0");
        client.waitShardsReady(PROJECT, topic);
        put("1", 0, 5);
        put("2", 0, 7);

        waitUntil(
                () -> is(shard("1", "currentSequence"), 4) && is(shard("2", "currentSequence"), 6),
                "the children read");
        waitUntil(
                () -> metrics().keySet().stream().noneMatch(id -> id.contains(".shardId.0.")),
                "the finished shard's group released");
        assertThat(sourceMetric("pendingRecords")).isZero();
    }

    /** Passes records through; optionally blocks on the first one until released (backpressure). */
    static final class BlockingMapper implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch blocked = new CountDownLatch(1);
        static volatile CountDownLatch released = new CountDownLatch(1);
        private final boolean block;

        BlockingMapper(boolean block) {
            this.block = block;
        }

        static void reset() {
            blocked = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        static void release() {
            released.countDown();
        }

        @Override
        public String map(String value) throws Exception {
            if (block && released.getCount() > 0) {
                blocked.countDown();
                released.await();
            }
            return value;
        }
    }
}
