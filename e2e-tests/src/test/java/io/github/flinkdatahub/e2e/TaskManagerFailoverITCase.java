package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.e2e.harness.E2eEnvironment;
import io.github.flinkdatahub.e2e.harness.FlinkCluster;
import io.github.flinkdatahub.e2e.harness.ManagedProcess;
import io.github.flinkdatahub.e2e.harness.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TaskManager process is killed (SIGKILL) while a checkpointed job runs; the job restarts from
 * its last checkpoint and every input record is counted exactly once.
 *
 * <p>What is proven, given that the DataHub sink is at-least-once: the job computes per-second
 * windows over records with unique ids 0..N-1 (count, sum, min and max of the ids). Source
 * positions and window state are restored together from the last completed checkpoint, so after the
 * restart each window's totals are exact only if no record was lost and none was counted twice
 * across the failure. A window emitted before the kill but after that checkpoint is emitted again
 * after the restart: the sink may hold such a repeat, and it must be identical. So the check is:
 * every window is present, all copies of a window agree, and each holds exactly its 100 ids.
 */
class TaskManagerFailoverITCase extends GatewaySessionTestBase {

    private static final String PROJECT = "e2e_failover";
    private static final long BASE_MILLIS = 1_700_000_000_000L;
    private static final int WINDOWS = 30;
    private static final int PER_WINDOW = 100;

    private static RecordSchema events;

    @Test
    void jobSurvivesAKilledTaskManagerAndCountsEveryRecordExactlyOnce() {
        FlinkCluster cluster = env.cluster();
        events =
                RecordSchema.of(
                        new Field("id", FieldType.BIGINT, false),
                        new Field("ts", FieldType.TIMESTAMP));
        env.topics().createTupleTopic(PROJECT, "events", 2, events);
        env.topics()
                .createTupleTopic(
                        PROJECT,
                        "event_windows",
                        1,
                        RecordSchema.of(
                                new Field("window_start", FieldType.TIMESTAMP),
                                new Field("events", FieldType.BIGINT),
                                new Field("id_sum", FieldType.BIGINT),
                                new Field("min_id", FieldType.BIGINT),
                                new Field("max_id", FieldType.BIGINT)));
        session.execute(
                """
                CREATE TEMPORARY TABLE events (
                  id BIGINT,
                  ts TIMESTAMP(3),
                  WATERMARK FOR ts AS ts
                ) WITH (
                  'connector' = 'datahub', %s,
                  'project' = '%s', 'topic' = 'events',
                  'scan.startup.mode' = 'earliest'
                )"""
                        .formatted(env.connectionOptions(), PROJECT));
        session.execute(
                """
                CREATE TEMPORARY TABLE event_windows (
                  window_start TIMESTAMP(3), events BIGINT, id_sum BIGINT, min_id BIGINT, max_id BIGINT
                ) WITH (
                  'connector' = 'datahub', %s,
                  'project' = '%s', 'topic' = 'event_windows'
                )"""
                        .formatted(env.connectionOptions(), PROJECT));
        String jobId =
                session.executeInsert(
                        """
                INSERT INTO event_windows
                SELECT window_start, COUNT(*), SUM(id), MIN(id), MAX(id)
                FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                GROUP BY window_start, window_end""");
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(180));

        // First third of the input; wait until results flow and a checkpoint holds some state.
        writeWindows(0, WINDOWS / 3);
        env.topics()
                .awaitRecords(
                        PROJECT,
                        "event_windows",
                        "the first window results",
                        Duration.ofSeconds(120),
                        records -> records.size() >= 3);
        long checkpointsBefore = cluster.completedCheckpoints(jobId);
        Wait.untilTrue(
                "a checkpoint after the first results",
                Duration.ofSeconds(180),
                cluster::diagnostics,
                () -> cluster.completedCheckpoints(jobId) > checkpointsBefore);

        Set<String> runningTheJob = cluster.taskManagersOf(jobId);
        assertThat(runningTheJob).isNotEmpty();
        ManagedProcess victim = cluster.taskManagerProcess(runningTheJob.iterator().next());
        cluster.killTaskManager(victim);
        // The surviving TaskManager has enough slots for the job (parallelism 2, 2 slots each); a
        // replacement keeps the cluster at full size for the tests that follow.
        cluster.startTaskManager();
        Wait.untilTrue(
                "job " + jobId + " to notice the lost TaskManager and restart",
                Duration.ofSeconds(180),
                cluster::diagnostics,
                () -> cluster.failures(jobId) >= 1);
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(180));

        writeWindows(WINDOWS / 3, WINDOWS);
        // Event time past the last window in both shards closes it.
        for (String shard : List.of("0", "1")) {
            env.topics()
                    .write(
                            PROJECT,
                            "events",
                            shard,
                            List.of(
                                    TupleRecord.of(
                                            events,
                                            -1L,
                                            (BASE_MILLIS + (WINDOWS + 60) * 1000L) * 1000)));
        }
        List<TupleRecord> output =
                env.topics()
                        .awaitRecords(
                                PROJECT,
                                "event_windows",
                                "all " + WINDOWS + " windows",
                                Duration.ofSeconds(180),
                                records -> windows(records).size() >= WINDOWS);

        assertThat(cluster.jobState(jobId)).isEqualTo("RUNNING");
        Map<Long, Set<List<Object>>> byWindow = windows(output);
        assertThat(byWindow).hasSize(WINDOWS);
        for (int w = 0; w < WINDOWS; w++) {
            long start = (BASE_MILLIS + w * 1000L) * 1000;
            long first = (long) w * PER_WINDOW;
            long last = first + PER_WINDOW - 1;
            assertThat(byWindow.get(start))
                    .as("window %d (all copies the sink wrote)", w)
                    .containsExactly(
                            List.of(
                                    (long) PER_WINDOW,
                                    (first + last) * PER_WINDOW / 2,
                                    first,
                                    last));
        }
        cluster.awaitTaskManagers(E2eEnvironment.TASK_MANAGERS);
    }

    /** Window start (µs) to the distinct (events, id_sum, min_id, max_id) values written for it. */
    private static Map<Long, Set<List<Object>>> windows(List<TupleRecord> records) {
        return records.stream()
                .collect(
                        Collectors.groupingBy(
                                r -> (Long) r.getValue("window_start"),
                                TreeMap::new,
                                Collectors.mapping(
                                        r ->
                                                List.of(
                                                        r.getValue("events"),
                                                        r.getValue("id_sum"),
                                                        r.getValue("min_id"),
                                                        r.getValue("max_id")),
                                        Collectors.toSet())));
    }

    /**
     * Ids of windows [from, to): 10 ms apart in event time, even ids in shard 0, odd in shard 1.
     */
    private static void writeWindows(int from, int to) {
        for (int w = from; w < to; w++) {
            List<TupleRecord> even = new ArrayList<>();
            List<TupleRecord> odd = new ArrayList<>();
            for (int i = 0; i < PER_WINDOW; i++) {
                long id = (long) w * PER_WINDOW + i;
                TupleRecord record = TupleRecord.of(events, id, (BASE_MILLIS + id * 10) * 1000);
                (id % 2 == 0 ? even : odd).add(record);
            }
            env.topics().write(PROJECT, "events", "0", even);
            env.topics().write(PROJECT, "events", "1", odd);
        }
    }
}
