package io.github.flinkdatahub.emulator.junit;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * What happens around a test class using the extension, checked by running scenario classes (static
 * nested classes, which the build's test scan skips) on the JUnit engine.
 */
class DataHubEmulatorExtensionLifecycleTest {
    @Test
    void theEmulatorStopsAndItsTemporaryDirectoryIsDeletedAfterTheClass() {
        run(TemporaryDirectoryScenario.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(TemporaryDirectoryScenario.directory).isNotNull().doesNotExist();
        assertRefusesConnections(TemporaryDirectoryScenario.endpoint);
    }

    @Test
    void nestedClassesShareTheEmulatorWhichStopsOnlyAfterTheOutermostClass() {
        run(NestedScenario.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(NestedScenario.Inner.endpoint).isEqualTo(NestedScenario.endpoint);
        assertThat(NestedScenario.answeredAfterTheNestedClass).isTrue();
        assertRefusesConnections(NestedScenario.endpoint);
    }

    @Test
    void aPerClassTestInstanceGetsTheEmulatorInItsConstructor() {
        run(PerClassScenario.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertRefusesConnections(PerClassScenario.endpoint);
    }

    @Test
    void anInstanceFieldRegistrationFailsWithAnExplanation() {
        run(InstanceFieldScenario.class)
                .assertStatistics(s -> s.started(1).failed(1))
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(
                                        m ->
                                                m.contains(
                                                        "static @RegisterExtension field, not in an instance field"))));
    }

    private static Events run(Class<?> scenario) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(scenario))
                .execute()
                .testEvents();
    }

    private static void assertRefusesConnections(String endpoint) {
        assertThat(endpoint).isNotNull();
        try (DataHubClient client =
                DataHubClient.builder()
                        .endpoint(endpoint)
                        .credentials(
                                DataHubEmulator.DEFAULT_ACCESS_ID,
                                DataHubEmulator.DEFAULT_ACCESS_KEY)
                        .retryPolicy(RetryPolicy.none())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()) {
            assertThatThrownBy(client::listProject)
                    .isInstanceOf(DataHubClientException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    static class TemporaryDirectoryScenario {
        @RegisterExtension
        static final DataHubEmulatorExtension EMULATOR =
                DataHubEmulatorExtension.builder().temporaryDataDirectory().build();

        static volatile Path directory;
        static volatile String endpoint;

        @Test
        void writes(DataHubClient client) {
            directory = EMULATOR.dataDirectory();
            endpoint = EMULATOR.endpoint();
            client.createProject("scenario", "");
            assertThat(directory).isDirectory();
        }
    }

    @WithDataHubEmulator
    static class NestedScenario {
        static volatile String endpoint;
        static volatile boolean answeredAfterTheNestedClass;

        @Test
        void outer(DataHubEmulator emulator) {
            endpoint = emulator.endpoint();
        }

        @AfterAll
        static void stillRunning(DataHubClient client) {
            client.listProject();
            answeredAfterTheNestedClass = Inner.endpoint != null;
        }

        @Nested
        class Inner {
            static volatile String endpoint;

            @Test
            void inner(DataHubEmulator emulator) {
                endpoint = emulator.endpoint();
            }
        }
    }

    @WithDataHubEmulator
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassScenario {
        static volatile String endpoint;
        final DataHubEmulator emulator;

        PerClassScenario(DataHubEmulator emulator) {
            this.emulator = emulator;
        }

        @Test
        void usesIt(DataHubClient client) {
            assertThat(client.getConfig().getEndpoint().toString())
                    .isEqualTo(emulator.endpoint() + "/");
            endpoint = emulator.endpoint();
            client.createProject("per_class", "");
        }
    }

    static class InstanceFieldScenario {
        @RegisterExtension
        final DataHubEmulatorExtension emulator = DataHubEmulatorExtension.builder().build();

        @Test
        void needsAClient(DataHubClient client) {
            client.listProject();
        }
    }
}
