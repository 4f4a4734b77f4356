package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our client against the official Java SDK 2.21.6 on one emulator: same records, same wire mode,
 * same batch size, one shard, synchronous put then get loops, each side with a warm-up topic first.
 * The SDK runs in a child JVM with its own class path (it needs protobuf-java 2.6.1).
 */
final class SdkComparison {
    private static final String SECTION =
            "Our client vs official SDK 2.21.6 (same emulator, 1 shard, %d records/put,"
                    + " median of %d rounds after %d warm-up rounds)";
    private static final int WARMUP_ROUNDS = 5;
    // A round of 10-20 puts takes well under a second, so on a shared machine single rounds swing
    // by 2x: nine rounds narrow the median.
    private static final int MEASURED_ROUNDS = 9;
    private static final String SDK_MAIN = "io.github.flinkdatahub.benchmarks.sdk.SdkBenchmark";

    private final EmulatorProcess emulator;
    private final String project;
    private final Report report;
    private final String sdkClasspath;
    private final Path logDir;
    private final int batch;

    SdkComparison(
            EmulatorProcess emulator,
            String project,
            Report report,
            String sdkClasspath,
            Path logDir,
            int batch) {
        this.emulator = emulator;
        this.project = project;
        this.report = report;
        this.sdkClasspath = sdkClasspath;
        this.logDir = logDir;
        this.batch = batch;
    }

    /**
     * One comparison per mode and shape, with {@code count} records per shape. All warm-up rounds
     * (both sides, every case) come first, so neither side meets a cold emulator; then the measured
     * rounds alternate which side goes first.
     */
    void run(List<WireMode> modes, Map<RecordShapes, Integer> counts) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (WireMode mode : modes) {
            for (Map.Entry<RecordShapes, Integer> e : counts.entrySet()) {
                cases.add(new Case(mode, e.getKey(), e.getValue()));
            }
        }
        try (DataHubClient admin = emulator.client(WireMode.PROTOBUF)) {
            for (Case c : cases) {
                for (String t :
                        List.of(
                                c.topic("ours") + "_warm",
                                c.topic("ours"),
                                c.topic("sdk") + "_warm",
                                c.topic("sdk"))) {
                    ClientLoops.createTopic(admin, project, t, c.shape, 1);
                }
            }
        }
        List<String> specs = new ArrayList<>();
        for (Case c : cases) {
            specs.add(
                    c.mode
                            + ":"
                            + c.shape
                            + ":"
                            + c.count
                            + ":"
                            + c.topic("sdk")
                            + "_warm:"
                            + c.topic("sdk"));
        }
        try (SdkChild sdk = SdkChild.start(command(specs), logDir.resolve("sdk-child.log"))) {
            // Both JVMs JIT-compile for many rounds (a profile showed half of our side's CPU in the
            // compiler after one round): warm up every case several times before measuring.
            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                for (int i = 0; i < cases.size(); i++) {
                    cases.get(i).runOurs(true);
                    sdk.call("WARM " + i);
                }
            }
            // Measured rounds alternate which side goes first; each side's median round counts.
            List<List<long[]>> ours = new ArrayList<>();
            List<List<long[]>> theirs = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                ours.add(new ArrayList<>());
                theirs.add(new ArrayList<>());
            }
            for (int round = 0; round < MEASURED_ROUNDS; round++) {
                for (int i = 0; i < cases.size(); i++) {
                    if ((i + round) % 2 == 0) {
                        ours.get(i).add(cases.get(i).runOurs(false));
                        theirs.get(i).add(sdk.call("RUN " + i));
                    } else {
                        theirs.get(i).add(sdk.call("RUN " + i));
                        ours.get(i).add(cases.get(i).runOurs(false));
                    }
                }
            }
            String section =
                    String.format(Locale.ROOT, SECTION, batch, MEASURED_ROUNDS, WARMUP_ROUNDS);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                checkSameRecords(c.mode, c.shape);
                String label = c.mode.name().toLowerCase(Locale.ROOT) + " " + c.shape;
                String[] ops = {"put", "get"};
                for (int op = 0; op < 2; op++) {
                    double o = c.count / (medianNanos(ours.get(i), op) / 1e9);
                    double t = c.count / (medianNanos(theirs.get(i), op) / 1e9);
                    report.add(section, label + " " + ops[op] + ", ours", o, "rec/s");
                    report.add(section, label + " " + ops[op] + ", SDK", t, "rec/s");
                    report.add(
                            section,
                            label + " " + ops[op] + ", ours / SDK",
                            o / t,
                            "x",
                            "Ratios (>1: the first is faster)");
                    // Client CPU per record: what each client costs its JVM, unlike the wall
                    // time not shared with the emulator and far steadier on a busy machine. The
                    // JVM reports process CPU in 10 ms steps, a quarter of a round: the sum
                    // over all rounds counts, not the median round.
                    double oc = totalNanos(ours.get(i), op + 2) / 1e3 / c.count;
                    double tc = totalNanos(theirs.get(i), op + 2) / 1e3 / c.count;
                    report.add(section, label + " " + ops[op] + " CPU, ours", oc, "us/rec");
                    report.add(section, label + " " + ops[op] + " CPU, SDK", tc, "us/rec");
                    report.add(
                            section,
                            label + " " + ops[op] + " CPU, SDK / ours",
                            tc / oc,
                            "x",
                            "Ratios (>1: the first is faster)");
                }
            }
        } finally {
            cases.forEach(Case::close);
        }
    }

    /** Per round, on average. */
    private static double totalNanos(List<long[]> rounds, int op) {
        return rounds.stream().mapToLong(r -> r[op]).sum() / (double) rounds.size();
    }

    private static double medianNanos(List<long[]> rounds, int op) {
        long[] values = rounds.stream().mapToLong(r -> r[op]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }

    private List<String> command(List<String> specs) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Paths.get(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx1g",
                                "-cp",
                                sdkClasspath,
                                SDK_MAIN,
                                emulator.endpoint(),
                                EmulatorProcess.ACCESS_ID,
                                EmulatorProcess.ACCESS_KEY,
                                project,
                                Integer.toString(batch)));
        command.addAll(specs);
        return command;
    }

    /**
     * One mode and shape: our side's records are built once, outside the timed loops, as the SDK
     * child's are.
     */
    private final class Case {
        final WireMode mode;
        final RecordShapes shape;
        final int count;
        private List<List<Record>> batches;
        private DataHubClient client;

        Case(WireMode mode, RecordShapes shape, int count) {
            this.mode = mode;
            this.shape = shape;
            this.count = count;
        }

        String topic(String side) {
            return SdkComparison.topic(side, mode, shape);
        }

        /**
         * Put then get on our topic (or its warm-up twin) with one client kept for all rounds, as
         * the SDK child keeps its; returns {put, get, put CPU, get CPU} nanoseconds (CPU time of
         * this JVM, measured as in the SDK child).
         */
        long[] runOurs(boolean warm) {
            if (batches == null) {
                batches = batches(shape, count, mode == WireMode.JSON);
                client = emulator.client(mode);
            }
            String topic = topic("ours") + (warm ? "_warm" : "");
            long cpu = cpuNanos();
            long put = ClientLoops.put(client, project, topic, batches);
            long putCpu = cpuNanos() - cpu;
            cpu = cpuNanos();
            long get = ClientLoops.get(client, project, topic, shape.schema(), count, batch);
            return new long[] {put, get, putCpu, cpuNanos() - cpu};
        }

        void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String topic(String side, WireMode mode, RecordShapes shape) {
        return (side + "_" + mode + "_" + shape).toLowerCase(Locale.ROOT);
    }

    private List<List<Record>> batches(RecordShapes shape, int count, boolean routed) {
        List<List<Record>> batches = new ArrayList<>();
        for (int from = 0; from < count; from += batch) {
            List<Record> records = shape.records(from, Math.min(batch, count - from));
            if (routed) {
                records.replaceAll(SdkComparison::onShard0);
            }
            batches.add(records);
        }
        return batches;
    }

    private static Record onShard0(Record r) {
        return r instanceof TupleRecord
                ? ((TupleRecord) r).toBuilder().shardId(ClientLoops.SHARD).build()
                : ((BlobRecord) r).toBuilder().shardId(ClientLoops.SHARD).build();
    }

    /**
     * Reads the SDK's first record back with our client and compares it with ours: the two sides
     * must have written the same data (the counts are checked by both get loops).
     */
    private void checkSameRecords(WireMode mode, RecordShapes shape) {
        String topic = topic("sdk", mode, shape);
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            String cursor =
                    client.getCursor(project, topic, ClientLoops.SHARD, CursorType.OLDEST)
                            .getCursor();
            List<Record> read =
                    shape.schema() == null
                            ? client.getBlobRecords(project, topic, ClientLoops.SHARD, cursor, 1)
                                    .getRecords()
                            : client.getTupleRecords(
                                            project,
                                            topic,
                                            ClientLoops.SHARD,
                                            shape.schema(),
                                            cursor,
                                            1)
                                    .getRecords();
            Record expected = shape.record(0);
            boolean same =
                    !read.isEmpty()
                            && (expected instanceof TupleRecord
                                    ? ((TupleRecord) expected)
                                            .getValues()
                                            .equals(((TupleRecord) read.get(0)).getValues())
                                    : Arrays.equals(
                                            ((BlobRecord) expected).getData(),
                                            ((BlobRecord) read.get(0)).getData()));
            if (!same) {
                throw new IllegalStateException(
                        "The first record the SDK wrote to "
                                + topic
                                + " differs from ours: "
                                + (read.isEmpty() ? "missing" : read.get(0))
                                + " vs "
                                + expected);
            }
        }
    }
}
