package io.github.flinkdatahub.connector.source;

import org.apache.flink.connector.testframe.TestResource;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink's connector test suite (single split, multiple splits, savepoint restart, scale up and
 * down, source metrics, idle reader, TaskManager failover) run against the DataHub source on a
 * MiniCluster, reading from the emulator over HTTP. A split is a shard; see {@link
 * DataHubSourceExternalContext}.
 */
class DataHubSourceTestSuiteITCase extends SourceTestSuiteBase<String> {
    private static final String PROJECT = "source_suite";

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    @TestEnv final MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem final EmulatorResource datahub = new EmulatorResource();

    @TestContext
    final ExternalContextFactory<DataHubSourceExternalContext> topics =
            testName ->
                    new DataHubSourceExternalContext(
                            DATAHUB.client(),
                            EmulatorConnections.builder(DATAHUB.emulator()).build(),
                            PROJECT,
                            testName);

    @TestSemantics final CheckpointingMode[] semantics = {CheckpointingMode.EXACTLY_ONCE};

    @BeforeAll
    static void createProject() {
        DATAHUB.client().createProject(PROJECT, "Flink connector test suite");
    }

    /**
     * The suite requires a resource for the external system. The emulator is the extension's, and
     * the suite starts its resource before the extension starts the emulator, so this one is empty.
     */
    static final class EmulatorResource implements TestResource {
        @Override
        public void startUp() {}

        @Override
        public void tearDown() {}
    }
}
