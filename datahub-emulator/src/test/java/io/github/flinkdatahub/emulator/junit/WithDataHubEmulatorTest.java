package io.github.flinkdatahub.emulator.junit;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The annotation: one emulator per class, resolved everywhere, fault rules reset between tests. */
@WithDataHubEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithDataHubEmulatorTest {
    static DataHubEmulator fromBeforeAll;
    static DataHubClient clientFromBeforeAll;

    final DataHubClient fromConstructor;

    WithDataHubEmulatorTest(DataHubClient client) {
        this.fromConstructor = client;
    }

    @BeforeAll
    static void createAProject(DataHubEmulator emulator, DataHubClient client) {
        fromBeforeAll = emulator;
        clientFromBeforeAll = client;
        client.createProject("junit_ext", "created in @BeforeAll");
    }

    @Test
    @Order(1)
    void resolvesOneEmulatorWithOneReadyClientAndItsFaultInjector(
            DataHubEmulator emulator, DataHubClient client, FaultInjector faults) {
        assertThat(emulator).isSameAs(fromBeforeAll);
        assertThat(client).isSameAs(clientFromBeforeAll).isSameAs(fromConstructor);
        assertThat(faults).isSameAs(emulator.faults());
        assertThat(client.getConfig().getEndpoint().toString())
                .isEqualTo(emulator.endpoint() + "/");
        assertThat(client.getProject("junit_ext").getComment()).isEqualTo("created in @BeforeAll");
    }

    @Test
    @Order(2)
    void aTestMayInstallFaultRules(DataHubEmulator emulator, FaultInjector faults) {
        faults.setGlobal(FaultRule.none().throttleRate(1));
        try (DataHubClient client =
                emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(client::listProject).isInstanceOf(LimitExceededException.class);
        }
        assertThat(faults.throttledCount()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theNextTestStartsWithoutRulesAndWithZeroCounts(
            FaultInjector faults, DataHubClient client) {
        assertThat(faults.rules()).isEmpty();
        assertThat(faults.throttledCount()).isZero();
        assertThat(client.listProject().getProjectNames()).containsExactly("junit_ext");
    }

    @Nested
    class NestedClass {
        @Test
        void sharesTheEnclosingClassEmulatorAndClient(
                DataHubEmulator emulator, DataHubClient client) {
            assertThat(emulator).isSameAs(fromBeforeAll);
            assertThat(client).isSameAs(clientFromBeforeAll);
            assertThat(client.getProject("junit_ext").getComment())
                    .isEqualTo("created in @BeforeAll");
        }
    }
}
