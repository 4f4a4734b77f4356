package io.github.flinkdatahub.benchmarks.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.DatahubClientBuilder;
import com.aliyun.datahub.client.auth.AliyunAccount;
import com.aliyun.datahub.client.common.DatahubConfig;
import com.aliyun.datahub.client.http.HttpConfig;
import com.aliyun.datahub.client.model.CompressType;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.GetRecordsResult;
import com.aliyun.datahub.client.model.PutRecordsResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The official SDK's side of the client comparison, run by the harness in its own JVM and driven
 * over stdin so that the harness can interleave it with our client's runs: {@code WARM i} writes
 * and reads case {@code i} on its warm-up topic and answers {@code OK i}; {@code RUN i} does so on
 * the measured topic and answers {@code RESULT i putNanos getNanos putCpuNanos getCpuNanos} (CPU
 * time of this whole JVM, so JIT and GC count too); end of input ends the JVM. Records are written
 * to shard 0 in batches of {@code batch} and read back with that page size.
 *
 * <p>Arguments: {@code endpoint accessId accessKey project batch case...}, a case being {@code
 * MODE:SHAPE:COUNT:WARMUP_TOPIC:TOPIC} with MODE one of JSON, PROTOBUF, BATCH.
 */
public final class SdkBenchmark {
    private static final String SHARD = "0";

    private SdkBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            throw new IllegalArgumentException(
                    "usage: SdkBenchmark endpoint accessId accessKey project batch MODE:SHAPE:COUNT:WARMUP_TOPIC:TOPIC...");
        }
        AliyunAccount account = new AliyunAccount(args[1], args[2]);
        String project = args[3];
        int batch = Integer.parseInt(args[4]);
        List<String[]> cases = new ArrayList<>();
        List<DatahubClient> clients = new ArrayList<>();
        List<List<List<RecordEntry>>> batches = new ArrayList<>();
        for (int a = 5; a < args.length; a++) {
            String[] c = args[a].split(":");
            int count = Integer.parseInt(c[2]);
            RecordSchema schema = SdkRecords.schema(c[1]);
            List<List<RecordEntry>> b = new ArrayList<>();
            for (int from = 0; from < count; from += batch) {
                b.add(SdkRecords.records(c[1], schema, from, Math.min(batch, count - from)));
            }
            cases.add(c);
            clients.add(client(args[0], account, c[0]));
            batches.add(b);
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            int i = Integer.parseInt(command[1]);
            String[] c = cases.get(i);
            boolean warm = "WARM".equals(command[0]);
            long[] nanos =
                    run(
                            clients.get(i),
                            c[0],
                            project,
                            warm ? c[3] : c[4],
                            SdkRecords.schema(c[1]),
                            batches.get(i),
                            Integer.parseInt(c[2]),
                            batch);
            System.out.println(
                    warm
                            ? "OK " + i
                            : "RESULT " + i + " " + nanos[0] + " " + nanos[1] + " " + nanos[2] + " "
                                    + nanos[3]);
            System.out.flush();
        }
    }

    /**
     * As a user configures each mode (datahub-emulator-sdk-tests does the same); no HTTP
     * compression.
     */
    private static DatahubClient client(String endpoint, AliyunAccount account, String mode) {
        DatahubConfig config;
        switch (mode) {
            case "JSON":
                config = new DatahubConfig(endpoint, account, false);
                break;
            case "PROTOBUF":
                config = new DatahubConfig(endpoint, account);
                break;
            case "BATCH":
                // Batch blobs are LZ4-compressed by the SDK when no HTTP compression is set, as
                // ours are.
                config = new DatahubConfig(endpoint, account).setEnableBatch(true);
                break;
            default:
                throw new IllegalArgumentException("Unknown mode " + mode);
        }
        HttpConfig http =
                new HttpConfig().setCompressType(CompressType.NONE).setReadTimeout(60_000);
        return DatahubClientBuilder.newBuilder()
                .setDatahubConfig(config)
                .setHttpConfig(http)
                .build();
    }

    /** Put then get of all records; returns {put, get, put CPU, get CPU} nanoseconds. */
    private static long[] run(
            DatahubClient client,
            String mode,
            String project,
            String topic,
            RecordSchema schema,
            List<List<RecordEntry>> batches,
            int count,
            int batch) {
        long start = System.nanoTime();
        long cpu = cpuNanos();
        for (List<RecordEntry> records : batches) {
            if ("JSON".equals(mode)) {
                // The SDK's JSON client has no put by shard: records are routed by shard id
                // instead.
                for (RecordEntry r : records) {
                    r.setShardId(SHARD);
                }
                PutRecordsResult result = client.putRecords(project, topic, records);
                if (result.getFailedRecordCount() > 0) {
                    throw new IllegalStateException(
                            result.getFailedRecordCount() + " records failed in " + topic);
                }
            } else {
                client.putRecordsByShard(project, topic, SHARD, records);
            }
        }
        long put = System.nanoTime() - start;
        long putCpu = cpuNanos() - cpu;

        start = System.nanoTime();
        cpu = cpuNanos();
        String cursor = client.getCursor(project, topic, SHARD, CursorType.OLDEST).getCursor();
        int read = 0;
        while (read < count) {
            GetRecordsResult result =
                    schema == null
                            ? client.getRecords(project, topic, SHARD, cursor, batch)
                            : client.getRecords(project, topic, SHARD, schema, cursor, batch);
            if (result.getRecords().isEmpty()) {
                throw new IllegalStateException(
                        "Shard "
                                + SHARD
                                + " of "
                                + topic
                                + " ended after "
                                + read
                                + " of "
                                + count
                                + " records");
            }
            read += result.getRecords().size();
            cursor = result.getNextCursor();
        }
        long get = System.nanoTime() - start;
        return new long[] {put, get, putCpu, cpuNanos() - cpu};
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
