package io.github.flinkdatahub.emulator.junit;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A JUnit 5 extension giving each test class a running DataHub emulator: started before the class's
 * first test (before its {@code @BeforeAll} methods), stopped after its last. Parameters of type
 * {@link DataHubEmulator}, {@link DataHubClient} (one ready client per class, closed after it) and
 * {@link FaultInjector} are resolved in test methods, lifecycle methods and constructors. After
 * every test the fault rules go back to the ones configured here (none by default) and the fault
 * counts to 0, so one test's faults never leak into the next. {@code @Nested} classes share the
 * emulator of their enclosing class.
 *
 * <p>Declaratively with defaults ({@link WithDataHubEmulator} or
 * {@code @ExtendWith(DataHubEmulatorExtension.class)}), or with settings in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder()
 *         .temporaryDataDirectory()
 *         .shardOpeningDelay(Duration.ofMillis(200))
 *         .account("test-id", "test-key")
 *         .build();
 * }</pre>
 *
 * <p>Register it on the class or in a {@code static} field: an instance field gets no class
 * callbacks, so nothing would stop the emulator (resolving a parameter then fails with a message
 * saying so).
 */
@PublicEvolving
public final class DataHubEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
    private static final String RUNNING = "running";

    private final Path dataDirectory;
    private final boolean temporaryDataDirectory;
    private final Duration shardOpeningDelay;
    private final int port;
    private final Map<String, String> accounts;
    private final List<ScopedRule> faultRules;

    /** The emulator this instance started last, for the accessors. */
    private volatile Running current;

    /** An in-memory emulator with the default account; what {@link WithDataHubEmulator} uses. */
    public DataHubEmulatorExtension() {
        this(new Builder());
    }

    private DataHubEmulatorExtension(Builder b) {
        this.dataDirectory = b.dataDirectory;
        this.temporaryDataDirectory = b.temporaryDataDirectory;
        this.shardOpeningDelay = b.shardOpeningDelay;
        this.port = b.port;
        this.accounts = new LinkedHashMap<>(b.accounts);
        this.faultRules = List.copyOf(b.faultRules);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lookup(context) == null) {
            start(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Running r = lookup(context);
        if (r != null) {
            resetFaults(r.emulator.faults());
            // A test that paused the data clock must not freeze time for the next one; the offset
            // it advanced stays (record times only ever grow, as in the service).
            r.emulator.clock().resume();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() looks at this class's own store only: a @Nested class leaves its parent's
        // emulator running.
        Running r = context.getStore(namespace()).remove(RUNNING, Running.class);
        if (r != null) {
            if (current == r) {
                current = null;
            }
            r.close();
        }
    }

    @Override
    public boolean supportsParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DataHubEmulator.class
                || type == DataHubClient.class
                || type == FaultInjector.class;
    }

    @Override
    public Object resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        Running r = lookup(extensionContext);
        if (r == null) {
            if (extensionContext.getTestMethod().isPresent()) {
                throw new ParameterResolutionException(
                        "No DataHub emulator is running for "
                                + extensionContext.getDisplayName()
                                + ": register DataHubEmulatorExtension on the class"
                                + " (@WithDataHubEmulator) or in a static @RegisterExtension field, not in an instance field");
            }
            // A constructor parameter of a PER_CLASS test instance: resolved before the class
            // callbacks.
            r = start(extensionContext);
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DataHubEmulator.class) {
            return r.emulator;
        }
        if (type == FaultInjector.class) {
            return r.emulator.faults();
        }
        return r.client();
    }

    /** The running emulator; fails outside the lifetime of a test class. */
    public DataHubEmulator emulator() {
        return running().emulator;
    }

    /** The class's shared client (created on first use, closed after the class). */
    public DataHubClient client() {
        return running().client();
    }

    public FaultInjector faults() {
        return running().emulator.faults();
    }

    /** {@code http://127.0.0.1:PORT} of the running emulator. */
    public String endpoint() {
        return running().emulator.endpoint();
    }

    /** Where the running emulator keeps its data; null when it runs in memory. */
    public Path dataDirectory() {
        return running().dataDirectory;
    }

    private Running running() {
        Running r = current;
        if (r == null) {
            throw new IllegalStateException(
                    "The DataHub emulator runs only while a test class using this extension"
                            + " runs (from its @BeforeAll methods to its @AfterAll methods)");
        }
        return r;
    }

    private Running lookup(ExtensionContext context) {
        // get() also searches the stores of enclosing classes, so @Nested classes share the
        // emulator.
        return context.getStore(namespace()).get(RUNNING, Running.class);
    }

    private Running start(ExtensionContext context) {
        DataHubEmulator.Builder b =
                DataHubEmulator.builder().port(port).shardOpeningDelay(shardOpeningDelay);
        accounts.forEach(b::account);
        Path directory = dataDirectory;
        if (temporaryDataDirectory) {
            try {
                directory = Files.createTempDirectory("datahub-emulator-");
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot create a temporary data directory for the DataHub emulator", e);
            }
        }
        if (directory != null) {
            b.dataDirectory(directory);
        }
        DataHubEmulator emulator = b.build();
        resetFaults(emulator.faults());
        Running r = new Running(emulator, directory, temporaryDataDirectory);
        try {
            emulator.start();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        context.getStore(namespace()).put(RUNNING, r);
        current = r;
        return r;
    }

    private void resetFaults(FaultInjector faults) {
        faults.reset();
        for (ScopedRule s : faultRules) {
            faults.set(s.project, s.topic, s.rule);
        }
    }

    /** Per extension instance, so that two registered emulators do not see each other's state. */
    private ExtensionContext.Namespace namespace() {
        return ExtensionContext.Namespace.create(DataHubEmulatorExtension.class, this);
    }

    /** Settings of a {@link DataHubEmulatorExtension}. */
    @PublicEvolving
    public static final class Builder {
        private Path dataDirectory;
        private boolean temporaryDataDirectory;
        private Duration shardOpeningDelay = Duration.ZERO;
        private int port;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private final List<ScopedRule> faultRules = new ArrayList<>();

        private Builder() {}

        /**
         * Keep the data in this directory, which outlives the test class (the default is in
         * memory).
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            this.temporaryDataDirectory = false;
            return this;
        }

        /** Keep the data in a new temporary directory, deleted after the test class. */
        public Builder temporaryDataDirectory() {
            this.dataDirectory = null;
            this.temporaryDataDirectory = true;
            return this;
        }

        /** Keep everything in memory (the default). */
        public Builder inMemory() {
            this.dataDirectory = null;
            this.temporaryDataDirectory = false;
            return this;
        }

        /** How long new shards stay OPENING before they are ACTIVE; 0 by default. */
        public Builder shardOpeningDelay(Duration delay) {
            this.shardOpeningDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds an account; the first one is the resolved client's. Without any, the emulator's
         * default account ({@value DataHubEmulator#DEFAULT_ACCESS_ID}) exists.
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

        /** A global fault rule in force from the start and restored after every test. */
        public Builder faults(FaultRule rule) {
            return faults(null, null, rule);
        }

        /**
         * A fault rule for a project (topic null) or topic, in force from the start and restored
         * after every test.
         */
        public Builder faults(String project, String topic, FaultRule rule) {
            if (project == null && topic != null) {
                throw new IllegalArgumentException(
                        "A topic scope needs its project (topic '" + topic + "')");
            }
            faultRules.add(new ScopedRule(project, topic, Objects.requireNonNull(rule, "rule")));
            return this;
        }

        public DataHubEmulatorExtension build() {
            return new DataHubEmulatorExtension(this);
        }
    }

    private static final class ScopedRule {
        final String project;
        final String topic;
        final FaultRule rule;

        ScopedRule(String project, String topic, FaultRule rule) {
            this.project = project;
            this.topic = topic;
            this.rule = rule;
        }
    }

    /**
     * One started emulator, its lazily created client and its data directory (deleted if
     * temporary).
     */
    private static final class Running {
        final DataHubEmulator emulator;
        final Path dataDirectory;
        final boolean temporary;
        private DataHubClient client;

        Running(DataHubEmulator emulator, Path dataDirectory, boolean temporary) {
            this.emulator = emulator;
            this.dataDirectory = dataDirectory;
            this.temporary = temporary;
        }

        synchronized DataHubClient client() {
            if (client == null) {
                client = emulator.client();
            }
            return client;
        }

        synchronized void close() {
            try {
                if (client != null) {
                    client.close();
                }
            } finally {
                emulator.close();
                if (temporary) {
                    deleteRecursively(dataDirectory);
                }
            }
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot delete the emulator's temporary data directory " + dir, e);
            }
        }
    }
}
