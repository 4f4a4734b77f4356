package io.github.flinkdatahub.connector.source;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import org.apache.flink.connector.testframe.TestResource;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Flink's connector test suite (single split, multiple splits, savepoint restart, scale up and
 * down, source metrics, idle reader, TaskManager failover) run against the DataHub source on a
 * MiniCluster, reading from the emulator over HTTP. A split is a shard; see
 * {@link DataHubSourceExternalContext}.
 */
class DataHubSourceTestSuiteITCase extends SourceTestSuiteBase<String> {
    private static final String PROJECT = "source_suite";

    @TestEnv
    final MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    final EmulatorResource datahub = new EmulatorResource();

    @TestContext
    final ExternalContextFactory<DataHubSourceExternalContext> topics =
            testName -> new DataHubSourceExternalContext(datahub.client, datahub.connection, PROJECT, testName);

    @TestSemantics
    final CheckpointingMode[] semantics = {CheckpointingMode.EXACTLY_ONCE};

    /** The emulator, started once for the class, with the suite's project. */
    static final class EmulatorResource implements TestResource {
        DataHubEmulator emulator;
        DataHubClient client;
        DataHubConnection connection;

        @Override
        public void startUp() {
            emulator = DataHubEmulator.builder().build().start();
            client = emulator.client();
            connection = EmulatorConnections.builder(emulator).build();
            client.createProject(PROJECT, "Flink connector test suite");
        }

        @Override
        public void tearDown() {
            if (client != null) {
                client.close();
            }
            if (emulator != null) {
                emulator.close();
            }
        }
    }
}
