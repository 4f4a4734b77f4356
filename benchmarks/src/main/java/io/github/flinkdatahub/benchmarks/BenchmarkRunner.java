package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs every benchmark in one process run (so ratios compare like with like on one machine at one
 * time), prints the table and writes {@code results.csv}, {@code results.png} and {@code
 * machine.txt}. Usage: {@code ./bench.sh [--quick] [--only
 * codecs,sdk,wire,flink,latency,network,network-source,ingest]}; {@code --quick} shrinks every size
 * to a smoke run of well under a minute; {@code network-source} is the first part of {@code
 * network} alone (the source under network latency).
 *
 * <p>System properties (set by bench.sh): {@code bench.emulator.jar}, {@code bench.sdk.classpath},
 * {@code bench.results.dir}, {@code bench.work.dir}.
 */
public final class BenchmarkRunner {
    private static final List<String> SECTIONS =
            List.of(
                    "codecs",
                    "sdk",
                    "wire",
                    "flink",
                    "latency",
                    "network",
                    "network-source",
                    "ingest");
    private static final String PROJECT = "bench";

    private BenchmarkRunner() {}

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Set<String> only = new LinkedHashSet<>(SECTIONS);
        for (int i = 0; i < args.length; i++) {
            if ("--quick".equals(args[i])) {
                continue;
            }
            if ("--only".equals(args[i]) && i + 1 < args.length) {
                only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                if (!SECTIONS.containsAll(only)) {
                    throw new IllegalArgumentException(
                            "--only takes some of " + SECTIONS + ", got " + only);
                }
            } else {
                throw new IllegalArgumentException(
                        "usage: bench.sh [--quick] [--only "
                                + String.join(",", SECTIONS)
                                + "]; unknown argument '"
                                + args[i]
                                + "'");
            }
        }
        Path emulatorJar = Paths.get(property("bench.emulator.jar"));
        Path results = Paths.get(System.getProperty("bench.results.dir", "benchmarks/results"));
        Path work = Paths.get(System.getProperty("bench.work.dir", "benchmarks/target/bench-work"));
        deleteRecursively(work);
        Files.createDirectories(work);

        String machine = Machine.describe();
        System.out.println(machine);
        Report report = new Report();
        long start = System.nanoTime();

        if (only.contains("codecs")) {
            timed("Codecs (JMH)", () -> new CodecRunner(report, quick).run());
        }
        if (only.contains("sdk")
                || only.contains("wire")
                || only.contains("flink")
                || only.contains("latency")
                || only.contains("network")
                || only.contains("network-source")) {
            try (EmulatorProcess emulator =
                    EmulatorProcess.start(emulatorJar, "shared", null, work)) {
                try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
                    client.createProject(PROJECT, "benchmarks");
                }
                if (only.contains("sdk")) {
                    Map<RecordShapes, Integer> counts = new LinkedHashMap<>();
                    counts.put(RecordShapes.TUPLE_SMALL, quick ? 2_000 : 20_000);
                    counts.put(RecordShapes.TUPLE_1KB, quick ? 1_000 : 10_000);
                    counts.put(RecordShapes.BLOB_1KB, quick ? 1_000 : 10_000);
                    SdkComparison sdk =
                            new SdkComparison(
                                    emulator,
                                    PROJECT,
                                    report,
                                    property("bench.sdk.classpath"),
                                    work,
                                    1000);
                    timed(
                            "Our client vs the official SDK",
                            () ->
                                    sdk.run(
                                            List.of(
                                                    WireMode.JSON,
                                                    WireMode.PROTOBUF,
                                                    WireMode.BATCH),
                                            counts));
                }
                if (only.contains("wire")) {
                    Map<RecordShapes, Integer> counts = new LinkedHashMap<>();
                    counts.put(RecordShapes.TUPLE_SMALL, quick ? 2_000 : 20_000);
                    counts.put(RecordShapes.TUPLE_1KB, quick ? 1_000 : 10_000);
                    counts.put(RecordShapes.BLOB_1KB, quick ? 1_000 : 10_000);
                    WireModeComparison wire =
                            new WireModeComparison(emulator, PROJECT, report, 1000);
                    timed("Wire modes of our client", () -> wire.run(counts));
                }
                if (only.contains("flink") || only.contains("latency")) {
                    try (FlinkBenchmarks flink = new FlinkBenchmarks(emulator, PROJECT, report)) {
                        if (only.contains("flink")) {
                            int count = quick ? 10_000 : 300_000;
                            timed("Source vs get loop", () -> flink.sourceVsGetLoop(count));
                            timed(
                                    "Sink vs put loop",
                                    () -> flink.sinkVsPutLoop(RecordShapes.TUPLE_SMALL, 1, count));
                            // The sink's round-robin over shards, with records about 30 times
                            // larger.
                            timed(
                                    "Sink vs put loop, 3 shards",
                                    () ->
                                            flink.sinkVsPutLoop(
                                                    RecordShapes.BLOB_1KB,
                                                    3,
                                                    quick ? 3_000 : 60_000));
                        }
                        if (only.contains("latency")) {
                            Duration produce = Duration.ofSeconds(quick ? 3 : 12);
                            timed(
                                    "Latency",
                                    () -> {
                                        flink.latency(produce, Duration.ofMillis(200), 5, 10);
                                        flink.latency(produce, Duration.ofMillis(10), 5, 10);
                                    });
                        }
                    }
                }
                if (only.contains("network") || only.contains("network-source")) {
                    try (NetworkBenchmarks network =
                            new NetworkBenchmarks(emulator, PROJECT, report)) {
                        network(network, quick, !only.contains("network"), emulatorJar, work);
                    }
                }
            }
        }
        if (only.contains("ingest")) {
            EmulatorIngest ingest = new EmulatorIngest(report, PROJECT);
            List<RecordShapes> shapes = List.of(RecordShapes.TUPLE_SMALL, RecordShapes.BLOB_1KB);
            List<Integer> counts = quick ? List.of(10_000, 2_000) : List.of(300_000, 60_000);
            timed(
                    "Emulator ingest",
                    () -> {
                        try (EmulatorProcess memory =
                                EmulatorProcess.start(emulatorJar, "ingest-memory", null, work)) {
                            ingest.run(memory, "in-memory", shapes, counts);
                        }
                        Path data = EmulatorIngest.dataDir(work);
                        try (EmulatorProcess durable =
                                EmulatorProcess.start(emulatorJar, "ingest-durable", data, work)) {
                            ingest.run(durable, "durable (data dir)", shapes, counts);
                        }
                    });
        }

        System.out.println();
        System.out.printf("All benchmarks took %.0f s.%n", (System.nanoTime() - start) / 1e9);
        String endLoad = "At the end: " + Machine.loadAverage();
        System.out.println(machine);
        System.out.println(endLoad);
        report.printTable(System.out);
        Files.createDirectories(results);
        report.writeCsv(results.resolve("results.csv"));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        BarChart.write(
                report.figures(),
                "flink-datahub benchmarks, " + stamp + " (" + Machine.summary() + ")",
                results.resolve("results.png"));
        Files.write(
                results.resolve("machine.txt"),
                (stamp + "\n" + machine + "\n" + endLoad + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println(
                "Wrote "
                        + results.resolve("results.csv")
                        + ", "
                        + results.resolve("results.png")
                        + " and "
                        + results.resolve("machine.txt"));
    }

    /**
     * Sized to take about 7 minutes on 2 cores: the slow cases are one shard at 50 ms (a page per
     * round trip) and the job deployments, about 125 of them (the sink's 72: two routings). The
     * source reads at least 24,000 records per shard (24 pages), so that its runs are mostly steady
     * state, not ramp-up.
     */
    private static void network(
            NetworkBenchmarks network,
            boolean quick,
            boolean sourceOnly,
            Path emulatorJar,
            Path work)
            throws Exception {
        List<Integer> delays = List.of(0, 5, 20, 50);
        List<Integer> shards = List.of(1, 4, 16);
        int count = quick ? 16_000 : 96_000;
        int perShard = quick ? 4_000 : 24_000;
        // Medians of 3 rounds: single runs of about a second swing by tens of percent on a shared
        // machine.
        int rounds = quick ? 1 : 3;
        timed(
                "Source under network latency",
                () -> network.source(shards, delays, count, perShard, rounds));
        if (sourceOnly) {
            return;
        }
        timed(
                "Source vs the client's best get loop",
                () ->
                        network.sourceVsLoop(
                                4,
                                List.of(WireMode.PROTOBUF, WireMode.BATCH),
                                List.of(0, 20),
                                NetworkBenchmarks.sourceRecords(4, count, perShard),
                                rounds));
        timed("Sink under network latency", () -> network.sink(shards, delays, count, rounds));
        timed(
                "Put -> emit latency and requests per shard",
                () -> {
                    try (EmulatorProcess idle =
                            EmulatorProcess.start(emulatorJar, "idle", null, work)) {
                        network.latencyAndIdle(
                                idle, List.of(1, 5, 10, 25), Duration.ofSeconds(quick ? 2 : 6));
                    }
                });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void timed(String name, Step step) throws Exception {
        System.out.println();
        System.out.println("== " + name);
        long start = System.nanoTime();
        step.run();
        System.out.printf("   (%.0f s)%n", (System.nanoTime() - start) / 1e9);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property " + name + " is not set: run the benchmarks with ./bench.sh");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
