package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a lane's batches as DataHub puts, routed by the service or to one shard, and hands each
 * answer to {@link PutResults} on the task thread.
 */
@Internal
final class PutRequests {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    private final DataHubClient client;
    private final WriterTopic topic;
    private final InFlightLimiter limiter;
    private final RetryScheduler retries;
    private final PutResults results;
    private final WriterStatus status;
    private final WriterMailbox mailbox;

    PutRequests(
            DataHubClient client,
            WriterTopic topic,
            InFlightLimiter limiter,
            RetryScheduler retries,
            PutResults results,
            WriterStatus status,
            WriterMailbox mailbox) {
        this.client = client;
        this.topic = topic;
        this.limiter = limiter;
        this.retries = retries;
        this.results = results;
        this.status = status;
        this.mailbox = mailbox;
    }

    void send(ShardLanes.Lane lane, List<PendingRecord> batch) {
        boolean routedPut = lane.routedPut;
        String shardId = null;
        if (!routedPut) {
            try {
                shardId = topic.router.shardForNextRequest();
            } catch (DataHubException e) {
                throw status.fail(
                        new DataHubSinkException(
                                "Listing the shards of DataHub topic "
                                        + topic.path
                                        + " failed: "
                                        + e.getMessage()
                                        + ErrorDetails.hint(topic, e),
                                e));
            }
            if (shardId == null) {
                topic.shards.markStale();
                lane.sent();
                retries.schedule(
                        false,
                        batch,
                        "no open shard is listed in DataHub topic " + topic.path,
                        false);
                return;
            }
        }
        List<Record> records = new ArrayList<>(batch.size());
        long bytes = 0;
        for (PendingRecord p : batch) {
            records.add(p.record);
            bytes += p.bytes;
        }
        CompletableFuture<PutRecordsResult> put;
        try {
            put =
                    routedPut
                            ? client.putRecordsAsync(topic.project, topic.topic, records)
                            : client.putRecordsByShardAsync(
                                            topic.project, topic.topic, shardId, records)
                                    .thenApply(v -> null);
        } catch (InvalidParameterException e) {
            refusedBeforeSending(lane, batch, e);
            return;
        }
        limiter.sent();
        lane.sent();
        long started = System.currentTimeMillis();
        String target = shardId;
        long batchBytes = bytes;
        put.whenComplete(
                (result, error) ->
                        mailbox.execute(
                                () ->
                                        results.settle(
                                                lane,
                                                target,
                                                batch,
                                                batchBytes,
                                                started,
                                                result,
                                                error),
                                "DataHub put of " + batch.size() + " records"));
    }

    /**
     * The client checks a request before sending it; a too large one is split, a single bad record
     * is fatal. In an ordered lane the second half waits in front of the lane until the first is
     * answered.
     */
    private void refusedBeforeSending(
            ShardLanes.Lane lane, List<PendingRecord> batch, InvalidParameterException e) {
        if (batch.size() == 1) {
            throw status.fail(
                    new DataHubSinkException(
                            "The client refused a record for DataHub topic "
                                    + topic.path
                                    + ": "
                                    + e.getErrorMessage()
                                    + ". Record: "
                                    + ErrorDetails.describe(batch.get(0).record),
                            e));
        }
        LOG.debug(
                "Put to {} refused before sending ({}); splitting {} records",
                topic.path,
                e.getErrorMessage(),
                batch.size());
        int half = batch.size() / 2;
        List<PendingRecord> first = new ArrayList<>(batch.subList(0, half));
        List<PendingRecord> second = new ArrayList<>(batch.subList(half, batch.size()));
        if (lane.ordered) {
            // Back in front before the first half is sent: a further split of that half puts its
            // own second part in front of this one.
            lane.buffer.addFirst(second);
            send(lane, first);
        } else {
            send(lane, first);
            send(lane, second);
        }
    }
}
