package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.model.connector.AuthMode;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.DataHubConnectorConfig;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the emulator's RUNNING SINK_DATAHUB connectors: a scheduler looks at the stored connectors
 * every poll interval and hands each shard that is due to a small worker pool, at most one task per
 * shard at a time. A task ({@link SinkDataHubTask}) reads the shard through the public HTTP API (as
 * any client) and writes to the target topic over HTTP, then records its progress in the connector
 * document. Everything the runner knows beyond that document (read cursors, retry times, clients)
 * is a cache: after a restart it continues from the stored positions.
 */
public final class ConnectorRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRunner.class);
    static final int WORKERS = 4;

    private final EmulatorContext ctx;
    private final Connectors connectors;
    private final String selfEndpoint;
    private final String internalAccessId;
    private final String internalAccessKey;
    private final Duration pollInterval;
    final Duration idleDelay;
    final Duration retryDelay;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * Per shard task: {generation, earliest System.nanoTime() of its next run}; a new generation
     * runs at once.
     */
    private final Map<String, long[]> notBefore = new ConcurrentHashMap<>();

    /** Per shard task: where reading continues, valid for one generation and position. */
    final Map<String, ReadPosition> positions = new ConcurrentHashMap<>();

    private final Map<String, DataHubClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param selfEndpoint the emulator's own endpoint, where the source topics are read
     * @param internalAccessId an account the emulator accepts, used for reading and for targets
     *     with sts (or no) authentication
     */
    public ConnectorRunner(
            EmulatorContext ctx,
            String selfEndpoint,
            String internalAccessId,
            String internalAccessKey,
            Duration pollInterval,
            Duration idleDelay,
            Duration retryDelay) {
        this.ctx = ctx;
        this.connectors = new Connectors(ctx);
        this.selfEndpoint = selfEndpoint;
        this.internalAccessId = internalAccessId;
        this.internalAccessKey = internalAccessKey;
        this.pollInterval = pollInterval;
        this.idleDelay = idleDelay;
        this.retryDelay = retryDelay;
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(daemon("datahub-emulator-connectors"));
        this.workers =
                Executors.newFixedThreadPool(WORKERS, daemon("datahub-emulator-connector-worker"));
    }

    public ConnectorRunner start() {
        scheduler.scheduleWithFixedDelay(
                this::scan, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Submits every due shard task of every RUNNING SINK_DATAHUB connector. */
    private void scan() {
        if (closed) {
            return;
        }
        try {
            List<ShardTaskKey> due = new ArrayList<>();
            Map<String, Long> generations = new HashMap<>();
            synchronized (ctx.lock()) {
                for (ConnectorDoc d : connectors.docs().all()) {
                    if (!ConnectorViews.executed(d)
                            || !ConnectorState.CONNECTOR_RUNNING.name().equals(d.state)) {
                        continue;
                    }
                    TopicDoc t = ctx.store().topics().get(EmulatorStore.key(d.project, d.topic));
                    if (t == null) {
                        continue;
                    }
                    for (ShardDoc s : t.shards) {
                        ShardTaskDoc task = d.shards.get(s.shardId);
                        if (task == null
                                || !ConnectorShardState.CONTEXT_FINISHED
                                        .name()
                                        .equals(task.state)) {
                            ShardTaskKey k =
                                    new ShardTaskKey(d.project, d.topic, d.connectorId, s.shardId);
                            due.add(k);
                            generations.put(k.toString(), task == null ? 0 : task.generation);
                        }
                    }
                }
            }
            Set<String> live = new HashSet<>();
            long now = System.nanoTime();
            for (ShardTaskKey k : due) {
                String key = k.toString();
                live.add(key);
                long[] wait = notBefore.get(key);
                if (wait != null && wait[0] == generations.get(key) && now - wait[1] < 0) {
                    continue;
                }
                if (inFlight.add(key)) {
                    try {
                        workers.execute(
                                () -> {
                                    try {
                                        new SinkDataHubTask(this, ctx, connectors, k).run();
                                    } finally {
                                        inFlight.remove(key);
                                    }
                                });
                    } catch (RejectedExecutionException e) {
                        inFlight.remove(key);
                    }
                }
            }
            // Stopped or deleted connectors lose their caches; the stored position is what counts.
            positions.keySet().retainAll(live);
            notBefore.keySet().retainAll(live);
        } catch (RuntimeException e) {
            LOG.error("Connector scan failed", e);
        }
    }

    /**
     * Lets the task of {@code key} run again no earlier than {@code delay} from now, unless its
     * generation changes.
     */
    void delay(ShardTaskKey key, long generation, Duration delay) {
        notBefore.put(key.toString(), new long[] {generation, System.nanoTime() + delay.toNanos()});
    }

    void clearDelay(ShardTaskKey key) {
        notBefore.remove(key.toString());
    }

    boolean isClosed() {
        return closed;
    }

    /** A client of the emulator itself, for reading source topics. */
    DataHubClient source() {
        return client(selfEndpoint, internalAccessId, internalAccessKey);
    }

    /**
     * A client of the target: its access key with auth mode ak, the emulator's internal account
     * otherwise.
     */
    DataHubClient target(DataHubConnectorConfig config) {
        if (config.getAuth() != null && config.getAuth().getMode() == AuthMode.AK) {
            return client(
                    config.getEndpoint(),
                    config.getAuth().getAccessId(),
                    config.getAuth().getAccessKey());
        }
        return client(config.getEndpoint(), internalAccessId, internalAccessKey);
    }

    private DataHubClient client(String endpoint, String accessId, String accessKey) {
        String key = endpoint + '\u0000' + accessId + '\u0000' + accessKey;
        return clients.computeIfAbsent(
                key,
                k ->
                        DataHubClient.builder()
                                .endpoint(endpoint)
                                .credentials(accessId, accessKey)
                                // The task retries itself on its next run, reporting the failure in
                                // between.
                                .retryPolicy(RetryPolicy.none())
                                .connectTimeout(Duration.ofSeconds(5))
                                // A put that times out is repeated on the next run: a slow
                                // answer on a loaded machine must not become a duplicate.
                                .requestTimeout(Duration.ofMinutes(2))
                                .userAgentSuffix("datahub-emulator-connector")
                                .build());
    }

    /** Stops scheduling, waits briefly for running tasks, closes the clients. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.values().forEach(DataHubClient::close);
        clients.clear();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Identifies one shard task. */
    static final class ShardTaskKey {
        final String project;
        final String topic;
        final String connectorId;
        final String shardId;

        ShardTaskKey(String project, String topic, String connectorId, String shardId) {
            this.project = project;
            this.topic = topic;
            this.connectorId = connectorId;
            this.shardId = shardId;
        }

        String docKey() {
            return EmulatorStore.key(project, topic, connectorId);
        }

        @Override
        public String toString() {
            return EmulatorStore.key(project, topic, connectorId, shardId);
        }
    }

    /** A read cursor and the task position it belongs to. */
    static final class ReadPosition {
        final long generation;
        final long nextSequence;
        final String cursor;

        ReadPosition(long generation, long nextSequence, String cursor) {
            this.generation = generation;
            this.nextSequence = nextSequence;
            this.cursor = cursor;
        }
    }
}
