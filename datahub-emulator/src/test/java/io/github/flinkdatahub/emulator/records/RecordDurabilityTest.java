package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.github.flinkdatahub.emulator.records.RecordFixtures.blobTexts;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.sequences;
import static org.assertj.core.api.Assertions.assertThat;

/** Records, sequences, cursors and shard lineage survive a restart on the same data directory. */
class RecordDurabilityTest {
    private static final String PROJECT = "durable";

    private static BlobRecord text(String s) {
        return BlobRecord.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRestartedEmulatorContinuesTheLogsWhereTheyStood(@TempDir Path dir) {
        String cursor;
        long storage;
        try (DataHubEmulator first = DataHubEmulator.builder().dataDirectory(dir).build().start();
                DataHubClient client = first.client();
                DataHubClient batch = first.clientBuilder().wireMode(WireMode.BATCH).build()) {
            client.createProject(PROJECT, "");
            client.createBlobTopic(PROJECT, "kept", 1, 1, "");
            client.putRecordsByShard(PROJECT, "kept", "0", List.of(text("a"), text("b")));
            batch.putRecordsByShard(PROJECT, "kept", "0", List.of(text("c"), text("d")));
            first.clock().advance(Duration.ofSeconds(5));
            client.splitShard(PROJECT, "kept", "0");
            cursor = client.getCursor(PROJECT, "kept", "0", CursorType.SEQUENCE, 1).getCursor();
            storage = client.getMeteringInfo(PROJECT, "kept", "0").getStorage();
        }
        try (DataHubEmulator second = DataHubEmulator.builder().dataDirectory(dir).build().start();
                DataHubClient client = second.client()) {
            // The data clock is not part of the stored state: move it as far as the first run did.
            second.clock().advance(Duration.ofSeconds(5));
            assertThat(client.listShard(PROJECT, "kept").getShards())
                    .extracting(Shard::getState)
                    .containsExactly(ShardState.CLOSED, ShardState.ACTIVE, ShardState.ACTIVE);
            assertThat(blobTexts(TopicContents.shard(client, PROJECT, "kept", "0")))
                    .containsExactly("a", "b", "c", "d");
            assertThat(sequences(TopicContents.shard(client, PROJECT, "kept", "0")))
                    .containsExactly(0L, 1L, 2L, 2L);
            assertThat(
                            blobTexts(
                                    client.getBlobRecords(PROJECT, "kept", "0", cursor, 1)
                                            .getRecords()))
                    .containsExactly("b");
            assertThat(client.getMeteringInfo(PROJECT, "kept", "0").getStorage())
                    .isEqualTo(storage);

            client.putRecordsByShard(PROJECT, "kept", "2", List.of(text("e")));
            client.putRecordsByShard(PROJECT, "kept", "2", List.of(text("f")));
            assertThat(sequences(TopicContents.shard(client, PROJECT, "kept", "2")))
                    .containsExactly(0L, 1L);
        }
    }
}
