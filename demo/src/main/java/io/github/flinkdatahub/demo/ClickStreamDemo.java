package io.github.flinkdatahub.demo;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main job. Starts a DataHub emulator (or uses the endpoint given), creates a project with a
 * {@code click_events} and a {@code page_stats} topic, and runs one Flink job on a local cluster
 * that (1) generates click events and writes them with the DataHub sink and (2) runs a Flink SQL
 * pipeline that reads them with the DataHub source and writes 10-second per-page statistics back to
 * DataHub. A third of the way in, a shard of {@code click_events} is split while everything runs.
 * Prints a progress line every few seconds and the result rows as they land.
 */
public final class ClickStreamDemo {
    static final String EVENTS = "click_events";
    static final String STATS = "page_stats";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final RecordSchema STATS_SCHEMA =
            RecordSchema.of(
                    new Field("window_start", FieldType.TIMESTAMP),
                    new Field("window_end", FieldType.TIMESTAMP),
                    new Field("page", FieldType.STRING),
                    new Field("view_count", FieldType.BIGINT),
                    new Field("click_count", FieldType.BIGINT),
                    new Field("purchase_count", FieldType.BIGINT),
                    new Field("revenue", FieldType.DECIMAL),
                    new Field("unique_users", FieldType.BIGINT),
                    new Field("avg_duration_ms", FieldType.INTEGER));

    private ClickStreamDemo() {}

    public static void main(String[] args) throws Exception {
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DataHubEmulator emulator = null;
        try {
            DataHubConnection connection;
            if (settings.usesEmulator()) {
                emulator = DataHubEmulator.builder().inMemory().build().start();
                connection =
                        DataHubConnection.builder()
                                .endpoint(emulator.endpoint())
                                .credentials(
                                        DataHubEmulator.DEFAULT_ACCESS_ID,
                                        DataHubEmulator.DEFAULT_ACCESS_KEY)
                                .build();
                say("Started a DataHub emulator at %s (in memory)", emulator.endpoint());
            } else {
                connection =
                        DataHubConnection.builder()
                                .endpoint(settings.endpoint)
                                .credentials(settings.accessId, settings.accessKey)
                                .build();
                say("Using DataHub at %s", settings.endpoint);
            }
            run(
                    settings,
                    connection,
                    settings.usesEmulator()
                            ? DataHubEmulator.DEFAULT_ACCESS_KEY
                            : settings.accessKey);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
        System.exit(0);
    }

    private static void run(DemoSettings settings, DataHubConnection connection, String accessKey)
            throws Exception {
        try (DataHubClient client = connection.openClient()) {
            String subscriptionId = createTopics(client, settings.project);
            JobClient job = startJob(settings, connection, accessKey, subscriptionId);
            say(
                    "Job %s running: generator -> %s -> Flink SQL (10 s tumbling windows per page) -> %s",
                    job.getJobID(), EVENTS, STATS);

            // Ctrl-C: stop watching, then let the job be cancelled before the JVM goes down.
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        stop.countDown();
                                        try {
                                            cancelled.await(30, TimeUnit.SECONDS);
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    }));
            try {
                watch(settings, client, subscriptionId, stop);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
                say("Job cancelled.");
                cancelled.countDown();
            }
        }
    }

    /** Creates the project and topics when missing; returns the SQL job's subscription id. */
    private static String createTopics(DataHubClient client, String project) {
        try {
            client.createProject(project, "Flink DataHub connector demo");
            say("Created project %s", project);
        } catch (ResourceExistException e) {
            say("Project %s exists", project);
        }
        createTopicIfMissing(
                client,
                project,
                EVENTS,
                2,
                ClickEvent.SCHEMA,
                "clicks written by the demo's generator");
        createTopicIfMissing(
                client,
                project,
                STATS,
                1,
                STATS_SCHEMA,
                "per-page statistics written by Flink SQL");
        return client.createSubscription(project, EVENTS, "flink demo " + Instant.now()).getSubId();
    }

    private static void createTopicIfMissing(
            DataHubClient client,
            String project,
            String topic,
            int shards,
            RecordSchema schema,
            String comment) {
        try {
            client.getTopic(project, topic);
            say("Topic %s/%s exists", project, topic);
        } catch (ResourceNotFoundException e) {
            client.createTupleTopic(project, topic, shards, 1, schema, comment);
            client.waitShardsReady(project, topic);
            say("Created tuple topic %s/%s with %d shards", project, topic, shards);
        }
    }

    private static JobClient startJob(
            DemoSettings settings,
            DataHubConnection connection,
            String accessKey,
            String subscriptionId)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(5_000);
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        // A shard that receives nothing for a while must not hold the windows back.
        tableEnv.getConfig().set("table.exec.source.idle-timeout", "5 s");

        // (1) The generator: a DataStream job writing with the DataHub sink.
        DataGeneratorSource<ClickEvent> generator =
                new DataGeneratorSource<>(
                        id -> ClickEvent.generate(id, System.currentTimeMillis()),
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(settings.rate),
                        TypeInformation.of(ClickEvent.class));
        env.fromSource(generator, WatermarkStrategy.noWatermarks(), "click generator")
                .uid("click-generator")
                .sinkTo(
                        DataHubSink.<ClickEvent>builder()
                                .setConnection(connection)
                                .setProject(settings.project)
                                .setTopic(EVENTS)
                                .setSerializer(new ClickEventSerializer())
                                .setHashFields("user_id")
                                .setFlushInterval(Duration.ofMillis(200))
                                .build())
                .name("DataHub sink: " + EVENTS)
                .uid("click-sink");

        // (2) The SQL pipeline, reading with the DataHub source.
        String connectionOptions =
                String.format(
                        "'connector' = 'datahub', 'endpoint' = '%s', 'access-id' = '%s',"
                                + " 'access-key' = '%s', 'project' = '%s'",
                        connection.getEndpoint(),
                        connection.getAccessId(),
                        accessKey,
                        settings.project);
        tableEnv.executeSql(
                "CREATE TABLE click_events (\n"
                        + "  event_id BIGINT NOT NULL,\n"
                        + "  user_id BIGINT,\n"
                        + "  page STRING,\n"
                        + "  action STRING,\n"
                        + "  duration_ms INT,\n"
                        + "  price DECIMAL(10, 2),\n"
                        + "  is_mobile BOOLEAN,\n"
                        + "  event_time TIMESTAMP(3),\n"
                        + "  shard STRING METADATA FROM 'shard-id' VIRTUAL,\n"
                        + "  WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND\n"
                        + ") WITH ("
                        + connectionOptions
                        + ", 'topic' = '"
                        + EVENTS
                        + "',\n"
                        + "  'scan.startup.mode' = 'subscription', 'scan.subscription.id' = '"
                        + subscriptionId
                        + "',\n"
                        + "  'scan.startup.subscription.reset' = 'earliest', 'scan.shard-discovery.interval' = '2 s')");
        tableEnv.executeSql(
                "CREATE TABLE page_stats (\n"
                        + "  window_start TIMESTAMP(3), window_end TIMESTAMP(3), page STRING,\n"
                        + "  view_count BIGINT, click_count BIGINT, purchase_count BIGINT, revenue DECIMAL(12, 2), unique_users BIGINT,\n"
                        + "  avg_duration_ms INT\n"
                        + ") WITH ("
                        + connectionOptions
                        + ", 'topic' = '"
                        + STATS
                        + "', 'sink.flush-interval' = '1 s')");
        StreamStatementSet statements = tableEnv.createStatementSet();
        statements.addInsertSql(
                "INSERT INTO page_stats\n"
                        + "SELECT window_start, window_end, page,\n"
                        + "  COUNT(*) FILTER (WHERE action = 'view'),\n"
                        + "  COUNT(*) FILTER (WHERE action IN ('click', 'add_to_cart')),\n"
                        + "  COUNT(*) FILTER (WHERE action = 'buy'),\n"
                        + "  CAST(COALESCE(SUM(price), 0) AS DECIMAL(12, 2)),\n"
                        + "  COUNT(DISTINCT user_id),\n"
                        + "  CAST(AVG(duration_ms) AS INT)\n"
                        + "FROM TABLE(TUMBLE(TABLE click_events, DESCRIPTOR(event_time), INTERVAL '10' SECOND))\n"
                        + "GROUP BY window_start, window_end, page");
        statements.attachAsDataStream();
        return env.executeAsync("DataHub click stream demo");
    }

    /**
     * Prints progress and results until the duration has passed (or Ctrl-C); splits a shard on the
     * way.
     */
    private static void watch(
            DemoSettings settings, DataHubClient client, String subscriptionId, CountDownLatch stop)
            throws InterruptedException {
        TopicMonitor monitor = new TopicMonitor(client, settings.project);
        long started = System.nanoTime();
        long splitAt = Math.max(20_000, settings.duration.toMillis() / 3);
        boolean split = false;
        long lastIn = 0;
        long lastOut = 0;
        long totalOut = 0;
        List<TupleRecord> allResults = new ArrayList<>();
        say(
                "Progress every %d s; %s.",
                PROGRESS_EVERY.getSeconds(),
                settings.forever
                        ? "Ctrl-C stops"
                        : "stops after " + settings.duration.getSeconds() + " s");
        while (!stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if (!split && elapsed >= splitAt) {
                split = splitAShard(client, settings.project);
            }
            List<Shard> eventShards = monitor.shards(EVENTS);
            Map<String, Long> in = monitor.recordsPerShard(EVENTS, eventShards);
            long totalIn = in.values().stream().mapToLong(Long::longValue).sum();
            List<TupleRecord> rows = monitor.newResults(STATS);
            totalOut += rows.size();
            int[] shards = TopicMonitor.shardCounts(eventShards);
            say(
                    "[%3d s] in %,9d (%,5d/s) | out %,5d rows (%4.1f/s) | %s shards: %d active, %d closed | lag %,d",
                    elapsed / 1000,
                    totalIn,
                    (totalIn - lastIn) / PROGRESS_EVERY.getSeconds(),
                    totalOut,
                    (totalOut - lastOut) / (double) PROGRESS_EVERY.getSeconds(),
                    EVENTS,
                    shards[0],
                    shards[1],
                    monitor.lag(EVENTS, subscriptionId, in));
            for (TupleRecord row : rows) {
                say("          %s", formatRow(row));
            }
            allResults.addAll(rows);
            lastIn = totalIn;
            lastOut = totalOut;
            if (!settings.forever && elapsed >= settings.duration.toMillis()) {
                break;
            }
        }
        say("Done: %,d click events in, %,d result rows out.", lastIn, totalOut);
    }

    private static boolean splitAShard(DataHubClient client, String project) {
        try {
            client.splitShard(project, EVENTS, "0");
            say(
                    "Split shard 0 of %s while the job runs; the source reads its children once it has read shard 0 to"
                            + " its end.",
                    EVENTS);
            return true;
        } catch (RuntimeException e) {
            say("Could not split shard 0 of %s (%s); will retry.", EVENTS, e.getMessage());
            return false;
        }
    }

    private static String formatRow(TupleRecord row) {
        return String.format(
                "window %s-%s  %-8s views %4d  clicks %4d  purchases %3d  revenue %9s  users %4d  "
                        + "avg %5d ms",
                time(row.getValue("window_start")),
                time(row.getValue("window_end")).substring(11),
                row.getValue("page"),
                row.getValue("view_count"),
                row.getValue("click_count"),
                row.getValue("purchase_count"),
                row.getValue("revenue"),
                row.getValue("unique_users"),
                row.getValue("avg_duration_ms"));
    }

    private static String time(Object micros) {
        if (!(micros instanceof Long)) {
            return String.valueOf(micros);
        }
        long m = (Long) micros;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(m, 1_000_000), 0, ZoneOffset.UTC)
                .format(TIME);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
