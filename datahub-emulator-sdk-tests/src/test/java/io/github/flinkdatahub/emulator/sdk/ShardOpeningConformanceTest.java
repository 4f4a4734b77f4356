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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * New shards that take a while to open, as on the service: the SDK's {@code waitForShardReady}
 * must really wait. Runs its own emulator started with an opening delay.
 */
class ShardOpeningConformanceTest {
    private static final String PROJECT = "sdk_opening";
    private static EmulatorProcess emulator;
    private static DatahubClient client;

    @BeforeAll
    static void start() {
        emulator = EmulatorProcess.start("opening-delay", "--shard-opening-delay-ms", "1500");
        client = new Sdk(emulator.endpoint()).client();
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
                .extracting(ShardEntry::getState).containsOnly(ShardState.OPENING);

        RecordEntry record = new RecordEntry();
        record.setRecordData(new BlobRecordData("early".getBytes(StandardCharsets.UTF_8)));
        DatahubClientException early = catchThrowableOfType(DatahubClientException.class,
                () -> client.putRecordsByShard(PROJECT, "slow_open", "0", List.of(record)));
        assertThat(early).isNotNull();
        assertThat(early.getErrorCode()).isEqualTo("ShardNotReady");

        client.waitForShardReady(PROJECT, "slow_open", 20_000);
        assertThat(client.listShard(PROJECT, "slow_open").getShards())
                .extracting(ShardEntry::getState).containsOnly(ShardState.ACTIVE);
        client.putRecordsByShard(PROJECT, "slow_open", "0", List.of(record));
    }
}
