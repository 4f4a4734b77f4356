package io.github.flinkdatahub.emulator.durability;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.cli.EmulatorProcess;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.flinkdatahub.emulator.durability.DurableState.EVENTS;
import static io.github.flinkdatahub.emulator.durability.DurableState.PROJECT;
import static io.github.flinkdatahub.emulator.durability.DurableState.SHARDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable emulator killed with SIGKILL (no shutdown hook, no store close) and restarted on its
 * data directory: everything it acknowledged is there, with the same sequences.
 */
class KillDurabilityTest {
    @TempDir Path tmp;

    @Test
    void acknowledgedRecordsSurviveKill9WithTheirSequences() {
        Map<String, List<Long>> written =
                killAfter(
                        client -> {
                            DurableState.createProjectsAndTopics(client);
                            return DurableState.putRecords(client, 200, 20);
                        });
        restartAndStop(
                client -> {
                    DurableState.assertRecords(client, written);
                    DurableState.assertProjectsAndTopics(client);
                    client.putRecordsByShard(
                            PROJECT, EVENTS, "2", List.of(DurableState.record(9999)));
                    written.get("2").add(9999L);
                    DurableState.assertRecords(client, written);
                });
        restartAndStop(client -> DurableState.assertRecords(client, written));
    }

    @Test
    void everyRecordAcknowledgedBeforeTheKillIsThereAfterIt() throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        try (EmulatorProcess p = EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data())) {
            String endpoint = p.awaitReady();
            try (DataHubClient setup = p.client(endpoint)) {
                DurableState.createProjectsAndTopics(setup);
            }
            AtomicLong ids = new AtomicLong();
            for (String shard : SHARDS) {
                Thread t =
                        new Thread(
                                () ->
                                        writeUntilFailure(
                                                p.client(endpoint), shard, ids, acknowledged));
                writers.add(t);
                t.start();
            }
            Wait.until(
                    "600 records are acknowledged (or every writer failed)",
                    () ->
                            acknowledged.size() >= 600
                                    || writers.stream().noneMatch(Thread::isAlive));
            // Killed while the writers still have puts in flight.
            assertThat(p.kill()).isEqualTo(EmulatorProcess.KILLED);
            for (Thread t : writers) {
                t.join(60_000);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(600);
        restartAndStop(
                client -> {
                    Set<Long> stored = ConcurrentHashMap.newKeySet();
                    for (String shard : SHARDS) {
                        List<Record> records = TopicContents.shard(client, PROJECT, EVENTS, shard);
                        for (int i = 0; i < records.size(); i++) {
                            assertThat(records.get(i).getSequence())
                                    .as("dense sequences in shard %s", shard)
                                    .isEqualTo(i);
                            long id = (Long) ((TupleRecord) records.get(i)).getValue("id");
                            assertThat(stored.add(id)).as("record %d stored once", id).isTrue();
                        }
                    }
                    // Puts answered before the kill must be there; ones cut off may or may not be.
                    assertThat(stored).containsAll(acknowledged);
                });
    }

    @Test
    void projectsTopicsSubscriptionsOffsetsAndConnectorsSurviveKill9() {
        DurableState.Created created =
                killAfter(
                        client -> {
                            DurableState.createProjectsAndTopics(client);
                            DurableState.putRecords(client, 10, 10);
                            return DurableState.createSubscriptionAndConnector(client);
                        });
        restartAndStop(
                client -> {
                    DurableState.assertProjectsAndTopics(client);
                    DurableState.assertSubscriptionAndConnector(client, created);
                });
    }

    private static void writeUntilFailure(
            DataHubClient client, String shard, AtomicLong ids, Set<Long> acknowledged) {
        try (client) {
            while (true) {
                List<TupleRecord> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    batch.add(DurableState.record(ids.getAndIncrement()));
                }
                client.putRecordsByShard(PROJECT, EVENTS, shard, batch);
                batch.forEach(r -> acknowledged.add((Long) r.getValue("id")));
            }
        } catch (RuntimeException expected) {
            // the emulator was killed
        }
    }

    /** Runs {@code work} against a fresh emulator process, then kills it with SIGKILL. */
    private <T> T killAfter(Function<DataHubClient, T> work) {
        try (EmulatorProcess p = EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data())) {
            T result;
            try (DataHubClient client = p.client(p.awaitReady())) {
                result = work.apply(client);
            }
            assertThat(p.kill()).isEqualTo(EmulatorProcess.KILLED);
            return result;
        }
    }

    /**
     * Runs {@code check} against an emulator process restarted on the data directory, then stops
     * it.
     */
    private void restartAndStop(Consumer<DataHubClient> check) {
        try (EmulatorProcess p = EmulatorProcess.start(tmp, "--port", "0", "--data-dir", data())) {
            try (DataHubClient client = p.client(p.awaitReady())) {
                check.accept(client);
            }
            assertThat(p.terminate()).isIn(EmulatorProcess.CLEAN_STOP);
        }
    }

    private String data() {
        return tmp.resolve("data").toString();
    }
}
