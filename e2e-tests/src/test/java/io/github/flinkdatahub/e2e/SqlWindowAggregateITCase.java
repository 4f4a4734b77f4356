package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A SQL job submitted through the SQL Gateway: tuple topic in, windowed aggregate out. */
class SqlWindowAggregateITCase extends GatewaySessionTestBase {

    private static final String PROJECT = "e2e_aggregate";
    private static final String[] USERS = {"alice", "bob", "carol"};

    /** Aligned to the 10 s windows. */
    private static final long BASE_MILLIS = 1_700_000_000_000L;

    private static final int ORDERS = 60;

    @Test
    void tumblingWindowAggregateOfATupleTopicLandsInAnotherTopic() {
        RecordSchema orders =
                RecordSchema.of(
                        new Field("order_id", FieldType.BIGINT, false),
                        new Field("user_name", FieldType.STRING),
                        new Field("amount", FieldType.DOUBLE),
                        new Field("ts", FieldType.TIMESTAMP));
        env.topics().createTupleTopic(PROJECT, "orders", 2, orders);
        env.topics()
                .createTupleTopic(
                        PROJECT,
                        "user_totals",
                        1,
                        RecordSchema.of(
                                new Field("window_start", FieldType.TIMESTAMP),
                                new Field("user_name", FieldType.STRING),
                                new Field("order_count", FieldType.BIGINT),
                                new Field("total", FieldType.DOUBLE)));
        // Order i: every 500 ms of event time, 60 orders over three 10 s windows, both shards.
        Map<String, List<TupleRecord>> byShard = new TreeMap<>();
        Map<String, double[]> expected = new TreeMap<>();
        for (int i = 0; i < ORDERS; i++) {
            long ts = BASE_MILLIS + i * 500L;
            String user = USERS[i % USERS.length];
            byShard.computeIfAbsent(String.valueOf(i % 2), k -> new ArrayList<>())
                    .add(TupleRecord.of(orders, (long) i, user, (double) i, ts * 1000));
            double[] countAndTotal =
                    expected.computeIfAbsent(
                            (ts - ts % 10_000) * 1000 + "/" + user, k -> new double[2]);
            countAndTotal[0]++;
            countAndTotal[1] += i;
        }
        byShard.forEach((shard, records) -> env.topics().write(PROJECT, "orders", shard, records));
        // A later order in every shard moves both shards' watermarks past the three windows.
        for (String shard : byShard.keySet()) {
            env.topics()
                    .write(
                            PROJECT,
                            "orders",
                            shard,
                            List.of(
                                    TupleRecord.of(
                                            orders,
                                            -1L,
                                            "late",
                                            0.0,
                                            (BASE_MILLIS + 120_000) * 1000)));
        }

        session.execute(
                """
                CREATE TEMPORARY TABLE orders (
                  order_id BIGINT,
                  user_name STRING,
                  amount DOUBLE,
                  ts TIMESTAMP(3),
                  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
                ) WITH (
                  'connector' = 'datahub', %s,
                  'project' = '%s', 'topic' = 'orders',
                  'scan.startup.mode' = 'earliest'
                )"""
                        .formatted(env.connectionOptions(), PROJECT));
        session.execute(
                """
                CREATE TEMPORARY TABLE user_totals (
                  window_start TIMESTAMP(3),
                  user_name STRING,
                  order_count BIGINT,
                  total DOUBLE
                ) WITH (
                  'connector' = 'datahub', %s,
                  'project' = '%s', 'topic' = 'user_totals'
                )"""
                        .formatted(env.connectionOptions(), PROJECT));
        String jobId =
                session.executeInsert(
                        """
                INSERT INTO user_totals
                SELECT window_start, user_name, COUNT(*), SUM(amount)
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                GROUP BY window_start, window_end, user_name""");

        List<TupleRecord> output =
                env.topics()
                        .awaitRecords(
                                PROJECT,
                                "user_totals",
                                expected.size() + " window totals",
                                Duration.ofSeconds(120),
                                records -> records.size() >= expected.size());

        assertThat(env.cluster().jobState(jobId)).isEqualTo("RUNNING");
        Map<String, double[]> actual =
                output.stream()
                        .collect(
                                Collectors.toMap(
                                        r ->
                                                r.getValue("window_start")
                                                        + "/"
                                                        + r.getValue("user_name"),
                                        r ->
                                                new double[] {
                                                    (Long) r.getValue("order_count"),
                                                    (Double) r.getValue("total")
                                                },
                                        (a, b) -> a,
                                        TreeMap::new));
        assertThat(output).hasSize(expected.size());
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (key, value) -> assertThat(actual.get(key)).as(key).containsExactly(value));
    }
}
