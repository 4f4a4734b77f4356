package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.github.flinkdatahub.emulator.records.RecordFixtures.blobTexts;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records expire after the topic's lifecycle, by the data clock. Each test has an emulator (and
 * clock) of its own.
 */
class RetentionEmulationTest {
    private static final String PROJECT = "retention";
    DataHubEmulator emulator;
    DataHubClient client;

    @BeforeEach
    void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        client.createProject(PROJECT, "lifecycle");
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private void put(String topic, String... texts) {
        List<BlobRecord> records = new java.util.ArrayList<>();
        for (String t : texts) {
            records.add(BlobRecord.of(t.getBytes(StandardCharsets.UTF_8)));
        }
        client.putRecordsByShard(PROJECT, topic, "0", records);
    }

    @Test
    void recordsOlderThanTheLifecycleExpireAndTheOldestMoves() {
        client.createBlobTopic(PROJECT, "daily", 1, 1, "");
        put("daily", "old-1", "old-2");
        String oldCursor = client.getCursor(PROJECT, "daily", "0", CursorType.OLDEST).getCursor();
        long storedBefore = client.getMeteringInfo(PROJECT, "daily", "0").getStorage();
        emulator.clock().advance(Duration.ofHours(12));
        put("daily", "young");
        emulator.clock().advance(Duration.ofHours(13));

        assertThat(client.getCursor(PROJECT, "daily", "0", CursorType.OLDEST).getSequence())
                .isEqualTo(2);
        assertThat(blobTexts(TopicContents.shard(client, PROJECT, "daily", "0")))
                .containsExactly("young");
        assertThatThrownBy(() -> client.getBlobRecords(PROJECT, "daily", "0", oldCursor, 10))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("The cursor is invalid.");
        assertThatThrownBy(() -> client.getCursor(PROJECT, "daily", "0", CursorType.SEQUENCE, 0))
                .isInstanceOf(SeekOutOfRangeException.class);
        long storedAfter = client.getMeteringInfo(PROJECT, "daily", "0").getStorage();
        assertThat(storedAfter).isPositive().isLessThan(storedBefore);
    }

    @Test
    void aShardWhoseRecordsAllExpiredIsEmptyAndKeepsCounting() {
        client.createBlobTopic(PROJECT, "drained", 1, 1, "");
        put("drained", "a", "b", "c");
        emulator.clock().advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(client.getCursor(PROJECT, "drained", "0", CursorType.OLDEST).getSequence())
                .isEqualTo(3);
        assertThat(client.getCursor(PROJECT, "drained", "0", CursorType.LATEST).getSequence())
                .isEqualTo(3);
        assertThat(client.getMeteringInfo(PROJECT, "drained", "0").getStorage()).isZero();
        put("drained", "d");
        assertThat(sequences(TopicContents.shard(client, PROJECT, "drained", "0")))
                .containsExactly(3L);
    }

    @Test
    void aShorterLifecycleAppliesToRecordsAlreadyStored() {
        client.createBlobTopic(PROJECT, "shortened", 1, 7, "");
        put("shortened", "kept-for-a-week");
        emulator.clock().advance(Duration.ofDays(2));
        assertThat(TopicContents.shard(client, PROJECT, "shortened", "0")).hasSize(1);
        client.updateTopic(PROJECT, "shortened", 1, "now one day");
        assertThat(TopicContents.shard(client, PROJECT, "shortened", "0")).isEmpty();
    }

    @Test
    void aClosedShardIsGoneOnceEverythingItHeldHasExpired() {
        client.createBlobTopic(PROJECT, "resharded", 1, 1, "");
        put("resharded", "before split");
        emulator.clock().advance(Duration.ofSeconds(5));
        client.splitShard(PROJECT, "resharded", "0");
        emulator.clock().advance(Duration.ofHours(20));
        assertThat(client.listShard(PROJECT, "resharded").getShards())
                .extracting(Shard::getShardId)
                .containsExactly("0", "1", "2");

        emulator.clock().advance(Duration.ofHours(5));
        List<Shard> shards = client.listShard(PROJECT, "resharded").getShards();
        assertThat(shards).extracting(Shard::getShardId).containsExactly("1", "2");
        assertThat(shards).allSatisfy(s -> assertThat(s.getParentShardIds()).containsExactly("0"));
        assertThatThrownBy(() -> client.getCursor(PROJECT, "resharded", "0", CursorType.OLDEST))
                .isInstanceOf(ShardNotFoundException.class);
    }
}
