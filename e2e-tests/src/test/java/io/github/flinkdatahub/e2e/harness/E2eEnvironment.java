package io.github.flinkdatahub.e2e.harness;

import io.github.flinkdatahub.client.DataHubClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;

/**
 * The whole end-to-end setup, started once for all test classes of the run (JUnit closes it after
 * the last one): the emulator process, a JobManager, two TaskManagers and the SQL Gateway. Test
 * classes get it as a parameter of their {@code @BeforeAll} method.
 */
public final class E2eEnvironment implements ExtensionContext.Store.CloseableResource {

    public static final int TASK_MANAGERS = 2;

    private final EmulatorProcess emulator;
    private final FlinkCluster cluster;
    private final DataHubClient client;
    private final SqlGatewayClient gateway;
    private final Topics topics;

    private E2eEnvironment(EmulatorProcess emulator, FlinkCluster cluster) {
        this.emulator = emulator;
        this.cluster = cluster;
        this.client = emulator.newClient();
        this.gateway = new SqlGatewayClient(cluster.gatewayUri(), cluster.diagnostics());
        this.topics =
                new Topics(
                        client,
                        cluster.diagnostics()
                                + "; the emulator log "
                                + emulator.process().logFile());
    }

    static E2eEnvironment start() {
        EmulatorProcess emulator =
                EmulatorProcess.start(
                        E2ePaths.emulatorJar(), E2ePaths.workDir(), E2ePaths.logsDir());
        try {
            FlinkCluster cluster =
                    FlinkCluster.start(
                            E2ePaths.flinkLib(),
                            E2ePaths.workDir(),
                            E2ePaths.logsDir(),
                            TASK_MANAGERS);
            return new E2eEnvironment(emulator, cluster);
        } catch (RuntimeException | Error e) {
            emulator.close();
            throw e;
        }
    }

    public EmulatorProcess emulator() {
        return emulator;
    }

    public FlinkCluster cluster() {
        return cluster;
    }

    /** Our client, talking to the emulator process: creates topics, writes input, reads output. */
    public DataHubClient client() {
        return client;
    }

    public SqlGatewayClient gateway() {
        return gateway;
    }

    public Topics topics() {
        return topics;
    }

    /**
     * A new gateway session with the shaded SQL jar added, as a user of a stock Flink would: the
     * jar reaches the JobManager and the TaskManagers with each job, through the user class loader.
     */
    public SqlGatewayClient.Session openSession() {
        SqlGatewayClient.Session session = gateway.openSession(Map.of());
        session.execute("ADD JAR '" + E2ePaths.sqlConnectorJar() + "'");
        return session;
    }

    /** The connection options of a DataHub table or catalog on the emulator, Flink-style keys. */
    public String connectionOptions() {
        return "'endpoint' = '"
                + emulator.endpoint()
                + "', 'access-id' = '"
                + EmulatorProcess.ACCESS_ID
                + "', 'access-key' = '"
                + EmulatorProcess.ACCESS_KEY
                + "'";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception ignored) {
            // Closing the client only releases connections.
        }
        try {
            cluster.close();
        } finally {
            emulator.close();
        }
    }

    /** Starts the environment for the first test class and hands it to every class's @BeforeAll. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(E2eEnvironment.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            environment(context);
        }

        @Override
        public boolean supportsParameter(
                ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == E2eEnvironment.class;
        }

        @Override
        public Object resolveParameter(
                ParameterContext parameterContext, ExtensionContext extensionContext) {
            return environment(extensionContext);
        }

        private static E2eEnvironment environment(ExtensionContext context) {
            // The root store lives until the whole run ends, so all classes share one cluster.
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            "environment", key -> E2eEnvironment.start(), E2eEnvironment.class);
        }
    }
}
