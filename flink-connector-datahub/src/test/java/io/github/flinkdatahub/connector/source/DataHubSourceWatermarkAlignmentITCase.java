package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.compat.SinkCompat;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watermark alignment over two shards, one an hour ahead of the other in event time: the shard
 * ahead is held back (no record of it emitted) while the shard behind keeps being read, and is
 * released once the shard behind catches up. Both cases of Flink's alignment: two splits in one
 * reader (the split reader pauses the shard, {@code ShardSplitReader#pauseOrResumeSplits}) and one
 * split per reader (the reader ahead is not polled).
 *
 * <p>Every step is a hand-off, never a race against time. Event times come from the payload, so a
 * record written later can still lie behind in event time (the emulator's data clock only moves
 * forward). The source's own timestamps, the DataHub system times, are checked separately. The
 * pause is observed through the connector's shard metrics {@code paused} and {@code pauses}, set by
 * the fetcher thread (Flink's split watermark metrics exist only from Flink 2.1).
 */
class DataHubSourceWatermarkAlignmentITCase {
    private static final String PROJECT = "source_alignment";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long BEHIND = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long AHEAD = BEHIND + Duration.ofHours(1).toMillis();
    private static final int FIRST = 50;
    private static final int WITNESSES = 20;
    private static final int AHEAD_RECORDS = 50;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    /**
     * Per topic: the timestamp the source attached to each payload (before the assigner replaced
     * it).
     */
    private static final Map<String, Map<String, Long>> SOURCE_TIMESTAMPS =
            new ConcurrentHashMap<>();

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

    @BeforeAll
    static void createProject() {
        DATAHUB.client().createProject(PROJECT, "watermark alignment tests");
    }

    /**
     * Both shards in one reader: split-level alignment, through the split reader's pause and
     * resume.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void oneReaderPausesTheShardAheadInEventTimeUntilTheOtherCatchesUp() throws Exception {
        String topic = "one_reader";
        heldBackUntilTheShardBehindCatchesUp(topic, 1);

        assertThat(subtasksOfSplit(sourceName(topic), "0"))
                .as("both shards in one reader")
                .isEqualTo(subtasksOfSplit(sourceName(topic), "1"))
                .hasSize(1);
    }

    /** One shard per reader: the reader ahead is held back as a whole (Flink stops polling it). */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoReadersHoldBackTheReaderAheadInEventTimeUntilTheOtherCatchesUp() throws Exception {
        String topic = "two_readers";
        heldBackUntilTheShardBehindCatchesUp(topic, 2);

        assertThat(subtasksOfSplit(sourceName(topic), "0"))
                .as("each shard in its own reader")
                .doesNotContainAnyElementsOf(subtasksOfSplit(sourceName(topic), "1"))
                .hasSize(1);
    }

    /**
     * Shard 0 is behind (event time {@link #BEHIND}), shard 1 an hour ahead ({@link #AHEAD}).
     * Alignment (1 s drift) pauses shard 1 as soon as its first record sets its watermark; records
     * written to shard 1 after that may not be emitted before shard 0 reaches shard 1's time.
     */
    private static void heldBackUntilTheShardBehindCatchesUp(String topic, int parallelism)
            throws Exception {
        DataHubClient client = DATAHUB.client();
        client.createBlobTopic(PROJECT, topic, 2, 1, "alignment test");
        client.waitShardsReady(PROJECT, topic);
        put(topic, "0", 0, FIRST, BEHIND);
        int behindBeforeRelease = FIRST + 1 + WITNESSES;
        JobClient job = start(topic, parallelism);
        try {
            waitUtil(
                    () -> emitted(topic, "0").size() == FIRST,
                    TIMEOUT,
                    "shard 0's first records emitted");

            // The first record ahead: once its watermark is known, alignment pauses shard 1.
            put(topic, "1", 0, 1, AHEAD);
            waitUtil(
                    () -> isPaused(sourceName(topic), "1"), TIMEOUT, "shard 1 paused by alignment");
            // The shard's "paused" gauge is set by the fetcher thread itself, between two fetches,
            // so no fetch of shard 1 is under way or starts from now on and nothing written to
            // shard 1 from now on is read. A record of shard 0 written now is read by a later
            // fetch: once it is emitted, the fetcher has run since the pause. (With one split per
            // reader Flink also stops polling the reader ahead altogether.)
            put(topic, "0", FIRST, FIRST + 1, BEHIND);
            waitUtil(
                    () -> emitted(topic, "0").size() == FIRST + 1,
                    TIMEOUT,
                    "a record of shard 0 after the pause");

            put(topic, "1", 1, AHEAD_RECORDS, AHEAD);
            put(topic, "0", FIRST + 1, behindBeforeRelease, BEHIND);
            waitUtil(
                    () -> emitted(topic, "0").size() == behindBeforeRelease,
                    TIMEOUT,
                    "shard 0's records written after those of shard 1 emitted");

            assertThat(emitted(topic, "1"))
                    .as(
                            "shard 1 held back: only its record from before the pause, none of the"
                                    + " %s written after it, although shard 0's later records were read",
                            AHEAD_RECORDS - 1)
                    .containsExactly(line("1", 0, AHEAD));
            assertThat(isPaused(sourceName(topic), "1")).as("still paused").isTrue();
            assertThat(pauses(sourceName(topic), "0")).as("the shard behind never paused").isZero();
            assertThat(isPaused(sourceName(topic), "0")).isFalse();

            // Shard 0 catches up with shard 1: both watermarks at AHEAD - 1, shard 1 is resumed.
            // (Shard 0 itself may be paused for a moment, until Flink announces a maximum watermark
            // past its jump.)
            put(topic, "0", behindBeforeRelease, behindBeforeRelease + 1, AHEAD);
            waitUtil(
                    () ->
                            emitted(topic, "1").size() == AHEAD_RECORDS
                                    && emitted(topic, "0").size() == behindBeforeRelease + 1,
                    TIMEOUT,
                    "every record emitted after shard 0 caught up");
        } finally {
            Jobs.cancelAndAwait(job);
        }

        List<String> lines = EmittedSink.lines(topic);
        assertThat(indexes(lines, "0"))
                .as("shard 0 exactly once, in order")
                .containsExactlyElementsOf(range(behindBeforeRelease + 1));
        assertThat(indexes(lines, "1"))
                .as("shard 1 exactly once, in order")
                .containsExactlyElementsOf(range(AHEAD_RECORDS));
        assertThat(pauses(sourceName(topic), "1"))
                .as("shard 1 paused by its fetcher, and resumed (all its records were read)")
                .isPositive();
        assertThat(SOURCE_TIMESTAMPS.get(topic))
                .as("the source's record timestamp is the DataHub system time")
                .isEqualTo(systemTimes(topic));
    }

    private static JobClient start(String topic, int parallelism) throws Exception {
        DataHubSource<String> source =
                DataHubSource.<String>builder()
                        .setConnection(EmulatorConnections.builder(DATAHUB.emulator()).build())
                        .setProject(PROJECT)
                        .setTopic(topic)
                        .setDeserializer(
                                DataHubDeserializationSchema.blob(new SimpleStringSchema()))
                        .setMaxRecordsPerFetch(10)
                        .setEmptyFetchInterval(Duration.ofMillis(20))
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(50);
        SOURCE_TIMESTAMPS.put(topic, new ConcurrentHashMap<>());
        // Chained to the source: a line is in the sink's list as soon as the source emitted it.
        env.fromSource(
                        source,
                        WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ZERO)
                                .withTimestampAssigner(new PayloadTime(topic))
                                .withWatermarkAlignment(
                                        "datahub-" + topic,
                                        Duration.ofSeconds(1),
                                        Duration.ofMillis(20)),
                        sourceName(topic))
                .sinkTo(new EmittedSink(topic));
        return env.executeAsync("alignment " + topic);
    }

    private static String sourceName(String topic) {
        return "aligned " + topic;
    }

    private static String line(String shardId, int i, long eventTime) {
        return shardId + "|" + i + "|" + eventTime;
    }

    /** Writes records i in [from, to) to one shard, with the event time in the payload. */
    private static void put(String topic, String shardId, int from, int to, long eventTime) {
        List<BlobRecord> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(BlobRecord.of(line(shardId, i, eventTime).getBytes(StandardCharsets.UTF_8)));
        }
        DATAHUB.client().putRecordsByShard(PROJECT, topic, shardId, batch);
    }

    private static List<String> emitted(String topic, String shardId) {
        return EmittedSink.lines(topic).stream()
                .filter(l -> l.startsWith(shardId + "|"))
                .collect(Collectors.toList());
    }

    private static List<Integer> indexes(List<String> lines, String shardId) {
        return lines.stream()
                .map(l -> l.split("\\|"))
                .filter(f -> f[0].equals(shardId))
                .map(f -> Integer.parseInt(f[1]))
                .collect(Collectors.toList());
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /** Payload -> DataHub system time of every record of the topic, read back with the client. */
    private static Map<String, Long> systemTimes(String topic) {
        Map<String, Long> out = new HashMap<>();
        for (String shardId : List.of("0", "1")) {
            String cursor =
                    DATAHUB.client()
                            .getCursor(PROJECT, topic, shardId, CursorType.OLDEST, -1)
                            .getCursor();
            for (Record r :
                    DATAHUB.client()
                            .getBlobRecords(PROJECT, topic, shardId, cursor, 1000)
                            .getRecords()) {
                out.put(
                        new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8),
                        r.getSystemTime());
            }
        }
        return out;
    }

    /**
     * The connector's shard metric {@code name} of {@code shardId} by the source subtask holding
     * it.
     */
    private static Map<String, Metric> shardMetrics(
            String sourceName, String shardId, String name) {
        Map<String, Metric> out = new HashMap<>();
        String suffix = ".shardId." + shardId + "." + name;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                REPORTER.getMetricsByGroup().entrySet()) {
            for (Map.Entry<String, Metric> m : group.getValue().entrySet()) {
                String id = group.getKey().getMetricIdentifier(m.getKey());
                int at = id.indexOf(sourceName + ".");
                if (at >= 0 && id.endsWith(suffix)) {
                    // <...>.<source name>.<subtask index>.shardId.<id>.<name>
                    out.put(
                            id.substring(
                                    at + sourceName.length() + 1, id.length() - suffix.length()),
                            m.getValue());
                }
            }
        }
        return out;
    }

    /** Whether the fetcher holding {@code shardId} has stopped fetching it. */
    private static boolean isPaused(String sourceName, String shardId) {
        return shardMetrics(sourceName, shardId, "paused").values().stream()
                .anyMatch(m -> ((Number) ((Gauge<?>) m).getValue()).intValue() == 1);
    }

    /**
     * How often the fetchers stopped fetching {@code shardId} for alignment, summed over the
     * source's subtasks.
     */
    private static long pauses(String sourceName, String shardId) {
        return shardMetrics(sourceName, shardId, "pauses").values().stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    private static List<String> subtasksOfSplit(String sourceName, String shardId) {
        return new ArrayList<>(shardMetrics(sourceName, shardId, "paused").keySet());
    }

    /** Event time from the payload; notes the timestamp the source gave the record. */
    private static final class PayloadTime implements SerializableTimestampAssigner<String> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        PayloadTime(String topic) {
            this.topic = topic;
        }

        @Override
        public long extractTimestamp(String line, long sourceTimestamp) {
            SOURCE_TIMESTAMPS.get(topic).put(line, sourceTimestamp);
            return Long.parseLong(line.split("\\|")[2]);
        }
    }

    /**
     * Keeps every line it receives, per name, in the order received; the MiniCluster shares this
     * JVM.
     */
    private static final class EmittedSink extends SinkCompat<String> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, List<String>> LINES = new ConcurrentHashMap<>();
        private final String name;

        EmittedSink(String name) {
            this.name = name;
            LINES.put(name, new CopyOnWriteArrayList<>());
        }

        static List<String> lines(String name) {
            return new ArrayList<>(LINES.getOrDefault(name, List.of()));
        }

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            List<String> out = LINES.get(name);
            return new SinkWriter<String>() {
                @Override
                public void write(String element, Context ctx) {
                    out.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
