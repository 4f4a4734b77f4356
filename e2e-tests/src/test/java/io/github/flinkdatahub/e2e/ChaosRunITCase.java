package io.github.flinkdatahub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.e2e.harness.E2eEnvironment;
import io.github.flinkdatahub.e2e.harness.E2ePaths;
import io.github.flinkdatahub.e2e.harness.EmulatorProcess;
import io.github.flinkdatahub.e2e.harness.FlinkCluster;
import io.github.flinkdatahub.e2e.harness.Wait;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos run: a checkpointed job reads a topic with the source and writes each record twice - to
 * files committed with checkpoints (exactly-once) and to another topic with the DataHub sink
 * (at-least-once) - while the test kills -9 and restarts the durable emulator twice on its data
 * directory, kills a TaskManager, splits and merges shards of both topics, and the emulator
 * throttles 10 % of all requests.
 *
 * <p>The input is written in rounds, each acknowledged before the next disruption, so the test
 * knows exactly what was written. What is asserted does not depend on timing: at the end the
 * committed files hold every input id exactly once (a loss or a duplicate across a restart of the
 * job or of the emulator shows as a missing or repeated id), and the sink's topic holds every id at
 * least once.
 */
class ChaosRunITCase extends GatewaySessionTestBase {

    private static final String PROJECT = "e2e_chaos";
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 500;
    private static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT, false),
                    new Field("payload", FieldType.STRING));
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorProcess emulator;
    private DataHubClient client;

    @Test
    void everyRecordIsWrittenOnceThroughEmulatorCrashesALostTaskManagerReshardingAndThrottling()
            throws IOException {
        Path dataDir = E2ePaths.workDir().resolve("chaos-emulator-data");
        Path outputDir = E2ePaths.workDir().resolve("chaos-output");
        deleteRecursively(dataDir);
        deleteRecursively(outputDir);
        emulator =
                EmulatorProcess.startDurable(
                        E2ePaths.emulatorJar(),
                        E2ePaths.workDir(),
                        E2ePaths.logsDir(),
                        dataDir,
                        "{\"throttleRate\":0.1}");
        // One client for the whole run: the endpoint survives restarts, and a request that meets
        // a crash or a throttle is retried for up to a minute.
        client =
                DataHubClient.builder()
                        .endpoint(emulator.endpoint())
                        .credentials(EmulatorProcess.ACCESS_ID, EmulatorProcess.ACCESS_KEY)
                        .retryPolicy(
                                RetryPolicy.within(
                                        Duration.ofMinutes(1),
                                        Duration.ofMillis(100),
                                        Duration.ofSeconds(1)))
                        .build();
        try {
            run(outputDir);
        } finally {
            client.close();
            emulator.close();
        }
    }

    private void run(Path outputDir) {
        FlinkCluster cluster = env.cluster();
        client.createProject(PROJECT, "e2e chaos run");
        for (String topic : List.of("input", "copy")) {
            client.createTupleTopic(PROJECT, topic, 2, 1, SCHEMA, "e2e chaos " + topic);
            client.waitShardsReady(PROJECT, topic);
        }
        // The job's requests ride out an emulator restart too, as a user would configure it for a
        // service that can be away for a while; a TaskManager's loss restarts the job instead.
        String connection =
                "'connector' = 'datahub', 'endpoint' = '%s', 'access-id' = '%s', 'access-key' = '%s',"
                                .formatted(
                                        emulator.endpoint(),
                                        EmulatorProcess.ACCESS_ID,
                                        EmulatorProcess.ACCESS_KEY)
                        + " 'project' = '"
                        + PROJECT
                        + "', 'client.retry.timeout' = '60 s'";
        session.execute(
                """
                CREATE TEMPORARY TABLE chaos_input (id BIGINT, payload STRING) WITH (
                  %s, 'topic' = 'input', 'scan.startup.mode' = 'earliest'
                )"""
                        .formatted(connection));
        session.execute(
                """
                CREATE TEMPORARY TABLE chaos_copy (id BIGINT, payload STRING) WITH (
                  %s, 'topic' = 'copy'
                )"""
                        .formatted(connection));
        // Row-format part files roll after a second and are committed by the next checkpoint.
        session.execute(
                """
                CREATE TEMPORARY TABLE chaos_files (id BIGINT, payload STRING) WITH (
                  'connector' = 'filesystem', 'path' = '%s', 'format' = 'json',
                  'sink.rolling-policy.rollover-interval' = '1 s',
                  'sink.rolling-policy.check-interval' = '1 s'
                )"""
                        .formatted(outputDir.toUri()));
        String jobId =
                session.executeInsert(
                        """
                EXECUTE STATEMENT SET BEGIN
                  INSERT INTO chaos_files SELECT id, payload FROM chaos_input;
                  INSERT INTO chaos_copy SELECT id, payload FROM chaos_input;
                END""");
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(180));

        writeRound(0);
        awaitCommittedIds(outputDir, "the first round's records committed", PER_ROUND);

        writeRound(1);
        emulator = emulator.killAndRestart();

        writeRound(2);
        splitFirstActiveShard("input");
        splitFirstActiveShard("copy");

        writeRound(3);
        int failuresBefore = cluster.failures(jobId);
        String victim = cluster.taskManagersOf(jobId).iterator().next();
        cluster.killTaskManager(cluster.taskManagerProcess(victim));
        cluster.startTaskManager();
        Wait.untilTrue(
                "job " + jobId + " to restart after losing a TaskManager",
                Duration.ofSeconds(180),
                cluster::diagnostics,
                () -> cluster.failures(jobId) > failuresBefore);

        writeRound(4);
        mergeTheSplitShards("input");
        mergeTheSplitShards("copy");

        writeRound(5);
        emulator = emulator.killAndRestart();

        int total = ROUNDS * PER_ROUND;
        Map<Long, Long> committed =
                awaitCommittedIds(outputDir, "all " + total + " input records committed", total);
        assertThat(committed.keySet()).hasSize(total).allMatch(id -> id >= 0 && id < total);
        assertThat(committed.entrySet())
                .as("ids the committed files hold more than once")
                .filteredOn(e -> e.getValue() != 1)
                .isEmpty();

        Wait.untilTrue(
                "every input id in the sink's topic",
                Duration.ofSeconds(180),
                cluster::diagnostics,
                () -> copiedIds().size() == total);
        assertThat(copiedIds()).hasSize(total).allMatch(id -> id >= 0 && id < total);
        // One in ten requests is throttled at random: the running job's polling meets one soon.
        Wait.untilTrue(
                "the restarted emulator to throttle a request",
                Duration.ofSeconds(120),
                emulator.process()::diagnostics,
                () -> emulator.throttledRequests() > 0);
        assertThat(cluster.jobState(jobId)).isEqualTo("RUNNING");
        cluster.awaitTaskManagers(E2eEnvironment.TASK_MANAGERS);
    }

    /** Ids {@code round * PER_ROUND ..} spread over the topic's active shards, acknowledged. */
    private void writeRound(int round) {
        List<String> shards = activeShards("input");
        List<List<TupleRecord>> perShard = new ArrayList<>();
        shards.forEach(shard -> perShard.add(new ArrayList<>()));
        for (int i = 0; i < PER_ROUND; i++) {
            long id = (long) round * PER_ROUND + i;
            perShard.get(i % shards.size()).add(TupleRecord.of(SCHEMA, id, "record " + id));
        }
        for (int s = 0; s < shards.size(); s++) {
            client.putRecordsByShard(PROJECT, "input", shards.get(s), perShard.get(s));
        }
    }

    private void splitFirstActiveShard(String topic) {
        client.splitShard(PROJECT, topic, activeShards(topic).get(0));
        client.waitShardsReady(PROJECT, topic);
    }

    /** Merges the two children of the earlier split back into one shard. */
    private void mergeTheSplitShards(String topic) {
        List<Shard> children =
                client.listShard(PROJECT, topic).getShards().stream()
                        .filter(s -> s.getState() == ShardState.ACTIVE)
                        .filter(s -> !s.getParentShardIds().isEmpty())
                        .sorted(Comparator.comparing(Shard::getBeginHashKey))
                        .collect(Collectors.toList());
        assertThat(children).as("the children of the split in " + topic).hasSize(2);
        client.mergeShard(
                PROJECT, topic, children.get(0).getShardId(), children.get(1).getShardId());
        client.waitShardsReady(PROJECT, topic);
    }

    private List<String> activeShards(String topic) {
        return client.listShard(PROJECT, topic).getShards().stream()
                .filter(s -> s.getState() == ShardState.ACTIVE)
                .map(Shard::getShardId)
                .sorted()
                .collect(Collectors.toList());
    }

    private Set<Long> copiedIds() {
        return TopicContents.all(client, PROJECT, "copy").stream()
                .map(r -> (Long) ((TupleRecord) r).getValue("id"))
                .collect(Collectors.toSet());
    }

    /** Waits until the committed part files hold {@code count} distinct ids; id -> occurrences. */
    private static Map<Long, Long> awaitCommittedIds(Path dir, String what, int count) {
        return Wait.until(
                what + " in " + dir,
                Duration.ofSeconds(240),
                () -> env.cluster().diagnostics(),
                () -> {
                    Map<Long, Long> ids = committedIds(dir);
                    return ids.size() >= count ? Optional.of(ids) : Optional.empty();
                });
    }

    /**
     * Id -> how often it occurs in the committed part files; in-progress and pending files are
     * hidden (their names start with a dot) until a checkpoint commits them.
     */
    private static Map<Long, Long> committedIds(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> committed =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .collect(Collectors.toList());
            Map<Long, Long> ids = new TreeMap<>();
            for (Path file : committed) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode row = JSON.readTree(line);
                        long id = row.path("id").asLong();
                        assertThat(row.path("payload").asText()).isEqualTo("record " + id);
                        ids.merge(id, 1L, Long::sum);
                    }
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
