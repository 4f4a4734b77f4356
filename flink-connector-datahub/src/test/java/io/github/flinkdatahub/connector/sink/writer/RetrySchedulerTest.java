package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry scheduler on a clock the test moves: backoffs, the budget, what waits meanwhile. */
class RetrySchedulerTest {
    private static final int MAX_RETRIES = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final long INITIAL_MS = 10;
    private static final long MAX_MS = 100;

    private final ManualClock clock = new ManualClock();
    private final WriterStatus status = new WriterStatus("p/t");
    private final DataHubSinkWriterMetrics metrics =
            new DataHubSinkWriterMetrics(
                    UnregisteredMetricsGroup.createSinkWriterMetricGroup(), () -> 0, () -> 0);
    private final List<List<PendingRecord>> resent = new ArrayList<>();
    private final RetryScheduler retries =
            new RetryScheduler(
                    "p/t",
                    TestWriterConfigs.retrying(
                            MAX_RETRIES,
                            TIMEOUT,
                            Duration.ofMillis(INITIAL_MS),
                            Duration.ofMillis(MAX_MS)),
                    clock,
                    metrics,
                    status,
                    (routedPut, batch) -> resent.add(batch));

    @Test
    void refusedRecordsWaitForTheirBackoffAndComeBackInOrder() {
        List<PendingRecord> batch = List.of(record(3), record(4));
        retries.schedule(true, batch, "throttled", false);

        assertThat(resent).isEmpty();
        assertThat(retries.waitingRecords()).isEqualTo(2);
        assertThat(retries.waitingBytes()).isEqualTo(7);
        assertThat(metrics.retriesCount()).isEqualTo(2);

        clock.runDue();
        assertThat(resent).containsExactly(batch);
        assertThat(retries.waitingRecords()).isZero();
        assertThat(retries.waitingBytes()).isZero();
    }

    @Test
    void theBackoffDoublesPerRetryOfTheSameRecordUpToTheMaximum() {
        PendingRecord r = record(1);
        for (int retry = 1; retry <= MAX_RETRIES; retry++) {
            retries.schedule(false, List.of(r), "busy", false);
            long exp = Math.min(MAX_MS, INITIAL_MS << (retry - 1));
            // Equal jitter: at least half of the exponential delay, at most all of it.
            assertThat(clock.lastDelayMillis).isBetween(exp / 2, exp);
            clock.runDue();
        }
        assertThat(resent).hasSize(MAX_RETRIES);
    }

    @Test
    void aClosedShardIsRetriedAfterTheInitialBackoffOnly() {
        PendingRecord r = record(1);
        r.retries = 4;
        retries.schedule(false, List.of(r), "shard sealed", true);
        assertThat(clock.lastDelayMillis).isEqualTo(INITIAL_MS);
    }

    @Test
    void aRecordRefusedMoreOftenThanMaxRetriesFailsTheJobNamingTheLimits() {
        PendingRecord r = record(1);
        for (int retry = 1; retry <= MAX_RETRIES; retry++) {
            retries.schedule(true, List.of(r), "busy", false);
            clock.runDue();
        }
        assertThatThrownBy(() -> retries.schedule(true, List.of(r), "still busy", false))
                .isInstanceOf(DataHubSinkException.class)
                .hasMessageContaining("Gave up writing 1 records to DataHub topic p/t")
                .hasMessageContaining("failed 6 times")
                .hasMessageContaining("sink.retry.max-retries=5")
                .hasMessageContaining("Last error: still busy");
        assertThat(status.failed()).isTrue();
        assertThat(resent).hasSize(MAX_RETRIES);
    }

    @Test
    void aRecordFailingLongerThanTheRetryTimeoutFailsTheJob() {
        PendingRecord r = record(1);
        retries.schedule(true, List.of(r), "busy", false);
        clock.runDue();
        // The first failure was one backoff (MAX_MS) and the whole timeout ago, plus 1 ms.
        clock.nanos += TIMEOUT.toNanos() + TimeUnit.MILLISECONDS.toNanos(1);
        long failingFor = MAX_MS + TIMEOUT.toMillis() + 1;
        assertThatThrownBy(() -> retries.schedule(true, List.of(r), "busy", false))
                .isInstanceOf(DataHubSinkException.class)
                .hasMessageContaining("failed 2 times over " + failingFor + " ms")
                .hasMessageContaining("sink.retry.timeout=PT1M");
    }

    @Test
    void aStoppedWriterDropsDueRetriesButNoLongerCountsThemAsWaiting() {
        retries.schedule(true, List.of(record(2)), "busy", false);
        status.close();
        clock.runDue();
        assertThat(resent).isEmpty();
        assertThat(retries.waitingRecords()).isZero();
        assertThat(retries.waitingBytes()).isZero();
    }

    private static PendingRecord record(long bytes) {
        return new PendingRecord(BlobRecord.of(new byte[] {1}), bytes);
    }

    /** Time stands still until a test moves it; scheduled actions run when the test says. */
    private static final class ManualClock implements RetryScheduler.Clock {
        long nanos = 1_000_000_000L;
        long lastDelayMillis = -1;
        private final List<Runnable> scheduled = new ArrayList<>();

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void runLater(long delayMillis, Runnable action, String description) {
            lastDelayMillis = delayMillis;
            scheduled.add(action);
        }

        /** Moves time past every backoff scheduled so far and runs their actions. */
        void runDue() {
            List<Runnable> due = new ArrayList<>(scheduled);
            scheduled.clear();
            nanos += TimeUnit.MILLISECONDS.toNanos(MAX_MS);
            due.forEach(Runnable::run);
        }
    }
}
