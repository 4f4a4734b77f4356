package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.DatahubClientException;
import com.aliyun.datahub.client.model.BlobRecordData;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.ShardEntry;
import com.aliyun.datahub.client.model.ShardState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * New shards that take a while to open, as on the service: the SDK's {@code waitForShardReady} must
 * really wait. Runs its own emulator started with an hour-long opening delay on its data clock,
 * which the test moves: the shards are opening until it does, however slow the run.
 */
class ShardOpeningConformanceTest {
    private static final String PROJECT = "sdk_opening";
    private static final Duration OPENING = Duration.ofHours(1);
    private static EmulatorProcess emulator;
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void start() {
        emulator =
                EmulatorProcess.start(
                        "opening-delay",
                        "--shard-opening-delay-ms",
                        Long.toString(OPENING.toMillis()));
        sdk = new Sdk(emulator.endpoint());
        client = sdk.client();
        client.createProject(PROJECT, "opening");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void newShardsAreOpeningRefuseWritesAndTurnActiveWhileTheSdkWaits() {
        client.createTopic(PROJECT, "slow_open", 2, 1, RecordType.BLOB, "slow");
        assertThat(client.listShard(PROJECT, "slow_open").getShards())
                .extracting(ShardEntry::getState)
                .containsOnly(ShardState.OPENING);

        RecordEntry record = new RecordEntry();
        record.setRecordData(new BlobRecordData("early".getBytes(StandardCharsets.UTF_8)));
        DatahubClientException early =
                catchThrowableOfType(
                        DatahubClientException.class,
                        () -> client.putRecordsByShard(PROJECT, "slow_open", "0", List.of(record)));
        assertThat(early).isNotNull();
        assertThat(early.getErrorCode()).isEqualTo("ShardNotReady");

        // The SDK polls every second: with 1.5 s it gives up after a few polls that all found the
        // shards opening, as the data clock has not moved.
        DatahubClientException gaveUp =
                catchThrowableOfType(
                        DatahubClientException.class,
                        () -> client.waitForShardReady(PROJECT, "slow_open", 1500));
        assertThat(gaveUp).isNotNull().hasMessageContaining("timeout");

        sdk.advanceDataClock(OPENING);
        // The SDK caps its own wait at 30 s; the shards are active on its first poll now.
        client.waitForShardReady(PROJECT, "slow_open", 30_000);
        assertThat(client.listShard(PROJECT, "slow_open").getShards())
                .extracting(ShardEntry::getState)
                .containsOnly(ShardState.ACTIVE);
        client.putRecordsByShard(PROJECT, "slow_open", "0", List.of(record));
    }
}
