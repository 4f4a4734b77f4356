package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import io.github.flinkdatahub.connector.sink.writer.PutFailureClassifier.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Settles the answer to a put: acknowledges what was written, hands what was refused to the retries
 * (re-routing after a closed shard, sending fewer puts at once after throttling) or fails the job.
 */
@Internal
final class PutResults {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    private final WriterTopic topic;
    private final InFlightLimiter limiter;
    private final RetryScheduler retries;
    private final DataHubSinkWriterMetrics metrics;
    private final WriterStatus status;

    /** Runs after each answer was settled: room in flight may let more batches go. */
    private final Runnable afterAnswer;

    PutResults(
            WriterTopic topic,
            InFlightLimiter limiter,
            RetryScheduler retries,
            DataHubSinkWriterMetrics metrics,
            WriterStatus status,
            Runnable afterAnswer) {
        this.topic = topic;
        this.limiter = limiter;
        this.retries = retries;
        this.metrics = metrics;
        this.status = status;
        this.afterAnswer = afterAnswer;
    }

    /** Runs on the task thread for every put sent, whatever its answer. */
    void settle(
            ShardLanes.Lane lane,
            @Nullable String shardId,
            List<PendingRecord> batch,
            long bytes,
            long started,
            @Nullable PutRecordsResult result,
            @Nullable Throwable error) {
        limiter.answered();
        if (status.stopped()) {
            return;
        }
        metrics.sendTime(System.currentTimeMillis() - started);
        boolean retrying;
        if (error != null) {
            putFailed(lane.routedPut, shardId, batch, PutFailureClassifier.cause(error));
            retrying = true;
        } else if (result == null || result.isAllSucceeded()) {
            metrics.acknowledged(batch.size(), bytes);
            limiter.succeeded();
            retrying = false;
        } else {
            retrying = partlyFailed(batch, result);
        }
        if (!retrying) {
            // A batch being retried keeps its lane until the retry goes first.
            lane.released();
        }
        afterAnswer.run();
    }

    /**
     * A routed put wrote some records and refused others: retry only those. True when some are
     * retried.
     */
    private boolean partlyFailed(List<PendingRecord> batch, PutRecordsResult result) {
        boolean[] refused = new boolean[batch.size()];
        List<PendingRecord> retry = new ArrayList<>();
        boolean throttled = false;
        String lastError = null;
        for (FailedRecord f : result.getFailedRecords()) {
            int i = f.getIndex();
            if (i < 0 || i >= batch.size() || refused[i]) {
                throw status.fail(
                        new DataHubSinkException(
                                "DataHub answered a put to topic "
                                        + topic.path
                                        + " of "
                                        + batch.size()
                                        + " records with a failure for record index "
                                        + i
                                        + ": "
                                        + f));
            }
            refused[i] = true;
            PendingRecord p = batch.get(i);
            lastError = "[" + f.getErrorCode() + "] " + f.getErrorMessage();
            Action action = PutFailureClassifier.classify(f, p.record);
            if (action == Action.FAIL) {
                metrics.refused(1);
                throw status.fail(
                        new DataHubSinkException(
                                "DataHub refused a record of topic "
                                        + topic.path
                                        + ": "
                                        + lastError
                                        + ". Record: "
                                        + ErrorDetails.describe(p.record)));
            }
            if (action == Action.REROUTE) {
                topic.shards.markStale();
            }
            throttled |= action == Action.RETRY_THROTTLED;
            retry.add(p);
        }
        long ackedBytes = 0;
        int acked = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (!refused[i]) {
                acked++;
                ackedBytes += batch.get(i).bytes;
            }
        }
        metrics.acknowledged(acked, ackedBytes);
        metrics.refused(retry.size());
        if (throttled) {
            throttled();
        }
        if (retry.isEmpty()) {
            return false;
        }
        retries.schedule(true, retry, lastError, false);
        return true;
    }

    private void putFailed(
            boolean routedPut,
            @Nullable String shardId,
            List<PendingRecord> batch,
            DataHubException e) {
        metrics.refused(batch.size());
        switch (PutFailureClassifier.classify(e, routedPut)) {
            case REROUTE:
                LOG.info(
                        "Put of {} records to shard {} of DataHub topic {} found it closed or gone ({}); refreshing the"
                                + " shard list and re-routing",
                        batch.size(),
                        shardId,
                        topic.path,
                        e.getErrorMessage());
                topic.shards.markStale();
                if (shardId != null) {
                    topic.router.shardClosed(shardId);
                }
                retries.schedule(routedPut, batch, e.getMessage(), true);
                return;
            case RETRY_THROTTLED:
                throttled();
                retries.schedule(routedPut, batch, e.getMessage(), false);
                return;
            case RETRY:
                retries.schedule(routedPut, batch, e.getMessage(), false);
                return;
            default:
                throw status.fail(
                        new DataHubSinkException(
                                "Writing "
                                        + batch.size()
                                        + " records to DataHub topic "
                                        + topic.path
                                        + (shardId == null ? "" : " shard " + shardId)
                                        + " failed: "
                                        + e.getMessage()
                                        + ErrorDetails.hint(topic, e)
                                        + (batch.size() == 1
                                                ? ". Record: "
                                                        + ErrorDetails.describe(batch.get(0).record)
                                                : ""),
                                e));
        }
    }

    private void throttled() {
        metrics.throttled();
        limiter.throttled();
    }
}
