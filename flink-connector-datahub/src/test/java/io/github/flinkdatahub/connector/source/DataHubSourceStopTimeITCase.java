package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source bounded by a stop time. Records are placed before and after it with the emulator's data
 * clock, which stamps their system times.
 */
class DataHubSourceStopTimeITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    private static void put(int from, int to) {
        List<Record> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(BlobRecord.of(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        DATAHUB.client().putRecordsByShard("stop_time", "blobs", "0", records);
    }

    @Test
    void boundedByAStopTimeReadsUpToItAndFinishesAlsoOnAnEmptyShard() throws Exception {
        DATAHUB.client().createProject("stop_time", "");
        DATAHUB.client().createBlobTopic("stop_time", "blobs", 2, 1, "");
        put(0, 60);
        // Not before the system time of any record written so far.
        long stopTime = DATAHUB.emulator().clock().millis();
        DATAHUB.emulator().clock().advance(Duration.ofMinutes(1));
        // A minute of data time after the stop time: the first of these ends shard 0 as soon as it
        // is read.
        put(60, 100);
        // Shard 1 stays empty: it ends once caught up and the stop time lies ShardSplitReader's
        // clock margin (2 s) in the local past. The stop time is the local time of the first put,
        // so that is soon after.

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataHubSource<byte[]> source =
                DataHubSource.<byte[]>builder()
                        .setConnection(EmulatorConnections.builder(DATAHUB.emulator()).build())
                        .setProject("stop_time")
                        .setTopic("blobs")
                        .setDeserializer(DataHubDeserializationSchema.blobBytes())
                        .setEmptyFetchInterval(Duration.ofMillis(50))
                        .setBounded(StoppingPosition.atTimestamp(stopTime))
                        .build();
        List<Integer> read = new ArrayList<>();
        try (CloseableIterator<byte[]> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "stop-time")
                        .executeAndCollect()) {
            it.forEachRemaining(
                    b -> read.add(Integer.parseInt(new String(b, StandardCharsets.UTF_8))));
        }
        assertThat(read)
                .containsExactlyElementsOf(
                        () -> java.util.stream.IntStream.range(0, 60).iterator());
    }
}
