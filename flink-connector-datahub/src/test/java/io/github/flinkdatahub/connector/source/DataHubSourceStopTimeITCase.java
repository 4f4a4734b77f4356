package io.github.flinkdatahub.connector.source;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A source bounded by a stop time, with its own emulator so the data clock is real time. */
class DataHubSourceStopTimeITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static DataHubEmulator emulator;
    static DataHubClient client;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static void put(int from, int to) {
        List<Record> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(BlobRecord.of(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        client.putRecordsByShard("stop_time", "blobs", "0", records);
    }

    @Test
    void boundedByAStopTimeReadsUpToItAndFinishesAlsoOnAnEmptyShard() throws Exception {
        client.createProject("stop_time", "");
        client.createBlobTopic("stop_time", "blobs", 2, 1, "");
        put(0, 60);
        Thread.sleep(50);
        long stopTime = System.currentTimeMillis();
        Thread.sleep(50);
        put(60, 100);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataHubSource<byte[]> source = DataHubSource.<byte[]>builder()
                .setConnection(EmulatorConnections.builder(emulator).build())
                .setProject("stop_time").setTopic("blobs").setDeserializer(DataHubDeserializationSchema.blobBytes())
                .setEmptyFetchInterval(Duration.ofMillis(50)).setBounded(StoppingPosition.atTimestamp(stopTime)).build();
        List<Integer> read = new ArrayList<>();
        try (CloseableIterator<byte[]> it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "stop-time")
                .executeAndCollect()) {
            it.forEachRemaining(b -> read.add(Integer.parseInt(new String(b, StandardCharsets.UTF_8))));
        }
        assertThat(read).containsExactlyElementsOf(() -> java.util.stream.IntStream.range(0, 60).iterator());
    }
}
