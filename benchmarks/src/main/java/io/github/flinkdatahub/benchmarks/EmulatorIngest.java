package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.Record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How fast a fresh emulator takes records, durable (data dir) and in memory: {@value #WRITERS}
 * writer threads of our client, each putting batches of {@value #BATCH} pre-built records to its
 * own shard over protobuf, after a warm-up topic.
 */
final class EmulatorIngest {
    private static final String SECTION =
            "Emulator ingest (fresh emulator process, %d writers x 1 shard each, protobuf, %d/put)";
    static final int WRITERS = 2;
    static final int BATCH = 1000;

    private final Report report;
    private final String project;

    EmulatorIngest(Report report, String project) {
        this.report = report;
        this.project = project;
    }

    void run(EmulatorProcess emulator, String kind, List<RecordShapes> shapes, List<Integer> counts)
            throws Exception {
        String section = String.format(Locale.ROOT, SECTION, WRITERS, BATCH);
        try (DataHubClient client = emulator.client(WireMode.PROTOBUF)) {
            client.createProject(project, "benchmark");
            for (int s = 0; s < shapes.size(); s++) {
                RecordShapes shape = shapes.get(s);
                int count = counts.get(s);
                String topic = ("ingest_" + shape).toLowerCase(Locale.ROOT);
                ClientLoops.createTopic(client, project, topic + "_warm", shape, WRITERS);
                ClientLoops.createTopic(client, project, topic, shape, WRITERS);
                List<List<Record>> batches = new ArrayList<>();
                for (int from = 0; from < count / WRITERS; from += BATCH) {
                    batches.add(shape.records(from, Math.min(BATCH, count / WRITERS - from)));
                }
                write(
                        client,
                        topic + "_warm",
                        batches.subList(0, Math.max(1, batches.size() / 10)));
                double seconds = write(client, topic, batches) / 1e9;
                double records = (double) WRITERS * (count / WRITERS);
                report.add(
                        section,
                        kind + ", " + shape,
                        records / seconds,
                        "rec/s",
                        "Emulator ingest (records/s)");
                report.add(
                        section,
                        kind + ", " + shape + " (record data)",
                        records * shape.dataBytes() / seconds / 1e6,
                        "MB/s");
            }
        }
    }

    /** All writers at once, each to its own shard; returns the wall time. */
    private long write(DataHubClient client, String topic, List<List<Record>> batches)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            long start = System.nanoTime();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String shard = Integer.toString(w);
                writers.add(
                        pool.submit(
                                () -> {
                                    for (List<Record> b : batches) {
                                        client.putRecordsByShard(project, topic, shard, b);
                                    }
                                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    static Path dataDir(Path workDir) {
        return workDir.resolve("emulator-durable-data");
    }
}
