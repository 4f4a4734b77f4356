package io.github.flinkdatahub.benchmarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.DataHubSinkBuilder;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.DataHubSourceBuilder;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The connector when every request takes longer, as it does over a real network: the emulator
 * process adds a fixed delay to every request on a topic (its fault rule {@code latencyMillis}).
 * Source and sink throughput per added delay and shard count as a ratio to no delay, the source
 * against the client's best get loop, and put → emit latency with the requests an idle shard costs.
 * Throughput is measured from the first record to the last, so job deployment (seconds on a busy
 * machine) does not dilute the ratios.
 */
final class NetworkBenchmarks implements AutoCloseable {
    private static final String SECTION_SOURCE =
            "Source under network latency (MiniCluster, parallelism 1, protobuf, TUPLE_SMALL, %,d records or %,d per shard if more, first to last record)";
    private static final String SECTION_SINK =
            "Sink under network latency (MiniCluster, parallelism 1, default settings, protobuf, TUPLE_SMALL, first record to last put served)";
    private static final String SECTION_LOOP =
            "Source vs the client's best get loop (async, one get in flight per shard; first to last record)";
    private static final String SECTION_LATENCY =
            "Put -> emit latency at 500 records/s and requests per shard (default settings but the initial empty interval; 1 ms added per request to count them)";
    private static final int LIMIT = 1000;
    private static final RecordShapes SHAPE = RecordShapes.TUPLE_SMALL;
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);

    private final EmulatorProcess emulator;
    private final EmulatorFaults faults;
    private final String project;
    private final Report report;
    private final MiniCluster cluster;

    NetworkBenchmarks(EmulatorProcess emulator, String project, Report report) throws Exception {
        this.emulator = emulator;
        this.faults = new EmulatorFaults(emulator);
        this.project = project;
        this.report = report;
        cluster = FlinkBenchmarks.startMiniCluster();
    }

    private StreamExecutionEnvironment env() {
        return new TestStreamEnvironment(cluster, 1);
    }

    private DataHubConnection connection(WireMode mode) {
        return DataHubConnection.builder()
                .endpoint(emulator.endpoint())
                .credentials(EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY)
                .wireMode(mode)
                .build();
    }

    /**
     * Bounded reads of pre-written records spread over {@code shards} shards ({@link
     * #sourceRecords}), once per added delay and round; each figure (the median of the rounds) with
     * its ratio to no delay on the same topic.
     */
    void source(
            List<Integer> shardCounts, List<Integer> delays, int count, int perShard, int rounds)
            throws Exception {
        String section = String.format(Locale.ROOT, SECTION_SOURCE, count, perShard);
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            for (int shards : shardCounts) {
                fill(client, sourceTopic(shards), shards, sourceRecords(shards, count, perShard));
            }
            // JIT warm-up of the read path, not reported.
            int first = shardCounts.get(0);
            readWithSource(
                    sourceTopic(first), WireMode.PROTOBUF, sourceRecords(first, count, perShard));
            for (int shards : shardCounts) {
                String topic = sourceTopic(shards);
                int records = sourceRecords(shards, count, perShard);
                for (int reads : readsPerShardCompared()) {
                    double[][] rates =
                            inRounds(
                                    delays,
                                    rounds,
                                    delay -> {
                                        faults.latency(project, topic, delay);
                                        try {
                                            return readWithSource(
                                                            topic,
                                                            WireMode.PROTOBUF,
                                                            records,
                                                            reads)
                                                    .perSecond();
                                        } finally {
                                            faults.latency(project, topic, 0);
                                        }
                                    });
                    reportAgainstNoDelay(
                            section,
                            reads == READS_PER_SHARD
                                    ? "DataHubSource"
                                    : "DataHubSource, 1 read per shard",
                            reads == READS_PER_SHARD ? "source" : "source (1 read per shard)",
                            shards,
                            delays,
                            rates);
                }
            }
        }
    }

    /** The default pages in flight per shard, and one read per shard to compare with. */
    private static List<Integer> readsPerShardCompared() {
        return READS_PER_SHARD == 1 ? List.of(1) : List.of(READS_PER_SHARD, 1);
    }

    /**
     * The source against our client's best loop over the same shards and protocol: a get in flight
     * for every shard, the next one sent as soon as the previous answer is in. Medians of the
     * rounds; each round runs both, which one goes first alternating. Reads the topic that {@link
     * #source} filled with {@code count} records over {@code shards} shards.
     */
    void sourceVsLoop(int shards, List<WireMode> modes, List<Integer> delays, int count, int rounds)
            throws Exception {
        String topic = sourceTopic(shards);
        for (WireMode mode : modes) {
            try (DataHubClient client = emulator.client(mode)) {
                // JIT warm-up of this protocol on both sides, not reported.
                asyncGetLoop(client, topic, shards, count);
                readWithSource(topic, mode, count);
                for (int delay : delays) {
                    double[] loop = new double[rounds];
                    double[] source = new double[rounds];
                    double[] oneRead = new double[rounds];
                    faults.latency(project, topic, delay);
                    try {
                        for (int r = 0; r < rounds; r++) {
                            if (r % 2 == 0) {
                                loop[r] = asyncGetLoop(client, topic, shards, count).perSecond();
                                source[r] = readWithSource(topic, mode, count).perSecond();
                                oneRead[r] = readWithSource(topic, mode, count, 1).perSecond();
                            } else {
                                oneRead[r] = readWithSource(topic, mode, count, 1).perSecond();
                                source[r] = readWithSource(topic, mode, count).perSecond();
                                loop[r] = asyncGetLoop(client, topic, shards, count).perSecond();
                            }
                        }
                    } finally {
                        faults.latency(project, topic, 0);
                    }
                    String where =
                            mode.name().toLowerCase(Locale.ROOT)
                                    + ", "
                                    + shards
                                    + " shards, "
                                    + delay
                                    + " ms";
                    double l = median(loop);
                    double s = median(source);
                    report.add(SECTION_LOOP, "async get loop, " + where, l, "rec/s");
                    report.add(SECTION_LOOP, "DataHubSource, " + where, s, "rec/s");
                    report.add(
                            SECTION_LOOP,
                            "source / get loop, " + where,
                            s / l,
                            "x",
                            "DataHubSource / the client's best get loop");
                    if (READS_PER_SHARD != 1) {
                        double o = median(oneRead);
                        report.add(
                                SECTION_LOOP,
                                "DataHubSource (1 read per shard), " + where,
                                o,
                                "rec/s");
                        report.add(
                                SECTION_LOOP,
                                "source (1 read per shard) / get loop, " + where,
                                o / l,
                                "x");
                    }
                }
            }
        }
    }

    /**
     * Sink writes of {@code count} generated records to fresh topics of {@code shards} shards, once
     * per routing, added delay and round: round-robin (puts to a shard overlap) and by key (hash
     * field {@code id}: one put per shard in flight, to keep each key's order). Each figure (the
     * median of the rounds) with its ratio to no delay for the same routing and shard count.
     */
    void sink(List<Integer> shardCounts, List<Integer> delays, int count, int rounds)
            throws Exception {
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            String warm = "net_sink_warm";
            ClientLoops.createTopic(client, project, warm, SHAPE, shardCounts.get(0));
            writeWithSink(client, warm, shardCounts.get(0), count, false);
            client.deleteTopic(project, warm);
            int[] topics = {0};
            for (boolean byKey : new boolean[] {false, true}) {
                String what = byKey ? "DataHubSink by key" : "DataHubSink round-robin";
                String shortName = byKey ? "sink by key" : "sink round-robin";
                for (int shards : shardCounts) {
                    double[][] rates =
                            inRounds(
                                    delays,
                                    rounds,
                                    delay -> {
                                        String topic = "net_sink_" + shards + "_" + topics[0]++;
                                        ClientLoops.createTopic(
                                                client, project, topic, SHAPE, shards);
                                        faults.latency(project, topic, delay);
                                        try {
                                            return writeWithSink(
                                                    client, topic, shards, count, byKey);
                                        } finally {
                                            faults.latency(project, topic, 0);
                                            // The in-memory emulator would otherwise hold every
                                            // round's records (about 70 topics) until it runs
                                            // out of heap.
                                            client.deleteTopic(project, topic);
                                        }
                                    });
                    reportAgainstNoDelay(SECTION_SINK, what, shortName, shards, delays, rates);
                }
            }
        }
    }

    private interface Measure {
        double run(int delay) throws Exception;
    }

    /**
     * {@code rates[delay index][round]}; the delays run in turn, every other round backwards, so a
     * drift of the machine's load does not favour one delay.
     */
    private static double[][] inRounds(List<Integer> delays, int rounds, Measure measure)
            throws Exception {
        double[][] rates = new double[delays.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < delays.size(); k++) {
                int d = r % 2 == 0 ? k : delays.size() - 1 - k;
                rates[d][r] = measure.run(delays.get(d));
            }
        }
        return rates;
    }

    /** The median of each delay and its ratio to the first delay (0 ms). */
    private void reportAgainstNoDelay(
            String section,
            String what,
            String shortName,
            int shards,
            List<Integer> delays,
            double[][] rates) {
        double base = median(rates[0]);
        for (int d = 0; d < delays.size(); d++) {
            double rate = median(rates[d]);
            String where =
                    shards + (shards == 1 ? " shard, " : " shards, ") + delays.get(d) + " ms";
            report.add(section, what + ", " + where, rate, "rec/s");
            // 0 ms / 0 ms is in the table, not drawn.
            report.add(
                    section,
                    shortName + " " + where + " / 0 ms",
                    rate / base,
                    "x",
                    d == 0 ? null : what + " under added latency, ratio to 0 ms");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * For each initial empty interval: a streaming job reads a 1-shard topic that a producer fills
     * with 5 records every 10 ms (500 records/s), each stamped with {@code System.nanoTime()}, and
     * records now - stamp as each record leaves the source; the same job reads a 4-shard topic that
     * stays empty on a second emulator. Each emulator counts the requests on its topic (a 1 ms
     * fault latency makes them countable; the emulator counts delayed requests of all scopes
     * together, hence one emulator per topic). Everything else is at its default.
     */
    void latencyAndIdle(
            EmulatorProcess idleEmulator, List<Integer> initialIntervals, Duration produceFor)
            throws Exception {
        RecordSchema schema =
                RecordSchema.builder()
                        .addField("seq", FieldType.BIGINT)
                        .addField("sent_nanos", FieldType.BIGINT)
                        .addField("user_name", FieldType.STRING)
                        .build();
        int idleShards = 4;
        EmulatorFaults idleFaults = new EmulatorFaults(idleEmulator);
        try (DataHubClient idleClient = idleEmulator.client(WireMode.PROTOBUF)) {
            idleClient.createProject(project, "benchmarks");
        }
        for (int initial : initialIntervals) {
            String topic = "net_latency_" + initial;
            String idle = "net_idle_" + initial;
            try (DataHubClient client = emulator.client(WireMode.PROTOBUF);
                    DataHubClient idleClient = idleEmulator.client(WireMode.PROTOBUF)) {
                client.createTupleTopic(project, topic, 1, 1, schema, "benchmark");
                client.waitShardsReady(project, topic);
                ClientLoops.createTopic(idleClient, project, idle, SHAPE, idleShards);
                faults.latency(project, topic, 1);
                idleFaults.latency(project, idle, 1);
                StreamExecutionEnvironment env = env();
                Duration initialInterval = Duration.ofMillis(initial);
                env.fromSource(
                                sourceBuilder(topic, WireMode.PROTOBUF)
                                        .setInitialEmptyFetchInterval(initialInterval)
                                        .setDeserializer(new FlinkBenchmarks.SentNanos())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "latency")
                        .map(new Latency())
                        .sinkTo(new DiscardingSink<>());
                env.fromSource(
                                sourceBuilder(idle, WireMode.PROTOBUF)
                                        .setConnection(
                                                DataHubConnection.builder()
                                                        .endpoint(idleEmulator.endpoint())
                                                        .credentials(
                                                                EmulatorProcess.ACCESS_ID,
                                                                EmulatorProcess.ACCESS_KEY)
                                                        .build())
                                        .setInitialEmptyFetchInterval(initialInterval)
                                        .setDeserializer(new FlinkBenchmarks.IdOf())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "idle")
                        .sinkTo(new DiscardingSink<>());
                Latencies.reset(Long.MAX_VALUE);
                JobClient job = env.executeAsync("latency and idle " + initial + " ms");
                long activeRequests;
                long idleRequests;
                double seconds;
                try {
                    // Measure only once the job reads: one record seen, the idle shards asked.
                    long idleBefore = idleFaults.delayedRequests();
                    List<Record> probe = new ArrayList<>();
                    probe.add(TupleRecord.of(schema, -1L, System.nanoTime(), "probe"));
                    client.putRecordsByShard(project, topic, ClientLoops.SHARD, probe);
                    waitFor(
                            () -> {
                                try {
                                    return Latencies.seen() > 0
                                            && idleFaults.delayedRequests() > idleBefore;
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            "the latency job to read");
                    long warmUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    Latencies.reset(warmUntil);
                    long end = warmUntil + produceFor.toNanos();
                    long seq = 0;
                    long sent = 0;
                    long from = -1;
                    long activeFrom = 0;
                    long idleFrom = 0;
                    long next = System.nanoTime();
                    while (System.nanoTime() < end) {
                        if (from < 0 && System.nanoTime() > warmUntil) {
                            activeFrom = faults.delayedRequests();
                            idleFrom = idleFaults.delayedRequests();
                            from = System.nanoTime();
                        }
                        List<Record> batch = new ArrayList<>(5);
                        long stamp = System.nanoTime();
                        for (int k = 0; k < 5; k++) {
                            batch.add(
                                    TupleRecord.of(
                                            schema,
                                            seq++,
                                            stamp,
                                            "user-" + (10_000 + seq % 10_000)));
                        }
                        client.putRecordsByShard(project, topic, ClientLoops.SHARD, batch);
                        if (stamp > warmUntil) {
                            sent += batch.size();
                        }
                        next += 10_000_000L;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                        }
                    }
                    // The producer's puts are delayed (and counted) too.
                    activeRequests = faults.delayedRequests() - activeFrom - sent / 5;
                    idleRequests = idleFaults.delayedRequests() - idleFrom;
                    seconds = (System.nanoTime() - from) / 1e9;
                    long total = sent;
                    waitFor(() -> Latencies.count() >= total, "the job to see every record");
                } finally {
                    job.cancel().get();
                    faults.latency(project, topic, 0);
                    idleFaults.latency(project, idle, 0);
                }
                long[] all = Latencies.sorted();
                String setting =
                        "initial empty interval "
                                + initial
                                + " ms"
                                + (initial == 10 ? " (default)" : "");
                report.add(SECTION_LATENCY, "records measured, " + setting, all.length, "records");
                report.add(
                        SECTION_LATENCY,
                        "p50, " + setting,
                        FlinkBenchmarks.percentile(all, 0.50) / 1e6,
                        "ms",
                        "End-to-end latency");
                report.add(
                        SECTION_LATENCY,
                        "p99, " + setting,
                        FlinkBenchmarks.percentile(all, 0.99) / 1e6,
                        "ms",
                        "End-to-end latency");
                report.add(
                        SECTION_LATENCY,
                        "reads per second of the shard at 500 records/s, " + setting,
                        activeRequests / seconds,
                        "req/s");
                report.add(
                        SECTION_LATENCY,
                        "idle requests per shard per second, " + setting,
                        idleRequests / seconds / idleShards,
                        "req/s");
            }
        }
    }

    /**
     * The records a source topic of {@code shards} shards holds: {@code perShard} each, at least
     * {@code count}.
     */
    static int sourceRecords(int shards, int count, int perShard) {
        return Math.max(count, shards * perShard);
    }

    private static String sourceTopic(int shards) {
        return "net_src_" + shards;
    }

    /** {@code count} records, 1000 per put, the puts going to each shard in turn. */
    private void fill(DataHubClient client, String topic, int shards, int count) {
        ClientLoops.createTopic(client, project, topic, SHAPE, shards);
        for (int from = 0; from < count; from += LIMIT) {
            client.putRecordsByShard(
                    project,
                    topic,
                    Integer.toString((from / LIMIT) % shards),
                    SHAPE.records(from, Math.min(LIMIT, count - from)));
        }
    }

    /** The source's pages in flight per shard by default; 1 is measured next to it. */
    private static final int READS_PER_SHARD =
            DataHubConnectorOptions.SCAN_FETCH_MAX_READS_PER_SHARD.defaultValue();

    private DataHubSourceBuilder<Long> sourceBuilder(String topic, WireMode mode) {
        return DataHubSource.<Long>builder()
                .setConnection(connection(mode))
                .setProject(project)
                .setTopic(topic)
                .setStartingPosition(StartingPosition.earliest());
    }

    private Span readWithSource(String topic, WireMode mode, int expected) throws Exception {
        return readWithSource(topic, mode, expected, READS_PER_SHARD);
    }

    private Span readWithSource(String topic, WireMode mode, int expected, int readsPerShard)
            throws Exception {
        Span.reset();
        StreamExecutionEnvironment env = env();
        env.fromSource(
                        sourceBuilder(topic, mode)
                                .setMaxReadsPerShard(readsPerShard)
                                .setBounded(StoppingPosition.latest())
                                .setDeserializer(new FlinkBenchmarks.IdOf())
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "datahub")
                .map(new Stamp())
                .sinkTo(new DiscardingSink<>());
        env.execute("network source read " + topic);
        Span span = Span.current();
        FlinkBenchmarks.check(
                span.count == expected,
                "The source read "
                        + span.count
                        + " records of "
                        + topic
                        + ", expected "
                        + expected);
        return span;
    }

    /**
     * Our client's best loop: one get in flight per shard (async), the next sent from the previous
     * one's completion; it stops each shard at the records it holds, as a bounded source does.
     * Timed like the source, from the first page in to the last.
     */
    private Span asyncGetLoop(DataHubClient client, String topic, int shards, int expected)
            throws Exception {
        // Cursors first, so that no shard's reads wait for another shard's cursor requests.
        long[] held = new long[shards];
        String[] cursors = new String[shards];
        for (int shard = 0; shard < shards; shard++) {
            String id = Integer.toString(shard);
            GetCursorResult latest = client.getCursor(project, topic, id, CursorType.LATEST);
            held[shard] = latest.getRecordTime() > 0 ? latest.getSequence() + 1 : 0;
            cursors[shard] = client.getCursor(project, topic, id, CursorType.OLDEST).getCursor();
        }
        Span.reset();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            CompletableFuture<Void> shardDone = new CompletableFuture<>();
            done.add(shardDone);
            readShard(
                    client, topic, Integer.toString(shard), cursors[shard], held[shard], shardDone);
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0]))
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        Span span = Span.current();
        FlinkBenchmarks.check(
                span.count == expected,
                "The get loop read "
                        + span.count
                        + " records of "
                        + topic
                        + ", expected "
                        + expected);
        return span;
    }

    private void readShard(
            DataHubClient client,
            String topic,
            String shard,
            String cursor,
            long remaining,
            CompletableFuture<Void> done) {
        if (remaining <= 0) {
            done.complete(null);
            return;
        }
        client.getTupleRecordsAsync(project, topic, shard, SHAPE.schema(), cursor, LIMIT)
                .whenComplete(
                        (GetRecordsResult page, Throwable failure) -> {
                            if (failure != null) {
                                done.completeExceptionally(failure);
                                return;
                            }
                            int n = page.getRecords().size();
                            if (n == 0) {
                                done.completeExceptionally(
                                        new IllegalStateException(
                                                "Shard "
                                                        + shard
                                                        + " of "
                                                        + topic
                                                        + " ended early"));
                                return;
                            }
                            Span.seen(n);
                            readShard(
                                    client,
                                    topic,
                                    shard,
                                    page.getNextCursor(),
                                    remaining - n,
                                    done);
                        });
    }

    /**
     * Records/s from the first record the sink gets (stamped in a map before it) to the system time
     * the emulator gave the last record written (the newest record over all shards): the last put
     * served, without job teardown.
     */
    private double writeWithSink(
            DataHubClient client, String topic, int shards, int count, boolean byKey)
            throws Exception {
        StreamExecutionEnvironment env = env();
        FirstMillis.reset();
        DataHubSinkBuilder<Long> sink =
                DataHubSink.<Long>builder()
                        .setConnection(connection(WireMode.PROTOBUF))
                        .setProject(project)
                        .setTopic(topic)
                        .setSerializer(new FlinkBenchmarks.ShapeRecords(SHAPE));
        if (byKey) {
            sink.setHashFields("id");
        }
        env.fromSequence(0, count - 1).map(new FirstMillis()).sinkTo(sink.build());
        env.execute("network sink write " + topic);
        long written = 0;
        long lastMillis = 0;
        for (int shard = 0; shard < shards; shard++) {
            GetCursorResult latest =
                    client.getCursor(project, topic, Integer.toString(shard), CursorType.LATEST);
            if (latest.getRecordTime() > 0) {
                written += latest.getSequence() + 1;
                lastMillis = Math.max(lastMillis, latest.getRecordTime());
            }
        }
        FlinkBenchmarks.check(
                written == count, topic + " holds " + written + " records, expected " + count);
        return count / ((lastMillis - FirstMillis.first()) / 1e3);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /**
     * When the first and the last record went by, and how many: the MiniCluster and the get loop
     * run in this JVM, so statics are shared with the tasks.
     */
    static final class Span {
        private static final AtomicLong FIRST = new AtomicLong();
        private static final AtomicLong LAST = new AtomicLong();
        private static final AtomicLong COUNT = new AtomicLong();

        final long firstNanos;
        final long lastNanos;
        final long count;

        private Span(long firstNanos, long lastNanos, long count) {
            this.firstNanos = firstNanos;
            this.lastNanos = lastNanos;
            this.count = count;
        }

        static void reset() {
            FIRST.set(0);
            LAST.set(0);
            COUNT.set(0);
        }

        /** {@code n} records arrived now (the get loop's answers come on several threads). */
        static void seen(int n) {
            long now = System.nanoTime();
            FIRST.compareAndSet(0, now);
            LAST.accumulateAndGet(now, Math::max);
            COUNT.addAndGet(n);
        }

        static Span current() {
            return new Span(FIRST.get(), LAST.get(), COUNT.get());
        }

        /**
         * The records after the first arrival over the time they took: a page's records arrive
         * together, so the first page counts as arrived at the start.
         */
        double perSecond() {
            return count / ((lastNanos - firstNanos) / 1e9);
        }
    }

    /** Stamps each record leaving the source (chained to it). */
    static final class Stamp implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long value) {
            Span.seen(1);
            return value;
        }
    }

    /** Wall-clock millis of the first record given to the sink, to compare with record times. */
    static final class FirstMillis implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private static final AtomicLong FIRST = new AtomicLong();

        static void reset() {
            FIRST.set(0);
        }

        static long first() {
            return FIRST.get();
        }

        @Override
        public Long map(Long value) {
            if (FIRST.get() == 0) {
                FIRST.compareAndSet(0, System.currentTimeMillis());
            }
            return value;
        }
    }

    /** Chained to the source, so "now" is when the record leaves it. */
    static final class Latency implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long sentNanos) {
            Latencies.add(sentNanos, System.nanoTime());
            return sentNanos;
        }
    }

    /**
     * Latencies recorded by the task (same JVM); records stamped up to the warm-up end are only
     * counted as seen.
     */
    static final class Latencies {
        private static long[] values = new long[1 << 14];
        private static int size;
        private static long seen;
        private static long ignoreUpTo = Long.MAX_VALUE;

        static synchronized void reset(long warmUntil) {
            size = 0;
            seen = 0;
            ignoreUpTo = warmUntil;
        }

        static synchronized void add(long sentNanos, long nowNanos) {
            seen++;
            if (sentNanos <= ignoreUpTo) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nowNanos - sentNanos;
        }

        static synchronized long seen() {
            return seen;
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
}
