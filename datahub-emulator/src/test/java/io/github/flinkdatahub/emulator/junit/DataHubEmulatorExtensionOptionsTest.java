package io.github.flinkdatahub.emulator.junit;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extension's settings, registered in a static field. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataHubEmulatorExtensionOptionsTest {
    static final FaultRule CONFIGURED = FaultRule.none().latencyMillis(1);

    @RegisterExtension
    static final DataHubEmulatorExtension EMULATOR =
            DataHubEmulatorExtension.builder()
                    .temporaryDataDirectory()
                    .account("junit_id", "junit-key")
                    .shardOpeningDelay(Duration.ofMinutes(5))
                    .faults("opts", null, CONFIGURED)
                    .build();

    @BeforeAll
    static void theAccessorsWorkFromBeforeAll() {
        assertThat(EMULATOR.endpoint()).isEqualTo(EMULATOR.emulator().endpoint());
        assertThat(EMULATOR.faults()).isSameAs(EMULATOR.emulator().faults());
        EMULATOR.client().createProject("opts", "from @BeforeAll");
    }

    @Test
    @Order(1)
    void theClientUsesTheConfiguredAccountWhichReplacesTheDefaultOne(
            DataHubClient client, DataHubEmulator emulator) {
        assertThat(client).isSameAs(EMULATOR.client());
        assertThat(client.getProject("opts").getComment()).isEqualTo("from @BeforeAll");
        try (DataHubClient defaults =
                DataHubClient.builder()
                        .endpoint(emulator.endpoint())
                        .credentials(
                                DataHubEmulator.DEFAULT_ACCESS_ID,
                                DataHubEmulator.DEFAULT_ACCESS_KEY)
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            assertThatThrownBy(defaults::listProject)
                    .isInstanceOf(AuthorizationFailedException.class);
        }
    }

    @Test
    @Order(2)
    void newShardsStayOpeningForTheConfiguredDelay(DataHubClient client, DataHubEmulator emulator) {
        // On a paused data clock only the advances below move time, however slow this test runs.
        emulator.clock().pause();
        client.createBlobTopic("opts", "opening", 2, 1, "");
        emulator.clock().advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(client.listShard("opts", "opening").getShards())
                .extracting(Shard::getState)
                .containsOnly(ShardState.OPENING);

        emulator.clock().advance(Duration.ofMillis(1));
        assertThat(client.listShard("opts", "opening").getShards())
                .extracting(Shard::getState)
                .containsOnly(ShardState.ACTIVE);
    }

    @Test
    @Order(3)
    void theConfiguredFaultRulesAreInForce(FaultInjector faults, DataHubEmulator emulator) {
        assertThat(faults.rules()).containsExactly(Map.entry("opts", CONFIGURED));
        faults.clearAll();
        faults.setGlobal(FaultRule.none().throttleRate(0.5));
        emulator.clock().pause();
    }

    @Test
    @Order(4)
    void theConfiguredFaultRulesAndARunningDataClockComeBackAfterATestChangedThem(
            FaultInjector faults, DataHubEmulator emulator) {
        assertThat(faults.rules()).containsExactly(Map.entry("opts", CONFIGURED));
        assertThat(emulator.clock().isPaused()).as("paused by the previous test").isFalse();
    }

    @Test
    @Order(5)
    void theTemporaryDataDirectoryKeepsTheDataAcrossARestart(DataHubEmulator emulator) {
        assertThat(EMULATOR.dataDirectory()).isDirectory();
        assertThat(EMULATOR.dataDirectory().resolve(EmulatorStore.FILE_NAME)).isRegularFile();
        emulator.close();
        emulator.start();
        try (DataHubClient client = emulator.client()) {
            assertThat(client.getProject("opts").getComment()).isEqualTo("from @BeforeAll");
        }
    }
}
