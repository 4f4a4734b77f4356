package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.e2e.harness.E2eEnvironment;
import io.github.flinkdatahub.e2e.harness.FlinkCluster;
import io.github.flinkdatahub.e2e.harness.SqlGatewayClient.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself: a multi-process cluster that runs SQL submitted through the gateway. */
class ClusterSmokeITCase extends GatewaySessionTestBase {

    @Test
    void clusterHasTwoTaskManagerProcessesWithAllSlots() {
        assertThat(env.cluster().taskManagers())
                .hasSize(E2eEnvironment.TASK_MANAGERS)
                .allSatisfy(tm -> assertThat(tm.isAlive()).isTrue());
        assertThat(env.cluster().restGet("overview").path("slots-total").asInt())
                .isEqualTo(E2eEnvironment.TASK_MANAGERS * FlinkCluster.SLOTS_PER_TASK_MANAGER);
    }

    @Test
    void boundedQueryThroughTheGatewayRunsOnTheCluster() {
        session.execute(
                """
                CREATE TEMPORARY TABLE numbers (n BIGINT) WITH (
                  'connector' = 'datagen',
                  'number-of-rows' = '100',
                  'fields.n.kind' = 'sequence',
                  'fields.n.start' = '1',
                  'fields.n.end' = '100'
                )""");

        List<Row> rows =
                session.query(
                        "SELECT SUM(n), COUNT(*) FROM numbers",
                        Integer.MAX_VALUE,
                        Duration.ofSeconds(120));

        // A streaming aggregate: the last change row holds the final value.
        Row last = rows.get(rows.size() - 1);
        assertThat(last.fields()).containsExactly("5050", "100");
        assertThat(env.cluster().restGet("jobs/overview").path("jobs").size()).isGreaterThan(0);
    }
}
