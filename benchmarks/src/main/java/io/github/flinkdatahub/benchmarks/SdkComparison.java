package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our client against the official Java SDK 2.21.6 on one emulator: same records, same wire mode,
 * same batch size, one shard, synchronous put then get loops, each side with a warm-up topic
 * first. The SDK runs in a child JVM with its own class path (it needs protobuf-java 2.6.1).
 */
final class SdkComparison {
    private static final String SECTION = "Our client vs official SDK 2.21.6 (same emulator, 1 shard, %d records/put)";
    private static final String SDK_MAIN = "io.github.flinkdatahub.benchmarks.sdk.SdkBenchmark";

    private final EmulatorProcess emulator;
    private final String project;
    private final Report report;
    private final String sdkClasspath;
    private final Path logDir;
    private final int batch;

    SdkComparison(EmulatorProcess emulator, String project, Report report, String sdkClasspath, Path logDir, int batch) {
        this.emulator = emulator;
        this.project = project;
        this.report = report;
        this.sdkClasspath = sdkClasspath;
        this.logDir = logDir;
        this.batch = batch;
    }

    /** One comparison per mode and shape, with {@code count} records per shape. */
    void run(List<WireMode> modes, Map<RecordShapes, Integer> counts) throws Exception {
        List<String> cases = new ArrayList<>();
        Map<String, long[]> ours = new HashMap<>();
        for (WireMode mode : modes) {
            for (Map.Entry<RecordShapes, Integer> e : counts.entrySet()) {
                RecordShapes shape = e.getKey();
                int count = e.getValue();
                String ourTopic = topic("ours", mode, shape);
                String sdkTopic = topic("sdk", mode, shape);
                try (DataHubClient client = emulator.client(mode)) {
                    for (String t : List.of(ourTopic + "_warm", ourTopic, sdkTopic + "_warm", sdkTopic)) {
                        ClientLoops.createTopic(client, project, t, shape, 1);
                    }
                    List<List<Record>> batches = batches(shape, count, mode == WireMode.JSON);
                    ClientLoops.put(client, project, ourTopic + "_warm", batches);
                    ClientLoops.get(client, project, ourTopic + "_warm", shape.schema(), count, batch);
                    long put = ClientLoops.put(client, project, ourTopic, batches);
                    long get = ClientLoops.get(client, project, ourTopic, shape.schema(), count, batch);
                    ours.put(mode + " " + shape, new long[] {put, get});
                }
                cases.add(mode + ":" + shape + ":" + count + ":" + sdkTopic + "_warm:" + sdkTopic);
            }
        }
        Map<String, long[]> sdk = runSdk(cases);
        String section = String.format(Locale.ROOT, SECTION, batch);
        for (WireMode mode : modes) {
            for (Map.Entry<RecordShapes, Integer> e : counts.entrySet()) {
                RecordShapes shape = e.getKey();
                int count = e.getValue();
                String key = mode + " " + shape;
                long[] o = ours.get(key);
                long[] s = sdk.get(key);
                if (s == null) {
                    throw new IllegalStateException("The SDK child printed no result for " + key);
                }
                checkSameRecords(mode, shape);
                String label = mode.name().toLowerCase(Locale.ROOT) + " " + shape;
                double ourPut = count / (o[0] / 1e9);
                double sdkPut = count / (s[0] / 1e9);
                double ourGet = count / (o[1] / 1e9);
                double sdkGet = count / (s[1] / 1e9);
                report.add(section, label + " put, ours", ourPut, "rec/s");
                report.add(section, label + " put, SDK", sdkPut, "rec/s");
                report.add(section, label + " put, ours / SDK", ourPut / sdkPut, "x", "Ratios (>1: the first is faster)");
                report.add(section, label + " get, ours", ourGet, "rec/s");
                report.add(section, label + " get, SDK", sdkGet, "rec/s");
                report.add(section, label + " get, ours / SDK", ourGet / sdkGet, "x", "Ratios (>1: the first is faster)");
            }
        }
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
        return r instanceof TupleRecord ? ((TupleRecord) r).toBuilder().shardId(ClientLoops.SHARD).build()
                : ((BlobRecord) r).toBuilder().shardId(ClientLoops.SHARD).build();
    }

    private Map<String, long[]> runSdk(List<String> cases) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp", sdkClasspath,
                SDK_MAIN, emulator.endpoint(), EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY, project,
                Integer.toString(batch)));
        command.addAll(cases);
        Path log = logDir.resolve("sdk-child.log");
        Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Map<String, long[]> results = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] f = line.split(" ");
                    results.put(f[1] + " " + f[2], new long[] {Long.parseLong(f[4]), Long.parseLong(f[5])});
                }
            }
        }
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new IllegalStateException("The SDK child JVM failed; see " + log);
        }
        return results;
    }

    /**
     * Reads the SDK's first record back with our client and compares it with ours: the two sides must
     * have written the same data (the counts are checked by both get loops).
     */
    private void checkSameRecords(WireMode mode, RecordShapes shape) {
        String topic = topic("sdk", mode, shape);
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            String cursor = client.getCursor(project, topic, ClientLoops.SHARD, CursorType.OLDEST).getCursor();
            List<Record> read = shape.schema() == null
                    ? client.getBlobRecords(project, topic, ClientLoops.SHARD, cursor, 1).getRecords()
                    : client.getTupleRecords(project, topic, ClientLoops.SHARD, shape.schema(), cursor, 1).getRecords();
            Record expected = shape.record(0);
            boolean same = !read.isEmpty() && (expected instanceof TupleRecord
                    ? ((TupleRecord) expected).getValues().equals(((TupleRecord) read.get(0)).getValues())
                    : Arrays.equals(((BlobRecord) expected).getData(), ((BlobRecord) read.get(0)).getData()));
            if (!same) {
                throw new IllegalStateException("The first record the SDK wrote to " + topic + " differs from ours: "
                        + (read.isEmpty() ? "missing" : read.get(0)) + " vs " + expected);
            }
        }
    }
}
