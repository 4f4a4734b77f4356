package io.github.flinkdatahub.client.operations;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.InternalServerException;
import io.github.flinkdatahub.client.model.CompressFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A retry policy bounded by time ({@link RetryPolicy#within}) rather than by a count. */
class TimeBoundedRetryTest extends OperationTestBase {

    private DataHubClient clientWith(RetryPolicy policy) {
        return DataHubClient.builder()
                .endpoint(server.endpoint())
                .credentials(ACCESS_ID, ACCESS_KEY)
                .wireMode(WireMode.JSON)
                .compression(CompressFormat.NONE)
                .retryPolicy(policy)
                .build();
    }

    @Test
    void retriesAsOftenAsNeededWithinTheTime() {
        // More failures than any count-based default; the time bound (a hang guard here) allows
        // them all, since the backoffs add up to a few milliseconds.
        for (int i = 0; i < 12; i++) {
            server.respond(502, "text/html", "<html>bad gateway</html>".getBytes());
        }
        server.respondFixture(200, "projects.json");
        try (DataHubClient c =
                clientWith(
                        RetryPolicy.within(
                                Duration.ofMinutes(2),
                                Duration.ofMillis(1),
                                Duration.ofMillis(2)))) {
            assertThat(c.listProject().getProjectNames()).hasSize(3);
        }
        assertThat(server.requests()).hasSize(13);
    }

    @Test
    void noTimeMeansNoRetry() {
        server.respond(502, "text/html", "<html>bad gateway</html>".getBytes());
        server.respondFixture(200, "projects.json");
        try (DataHubClient c =
                clientWith(
                        RetryPolicy.within(
                                Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2)))) {
            assertThatThrownBy(c::listProject).isInstanceOf(InternalServerException.class);
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRetryRunsOnlyIfItStartsWithinTheTimeOfTheFirstTry() {
        RetryPolicy p =
                RetryPolicy.within(
                        Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5));

        assertThat(p.allowsRetry(1_000, 900, 100)).isTrue();
        assertThat(p.allowsRetry(1, 901, 100)).isFalse();
        assertThat(p.getMaxElapsed()).isEqualTo(Duration.ofSeconds(1));
        // A count-bounded policy ignores time.
        RetryPolicy counted = RetryPolicy.of(2, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertThat(counted.allowsRetry(2, Long.MAX_VALUE / 2, 100)).isTrue();
        assertThat(counted.allowsRetry(3, 0, 100)).isFalse();
        assertThat(counted.getMaxElapsed()).isNull();
    }
}
