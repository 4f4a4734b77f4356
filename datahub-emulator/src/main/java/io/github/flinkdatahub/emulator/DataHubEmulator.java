package io.github.flinkdatahub.emulator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.DataHubClientBuilder;
import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.emulator.api.AdminApi;
import io.github.flinkdatahub.emulator.api.ConnectorApi;
import io.github.flinkdatahub.emulator.api.ProjectApi;
import io.github.flinkdatahub.emulator.api.RecordApi;
import io.github.flinkdatahub.emulator.api.ShardApi;
import io.github.flinkdatahub.emulator.api.SubscriptionApi;
import io.github.flinkdatahub.emulator.api.TopicApi;
import io.github.flinkdatahub.emulator.connectors.ConnectorRunner;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.http.EmulatorHttpServer;
import io.github.flinkdatahub.emulator.http.Router;
import io.github.flinkdatahub.emulator.store.EmulatorStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A local DataHub server speaking the service's protocol, for tests, demos and local development:
 *
 * <pre>{@code
 * try (DataHubEmulator emulator = DataHubEmulator.builder().build().start();
 *      DataHubClient client = emulator.client()) {
 *     client.createProject("demo", "local");
 * }
 * }</pre>
 *
 * <p>In memory by default; with {@link Builder#dataDirectory(Path)} every acknowledged change is
 * durable and a restart on the same directory finds it again.
 */
@PublicEvolving
public final class DataHubEmulator implements AutoCloseable {
    public static final String DEFAULT_ACCESS_ID = "emulator";
    public static final String DEFAULT_ACCESS_KEY = "emulator-secret";
    public static final int DEFAULT_PORT = 9180;

    private final Builder settings;
    private final EmulatorClock clock = new EmulatorClock();
    private final FaultInjector faults = new FaultInjector();
    private EmulatorStore store;
    private EmulatorHttpServer server;
    private EmulatorContext context;
    private ConnectorRunner connectorRunner;

    private DataHubEmulator(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Opens the store and starts listening; returns this for chaining. */
    public synchronized DataHubEmulator start() {
        if (server != null) {
            return this;
        }
        EmulatorStore opened =
                settings.dataDirectory == null
                        ? EmulatorStore.inMemory()
                        : EmulatorStore.open(settings.dataDirectory);
        EmulatorContext ctx =
                new EmulatorContext(opened, clock, faults, settings.shardOpeningDelay);
        Router router =
                new Router(
                        new ProjectApi(ctx),
                        new TopicApi(ctx),
                        new ShardApi(ctx),
                        new RecordApi(ctx),
                        new ConnectorApi(ctx),
                        new SubscriptionApi(ctx));
        // Committing under the writers' lock keeps half-done changes of a concurrent request (a put
        // that appended records but has not yet moved the shard's next sequence) out of the file.
        Runnable commit =
                () -> {
                    synchronized (ctx.lock()) {
                        opened.commit();
                    }
                };
        // The connector runner reads and writes through the HTTP API like any client, signed with
        // an account of its own that exists only in this run.
        String internalId = "emulator-internal-" + UUID.randomUUID().toString().substring(0, 8);
        String internalKey = UUID.randomUUID().toString();
        Map<String, String> accounts = new LinkedHashMap<>(settings.accounts);
        accounts.put(internalId, internalKey);
        try {
            server =
                    new EmulatorHttpServer(
                            settings.host,
                            settings.port,
                            Map.copyOf(accounts),
                            Clock.systemUTC(),
                            router,
                            new AdminApi(faults, clock),
                            faults,
                            commit);
            server.start();
        } catch (RuntimeException e) {
            // Release the data directory (its file lock) so that a retry or another emulator can
            // open it.
            server = null;
            opened.close();
            throw e;
        }
        store = opened;
        context = ctx;
        String self =
                settings.host.equals("0.0.0.0") || settings.host.equals("::")
                        ? "127.0.0.1"
                        : settings.host;
        connectorRunner =
                new ConnectorRunner(
                                ctx,
                                "http://" + self + ":" + server.port(),
                                internalId,
                                internalKey,
                                Duration.ofMillis(50),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(1))
                        .start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        checkStarted();
        return "http://" + settings.host + ":" + server.port();
    }

    public int port() {
        checkStarted();
        return server.port();
    }

    /** A client builder pointed at this emulator with its first account. */
    public DataHubClientBuilder clientBuilder() {
        Map.Entry<String, String> account = settings.accounts.entrySet().iterator().next();
        return DataHubClient.builder()
                .endpoint(endpoint())
                .credentials(account.getKey(), account.getValue());
    }

    /** A new client (PROTOBUF mode) for this emulator; close it when done. */
    public DataHubClient client() {
        return clientBuilder().build();
    }

    /** Fault injection, changeable at run time. */
    public FaultInjector faults() {
        return faults;
    }

    /** The data clock; advance it to let records expire. */
    public EmulatorClock clock() {
        return clock;
    }

    /** Stops serving and closes the store (every acknowledged change is already on disk). */
    @Override
    public synchronized void close() {
        if (connectorRunner != null) {
            connectorRunner.close();
            connectorRunner = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void checkStarted() {
        if (server == null) {
            throw new IllegalStateException("The emulator is not started: call start() first");
        }
    }

    /** Settings of a {@link DataHubEmulator}. */
    @PublicEvolving
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDirectory;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private Duration shardOpeningDelay = Duration.ZERO;

        private Builder() {}

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Interface to listen on; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Keep data durably in this directory (created if needed). */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Keep everything in memory (the default). */
        public Builder inMemory() {
            this.dataDirectory = null;
            return this;
        }

        /**
         * Adds an account; without any, {@value #DEFAULT_ACCESS_ID} / {@value #DEFAULT_ACCESS_KEY}
         * exists.
         */
        public Builder account(String accessId, String accessKey) {
            if (accessId == null
                    || accessId.isEmpty()
                    || accessKey == null
                    || accessKey.isEmpty()) {
                throw new IllegalArgumentException(
                        "An account needs a non-empty access id and access key");
            }
            accounts.put(accessId, accessKey);
            return this;
        }

        /**
         * How long new shards stay OPENING (refusing reads and writes) before turning ACTIVE; 0 by
         * default.
         */
        public Builder shardOpeningDelay(Duration delay) {
            this.shardOpeningDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public DataHubEmulator build() {
            if (accounts.isEmpty()) {
                accounts.put(DEFAULT_ACCESS_ID, DEFAULT_ACCESS_KEY);
            }
            return new DataHubEmulator(this);
        }
    }
}
