package io.github.flinkdatahub.benchmarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connector against our raw client, on one MiniCluster kept up for the whole run (job times
 * include scheduling and deployment, not a cluster start): source read vs get loop, sink write vs
 * put loop, and the latency from put to the record leaving the source.
 */
final class FlinkBenchmarks implements AutoCloseable {
    private static final String SECTION_RW =
            "Connector vs raw client (MiniCluster, parallelism 1, 1 shard, protobuf)";
    private static final String SECTION_SHARDS =
            "Sink vs raw client over several shards (MiniCluster, parallelism 1, round-robin, protobuf)";
    private static final String SECTION_LATENCY =
            "End-to-end latency put -> emitted by the source (MiniCluster)";
    private static final int LIMIT = 1000;

    /**
     * Counts what the jobs saw; the MiniCluster runs in this JVM, so a static is shared with the
     * tasks.
     */
    static final AtomicLong SEEN = new AtomicLong();

    private final EmulatorProcess emulator;
    private final String project;
    private final Report report;
    private final MiniCluster cluster;

    FlinkBenchmarks(EmulatorProcess emulator, String project, Report report) throws Exception {
        this.emulator = emulator;
        this.project = project;
        this.report = report;
        cluster = startMiniCluster();
    }

    /**
     * The benchmarks' MiniCluster: one TaskManager of 4 slots, its REST endpoint on any free port
     * (another benchmark run or Flink on the machine may hold 8081).
     */
    static MiniCluster startMiniCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(4)
                                .build());
        cluster.start();
        return cluster;
    }

    private StreamExecutionEnvironment env() {
        return new TestStreamEnvironment(cluster, 1);
    }

    private DataHubConnection connection() {
        return DataHubConnection.builder()
                .endpoint(emulator.endpoint())
                .credentials(EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY)
                .wireMode(WireMode.PROTOBUF)
                .build();
    }

    /**
     * Bounded source read of {@code count} pre-written records vs a get loop over the same topic.
     */
    void sourceVsGetLoop(int count) throws Exception {
        RecordShapes shape = RecordShapes.TUPLE_SMALL;
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            String warm = "src_warm";
            String topic = "src_read";
            fill(client, warm, shape, Math.max(count / 10, LIMIT));
            fill(client, topic, shape, count);

            ClientLoops.get(
                    client, project, warm, shape.schema(), Math.max(count / 10, LIMIT), LIMIT);
            readWithSource(warm, Math.max(count / 10, LIMIT));
            double loop =
                    count
                            / (ClientLoops.get(client, project, topic, shape.schema(), count, LIMIT)
                                    / 1e9);
            double source = count / (readWithSource(topic, count) / 1e9);
            report.add(SECTION_RW, "raw client get loop, " + shape, loop, "rec/s");
            report.add(SECTION_RW, "DataHubSource bounded read, " + shape, source, "rec/s");
            report.add(
                    SECTION_RW,
                    "source / get loop",
                    source / loop,
                    "x",
                    "Ratios (>1: the first is faster)");
        }
    }

    private void fill(DataHubClient client, String topic, RecordShapes shape, int count) {
        ClientLoops.createTopic(client, project, topic, shape, 1);
        for (int from = 0; from < count; from += LIMIT) {
            client.putRecordsByShard(
                    project,
                    topic,
                    ClientLoops.SHARD,
                    shape.records(from, Math.min(LIMIT, count - from)));
        }
    }

    private long readWithSource(String topic, int expected) throws Exception {
        SEEN.set(0);
        StreamExecutionEnvironment env = env();
        DataHubSource<Long> source =
                DataHubSource.<Long>builder()
                        .setConnection(connection())
                        .setProject(project)
                        .setTopic(topic)
                        .setStartingPosition(StartingPosition.earliest())
                        .setBounded(StoppingPosition.latest())
                        .setMaxRecordsPerFetch(LIMIT)
                        .setDeserializer(new IdOf())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "datahub")
                .map(new Count())
                .sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        env.execute("source read " + topic);
        long nanos = System.nanoTime() - start;
        check(
                SEEN.get() == expected,
                "The source read "
                        + SEEN.get()
                        + " records of "
                        + topic
                        + ", expected "
                        + expected);
        return nanos;
    }

    /**
     * Sink write of {@code count} generated records vs a synchronous put loop generating the same
     * records, on topics of {@code shards} shards: the loop puts to each shard in turn, as the
     * sink's round-robin routing does.
     */
    void sinkVsPutLoop(RecordShapes shape, int shards, int count) throws Exception {
        String suffix =
                shards == 1 ? "" : "_" + shape.name().toLowerCase(Locale.ROOT) + "_" + shards;
        String loopWarm = "loop_warm" + suffix;
        String loopWrite = "loop_write" + suffix;
        String sinkWarm = "sink_warm" + suffix;
        String sinkWrite = "sink_write" + suffix;
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            for (String t : List.of(loopWarm, loopWrite, sinkWarm, sinkWrite)) {
                ClientLoops.createTopic(client, project, t, shape, shards);
            }
            int warmCount = Math.max(count / 10, LIMIT);
            putLoop(client, loopWarm, shape, shards, warmCount);
            writeWithSink(sinkWarm, shape, warmCount);
            double loop = count / (putLoop(client, loopWrite, shape, shards, count) / 1e9);
            double sink = count / (writeWithSink(sinkWrite, shape, count) / 1e9);
            for (String t : List.of(loopWrite, sinkWrite)) {
                long written = 0;
                for (int shard = 0; shard < shards; shard++) {
                    GetCursorResult latest =
                            client.getCursor(
                                    project, t, Integer.toString(shard), CursorType.LATEST);
                    if (latest.getRecordTime() > 0) {
                        written += latest.getSequence() + 1;
                    }
                }
                check(written == count, t + " holds " + written + " records, expected " + count);
            }
            String section = shards == 1 ? SECTION_RW : SECTION_SHARDS;
            String where = shards == 1 ? shape.toString() : shape + ", " + shards + " shards";
            report.add(section, "raw client put loop (sync, 1000/put), " + where, loop, "rec/s");
            report.add(section, "DataHubSink write (1000/put), " + where, sink, "rec/s");
            report.add(
                    section,
                    shards == 1 ? "sink / put loop" : "sink / put loop, " + shards + " shards",
                    sink / loop,
                    "x",
                    "Ratios (>1: the first is faster)");
        }
    }

    private long putLoop(
            DataHubClient client, String topic, RecordShapes shape, int shards, int count) {
        long start = System.nanoTime();
        for (int from = 0; from < count; from += LIMIT) {
            String shard = Integer.toString((from / LIMIT) % shards);
            client.putRecordsByShard(
                    project, topic, shard, shape.records(from, Math.min(LIMIT, count - from)));
        }
        return System.nanoTime() - start;
    }

    private long writeWithSink(String topic, RecordShapes shape, int count) throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromSequence(0, count - 1)
                .sinkTo(
                        DataHubSink.<Long>builder()
                                .setConnection(connection())
                                .setProject(project)
                                .setTopic(topic)
                                .setSerializer(new ShapeRecords(shape))
                                .setBatchMaxRecords(LIMIT)
                                .build());
        long start = System.nanoTime();
        env.execute("sink write " + topic);
        return System.nanoTime() - start;
    }

    /**
     * A producer puts batches of {@code perBatch} records every {@code periodMs}, each stamped with
     * {@code System.nanoTime()}; a streaming job reads them and records now - stamp as each leaves
     * the source. The first second is left out (job start, JIT).
     */
    void latency(Duration produceFor, Duration emptyFetchInterval, int perBatch, long periodMs)
            throws Exception {
        RecordSchema schema =
                RecordSchema.builder()
                        .addField("seq", FieldType.BIGINT)
                        .addField("sent_nanos", FieldType.BIGINT)
                        .addField("user_name", FieldType.STRING)
                        .build();
        String topic = "latency_" + emptyFetchInterval.toMillis() + "ms";
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            client.createTupleTopic(project, topic, 1, 1, schema, "benchmark");
            client.waitShardsReady(project, topic);
            StreamExecutionEnvironment env = env();
            DataHubSource<Long> source =
                    DataHubSource.<Long>builder()
                            .setConnection(connection())
                            .setProject(project)
                            .setTopic(topic)
                            .setStartingPosition(StartingPosition.earliest())
                            .setEmptyFetchInterval(emptyFetchInterval)
                            .setDeserializer(new SentNanos())
                            .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "datahub")
                    .map(new RecordLatency())
                    .sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync("latency " + topic);
            try {
                long warmUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                Latencies.reset(warmUntil);
                long end = System.nanoTime() + produceFor.toNanos();
                long seq = 0;
                long sent = 0;
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                    List<Record> batch = new ArrayList<>(perBatch);
                    long stamp = System.nanoTime();
                    for (int k = 0; k < perBatch; k++) {
                        batch.add(
                                TupleRecord.of(
                                        schema, seq++, stamp, "user-" + (10_000 + seq % 10_000)));
                    }
                    client.putRecordsByShard(project, topic, ClientLoops.SHARD, batch);
                    if (stamp > warmUntil) {
                        sent += perBatch;
                    }
                    next += periodMs * 1_000_000L;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (Latencies.count() < sent && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                check(
                        Latencies.count() >= sent,
                        "The latency job saw " + Latencies.count() + " of " + sent + " records");
            } finally {
                job.cancel().get();
            }
            long[] all = Latencies.sorted();
            String setting = "empty-fetch interval " + emptyFetchInterval.toMillis() + " ms";
            report.add(SECTION_LATENCY, "records measured, " + setting, all.length, "records");
            report.add(
                    SECTION_LATENCY,
                    "p50, " + setting,
                    percentile(all, 0.50) / 1e6,
                    "ms",
                    "End-to-end latency");
            report.add(
                    SECTION_LATENCY,
                    "p99, " + setting,
                    percentile(all, 0.99) / 1e6,
                    "ms",
                    "End-to-end latency");
            report.add(
                    SECTION_LATENCY,
                    "max, " + setting,
                    all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6,
                    "ms");
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /**
     * Latencies recorded by the tasks (same JVM); records stamped during the warm-up second are
     * left out.
     */
    static final class Latencies {
        private static long[] values = new long[1 << 16];
        private static int size;
        private static long ignoreUpTo = Long.MIN_VALUE;

        /** Forgets all; records stamped up to {@code warmUntil} will not count. */
        static synchronized void reset(long warmUntil) {
            size = 0;
            ignoreUpTo = warmUntil;
        }

        static synchronized void add(long sentNanos, long nowNanos) {
            if (sentNanos <= ignoreUpTo) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nowNanos - sentNanos;
        }

        static synchronized int count() {
            return size;
        }

        static synchronized long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }

    /** The {@code id} of a tuple record: cheap, so the source's own cost dominates. */
    static final class IdOf implements DataHubDeserializationSchema<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(Record record, Collector<Long> out) {
            out.collect((Long) ((TupleRecord) record).getValue(0));
        }

        @Override
        public TypeInformation<Long> getProducedType() {
            return Types.LONG;
        }
    }

    static final class SentNanos implements DataHubDeserializationSchema<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(Record record, Collector<Long> out) {
            out.collect((Long) ((TupleRecord) record).getValue(1));
        }

        @Override
        public TypeInformation<Long> getProducedType() {
            return Types.LONG;
        }
    }

    static final class Count implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long value) {
            SEEN.incrementAndGet();
            return value;
        }
    }

    /** Chained to the source, so "now" is when the record leaves it. */
    static final class RecordLatency implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long sentNanos) {
            Latencies.add(sentNanos, System.nanoTime());
            return sentNanos;
        }
    }

    /** The sink's records: the same {@link RecordShapes} records the put loop writes. */
    static final class ShapeRecords implements DataHubSerializationSchema<Long> {
        private static final long serialVersionUID = 1L;
        private final RecordShapes shape;

        ShapeRecords(RecordShapes shape) {
            this.shape = shape;
        }

        @Override
        public Record serialize(Long element) {
            return shape.record(element);
        }
    }
}
