package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_RETRIES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_TIMEOUT;

/**
 * Hands refused records back to the writer after the backoff of the sink's {@link RetryPolicy}, or
 * fails the job once a record has used up the retry budget. Records waiting still count as pending.
 */
@Internal
final class RetryScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    /** Time as the scheduler sees it; tests replace it to fire backoffs at will. */
    interface Clock {
        long nanoTime();

        /** Runs {@code action} on the task thread after {@code delayMillis}. */
        void runLater(long delayMillis, Runnable action, String description);
    }

    /** Where due records go: back in front of their buffer, to be sent at once. */
    interface Resend {
        void resend(boolean routedPut, List<PendingRecord> batch);
    }

    private final String topicPath;
    private final RetryPolicy policy;
    private final Duration retryTimeout;
    private final Clock clock;
    private final DataHubSinkWriterMetrics metrics;
    private final WriterStatus status;
    private final Resend resend;
    private int waitingRecords;
    private long waitingBytes;

    RetryScheduler(
            String topicPath,
            WriterConfig config,
            Clock clock,
            DataHubSinkWriterMetrics metrics,
            WriterStatus status,
            Resend resend) {
        this.topicPath = topicPath;
        this.policy = config.retryPolicy();
        this.retryTimeout = config.retryTimeout();
        this.clock = clock;
        this.metrics = metrics;
        this.status = status;
        this.resend = resend;
    }

    /** Real time, with due records handed to the task thread through its mailbox. */
    static Clock onTaskThread(WriterMailbox mailbox) {
        return new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void runLater(long delayMillis, Runnable action, String description) {
                mailbox.executeLater(delayMillis, action, description);
            }
        };
    }

    /**
     * Sends the records again after a backoff, or fails the job when one of them has used up the
     * retry budget. {@code quick}: the failure was a closed shard, re-routing needs no long wait.
     */
    void schedule(boolean routedPut, List<PendingRecord> batch, String reason, boolean quick) {
        long now = clock.nanoTime();
        int retries = 0;
        long bytes = 0;
        for (PendingRecord p : batch) {
            if (p.retries == 0) {
                p.firstFailureNanos = now;
            }
            p.retries++;
            long failingFor = TimeUnit.NANOSECONDS.toMillis(now - p.firstFailureNanos);
            if (p.retries > policy.getMaxRetries() || failingFor > retryTimeout.toMillis()) {
                throw status.fail(
                        new DataHubSinkException(
                                "Gave up writing "
                                        + batch.size()
                                        + " records to DataHub topic "
                                        + topicPath
                                        + ": a record failed "
                                        + p.retries
                                        + " times over "
                                        + failingFor
                                        + " ms (limits: "
                                        + SINK_RETRY_MAX_RETRIES.key()
                                        + "="
                                        + policy.getMaxRetries()
                                        + ", "
                                        + SINK_RETRY_TIMEOUT.key()
                                        + "="
                                        + retryTimeout
                                        + "). Last error: "
                                        + reason));
            }
            retries = Math.max(retries, p.retries);
            bytes += p.bytes;
        }
        metrics.retried(batch.size());
        long delay = quick ? policy.getInitialBackoff().toMillis() : policy.backoffMillis(retries);
        waitingRecords += batch.size();
        waitingBytes += bytes;
        long waiting = bytes;
        LOG.debug(
                "Retrying {} records for {} in {} ms (retry {}): {}",
                batch.size(),
                topicPath,
                delay,
                retries,
                reason);
        clock.runLater(
                delay,
                () -> {
                    waitingRecords -= batch.size();
                    waitingBytes -= waiting;
                    if (!status.stopped()) {
                        resend.resend(routedPut, batch);
                    }
                },
                "DataHub retry of " + batch.size() + " records");
    }

    int waitingRecords() {
        return waitingRecords;
    }

    long waitingBytes() {
        return waitingBytes;
    }
}
