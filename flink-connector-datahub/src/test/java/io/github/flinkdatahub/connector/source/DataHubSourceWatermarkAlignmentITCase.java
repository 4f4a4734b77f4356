package io.github.flinkdatahub.connector.source;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watermark alignment over shards whose record times are an hour apart (the emulator's data clock
 * is moved between the writes): the shard ahead in event time is paused until the one behind has
 * been read to its end, then resumed, and the bounded job reads every record exactly once.
 */
class DataHubSourceWatermarkAlignmentITCase {
    private static final String PROJECT = "source_alignment";
    private static final int PER_SHARD = 300;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static DataHubEmulator emulator;
    static DataHubClient client;
    static DataHubConnection connection;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        connection = EmulatorConnections.builder(emulator).build();
        client.createProject(PROJECT, "watermark alignment tests");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    /** Shard 0 gets records at the data clock's time, shard 1 the same number an hour later. */
    private static void skewedTopic(String topic) {
        client.createBlobTopic(PROJECT, topic, 2, 1, "alignment test");
        client.waitShardsReady(PROJECT, topic);
        put(topic, "0");
        emulator.clock().advance(Duration.ofHours(1));
        put(topic, "1");
    }

    private static void put(String topic, String shardId) {
        List<BlobRecord> batch = new ArrayList<>();
        for (int i = 0; i < PER_SHARD; i++) {
            batch.add(BlobRecord.of((shardId + "|" + i).getBytes(StandardCharsets.UTF_8)));
        }
        client.putRecordsByShard(PROJECT, topic, shardId, batch);
    }

    /** Reads the topic with alignment (1 s drift) and returns "shard|i|emitNanos" per record. */
    private static List<String> readAligned(String topic, int parallelism) throws Exception {
        DataHubSource<String> source = DataHubSource.<String>builder().setConnection(connection).setProject(PROJECT)
                .setTopic(topic).setDeserializer(DataHubDeserializationSchema.blob(new SimpleStringSchema()))
                .setBounded(StoppingPosition.latest()).setMaxRecordsPerFetch(10)
                .setEmptyFetchInterval(Duration.ofMillis(20)).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = env.fromSource(source,
                WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ZERO)
                        .withWatermarkAlignment("datahub-" + topic, Duration.ofSeconds(1), Duration.ofMillis(20)),
                "aligned " + topic).map(new SlowStamp()).executeAndCollect("alignment " + topic)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<Integer> values(List<String> lines, String shard) {
        return lines.stream().map(l -> l.split("\\|")).filter(f -> f[0].equals(shard))
                .map(f -> Integer.parseInt(f[1])).collect(Collectors.toList());
    }

    /** Records of shard 1 (an hour ahead) emitted before the last record of shard 0. */
    private static long aheadBeforeBehindEnded(List<String> lines) {
        long lastOfShard0 = lines.stream().map(l -> l.split("\\|")).filter(f -> f[0].equals("0"))
                .mapToLong(f -> Long.parseLong(f[2])).max().orElseThrow();
        return lines.stream().map(l -> l.split("\\|"))
                .filter(f -> f[0].equals("1") && Long.parseLong(f[2]) < lastOfShard0).count();
    }

    /** Time the split of {@code shardId} spent paused by alignment, summed over the source's subtasks. */
    private static long pausedMillis(String sourceName, String shardId) {
        long total = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : REPORTER.getMetricsByGroup().entrySet()) {
            for (Map.Entry<String, Metric> m : group.getValue().entrySet()) {
                String id = group.getKey().getMetricIdentifier(m.getKey());
                if (id.contains(sourceName) && id.endsWith(".split." + shardId + ".watermark.accumulatedPausedTimeMs")) {
                    total += ((Number) ((Gauge<?>) m.getValue()).getValue()).longValue();
                }
            }
        }
        return total;
    }

    /** Both shards in one reader: split-level alignment, through the split reader's pause and resume. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oneReaderPausesTheShardAheadInEventTimeUntilTheOtherEnds() throws Exception {
        skewedTopic("one_reader");

        List<String> read = readAligned("one_reader", 1);

        assertThat(values(read, "0")).as("shard 0 in order").containsExactlyElementsOf(range(PER_SHARD));
        assertThat(values(read, "1")).as("shard 1 in order").containsExactlyElementsOf(range(PER_SHARD));
        assertThat(aheadBeforeBehindEnded(read)).as("records of the shard an hour ahead read before the shard"
                + " behind ended; without pausing both would interleave").isLessThan(PER_SHARD / 2);
        assertThat(pausedMillis("aligned one_reader", "1")).as("shard 1 paused").isPositive();
        assertThat(pausedMillis("aligned one_reader", "0")).as("shard 0 never ahead").isZero();
    }

    /**
     * One shard per reader: the reader ahead is held back as a whole (Flink stops polling it), and
     * released when the reader behind finishes.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoReadersHoldBackTheReaderAheadInEventTimeUntilTheOtherEnds() throws Exception {
        skewedTopic("two_readers");

        List<String> read = readAligned("two_readers", 2);

        assertThat(values(read, "0")).containsExactlyElementsOf(range(PER_SHARD));
        assertThat(values(read, "1")).containsExactlyElementsOf(range(PER_SHARD));
        assertThat(aheadBeforeBehindEnded(read)).isLessThan(PER_SHARD / 2);
        assertThat(pausedMillis("aligned two_readers", "1")).as("shard 1 held back").isPositive();
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Adds the emit time and slows the pipeline a little, so the fetcher cannot run far ahead. */
    static final class SlowStamp implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(String value) throws Exception {
            Thread.sleep(1);
            return value + "|" + System.nanoTime();
        }
    }
}
