package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our client's wire modes against each other on one emulator, for the choice of the connector's
 * default {@code client.protocol}: protobuf, batch without compression and batch with LZ4 (its
 * default), synchronous put then get loops of 1000 records on 1 shard. Every round runs all modes
 * of a shape one after the other, in a rotating order, so that each ratio compares runs made at the
 * same time; each mode's median round counts.
 */
final class WireModeComparison {
    private static final String SECTION =
            "Wire modes of our client (same emulator, 1 shard, %d records/put, median of %d rounds"
                    + " after %d warm-up rounds)";
    private static final int WARMUP_ROUNDS = 5;
    private static final int MEASURED_ROUNDS = 9;

    private final EmulatorProcess emulator;
    private final String project;
    private final Report report;
    private final int batch;

    WireModeComparison(EmulatorProcess emulator, String project, Report report, int batch) {
        this.emulator = emulator;
        this.project = project;
        this.report = report;
        this.batch = batch;
    }

    /** One mode as a user configures it. */
    private enum Variant {
        PROTOBUF(WireMode.PROTOBUF, CompressFormat.NONE, "protobuf"),
        BATCH_NONE(WireMode.BATCH, CompressFormat.NONE, "batch"),
        BATCH_LZ4(WireMode.BATCH, CompressFormat.LZ4, "batch+lz4");

        final WireMode mode;
        final CompressFormat compression;
        final String label;

        Variant(WireMode mode, CompressFormat compression, String label) {
            this.mode = mode;
            this.compression = compression;
            this.label = label;
        }
    }

    void run(Map<RecordShapes, Integer> counts) {
        Variant[] variants = Variant.values();
        String section = String.format(Locale.ROOT, SECTION, batch, MEASURED_ROUNDS, WARMUP_ROUNDS);
        List<DataHubClient> clients = new ArrayList<>();
        try {
            for (Variant v : variants) {
                clients.add(
                        DataHubClient.builder()
                                .endpoint(emulator.endpoint())
                                .credentials(EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY)
                                .wireMode(v.mode)
                                .compression(v.compression)
                                .build());
            }
            for (Map.Entry<RecordShapes, Integer> e : counts.entrySet()) {
                RecordShapes shape = e.getKey();
                int count = e.getValue();
                List<List<Record>> batches = new ArrayList<>();
                for (int from = 0; from < count; from += batch) {
                    batches.add(shape.records(from, Math.min(batch, count - from)));
                }
                // A fresh topic per round and mode: every get reads exactly what its put wrote.
                List<List<long[]>> rounds = new ArrayList<>();
                for (int v = 0; v < variants.length; v++) {
                    rounds.add(new ArrayList<>());
                }
                for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
                    for (int k = 0; k < variants.length; k++) {
                        int v = (k + round) % variants.length;
                        String topic =
                                ("wire_" + variants[v] + "_" + shape + "_" + round)
                                        .toLowerCase(Locale.ROOT);
                        DataHubClient client = clients.get(v);
                        ClientLoops.createTopic(client, project, topic, shape, 1);
                        long put = ClientLoops.put(client, project, topic, batches);
                        long get =
                                ClientLoops.get(
                                        client, project, topic, shape.schema(), count, batch);
                        client.deleteTopic(project, topic);
                        if (round >= WARMUP_ROUNDS) {
                            rounds.get(v).add(new long[] {put, get});
                        }
                    }
                }
                String[] ops = {"put", "get"};
                for (int op = 0; op < 2; op++) {
                    double pb = count / (median(rounds.get(0), op) / 1e9);
                    for (int v = 0; v < variants.length; v++) {
                        double rate = count / (median(rounds.get(v), op) / 1e9);
                        String label = shape + " " + ops[op] + ", " + variants[v].label;
                        report.add(section, label, rate, "rec/s");
                        if (v > 0) {
                            report.add(
                                    section,
                                    label + " / protobuf",
                                    rate / pb,
                                    "x",
                                    "Ratios (>1: the first is faster)");
                        }
                    }
                }
            }
        } finally {
            clients.forEach(DataHubClient::close);
        }
    }

    private static double median(List<long[]> rounds, int op) {
        long[] values = rounds.stream().mapToLong(r -> r[op]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }
}
