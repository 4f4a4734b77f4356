package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages read ahead against the emulator over HTTP, with the reader's own threads opening their
 * cursors: every record of a closed shard comes out once and in sequence order, and reaching the
 * closed shard's end finishes the split rather than failing the read.
 */
class ShardSplitReaderReadAheadEmulatorTest {
    private static final String PROJECT = "read_ahead";
    private static final int RECORDS = 2_500;

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    @Test
    void aClosedShardReadWithPagesAheadYieldsEveryRecordOnceInOrderAndFinishes() throws Exception {
        String topic = "closed_shard";
        DataHubClient client = DATAHUB.client();
        client.createProject(PROJECT, "read-ahead tests");
        client.createBlobTopic(PROJECT, topic, 1, 1, "read-ahead test");
        client.waitShardsReady(PROJECT, topic);
        for (int from = 0; from < RECORDS; from += 500) {
            List<BlobRecord> batch = new ArrayList<>();
            for (int i = from; i < from + 500; i++) {
                batch.add(BlobRecord.of(("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            client.putRecordsByShard(PROJECT, topic, "0", batch);
        }
        // The emulator refuses to split a shard younger than its cool-down.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, "0");
        client.waitShardsReady(PROJECT, topic);

        ShardSplitReader reader =
                new ShardSplitReader(
                        // A client of its own: the reader closes it.
                        DATAHUB.emulator().client(),
                        PROJECT,
                        topic,
                        RecordType.BLOB,
                        null,
                        // Pages of 100 records, 4 in flight per shard.
                        new FetchSettings(
                                100,
                                Duration.ofMillis(10),
                                Duration.ofMillis(50),
                                Duration.ofSeconds(1),
                                Long.MAX_VALUE,
                                Integer.MAX_VALUE,
                                4),
                        new DataHubSourceReaderMetrics(
                                UnregisteredMetricsGroup.createSourceReaderMetricGroup()));
        List<String> emitted = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        try {
            reader.handleSplitsChanges(
                    new SplitsAddition<>(
                            List.of(
                                    new ShardSplit(
                                            "0",
                                            ShardPosition.earliest(),
                                            List.of(),
                                            "00000000000000000000000000000000",
                                            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                                            ShardSplit.NO_STOP,
                                            ShardSplit.NO_STOP,
                                            false))));
            // Each fetch hands out one answer or waits at most 50 ms; the deadline is a hang guard.
            waitUtil(
                    () -> {
                        RecordsWithSplitIds<Record> out;
                        try {
                            out = reader.fetch();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        for (String s = out.nextSplit(); s != null; s = out.nextSplit()) {
                            for (Record r = out.nextRecordFromSplit();
                                    r != null;
                                    r = out.nextRecordFromSplit()) {
                                emitted.add(
                                        new String(
                                                ((BlobRecord) r).getData(),
                                                StandardCharsets.UTF_8));
                            }
                        }
                        finished.addAll(out.finishedSplits());
                        return !finished.isEmpty();
                    },
                    Duration.ofSeconds(120),
                    "the closed shard's split finished");
        } finally {
            reader.close();
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add("r" + i);
        }
        assertThat(finished).containsExactly("0");
        assertThat(emitted).containsExactlyElementsOf(expected);
    }
}
