package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.routing.RecordRouter;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_RECORDS_PER_REQUEST;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;

/**
 * Writes records to one DataHub topic with several asynchronous puts in flight.
 *
 * <p>Everything runs on the task thread: puts complete on the client's threads and hand their
 * results back through the mailbox, as Flink's {@code AsyncSinkWriter} does. Records wait in the
 * lane of the shard they go to ({@link ShardLanes}) until it holds a full batch (count or estimated
 * bytes), the flush interval passes, or Flink flushes. A put carries everything its lane holds, up
 * to the service's limits on a request: while puts are in flight, the records that arrive meanwhile
 * go together in the next put, so batches grow with the round trip and a distant DataHub is not
 * limited to one batch per round trip and put in flight. A shard routed by key or shard id has at
 * most one put in flight, so its records (and each key's) arrive in order; puts to different shards
 * overlap. When too much is unsent, {@link #write} yields to the mailbox until puts complete: that
 * is the backpressure.
 *
 * <p>Failures: only refused records are sent again, after an exponential backoff with jitter;
 * throttling also halves the number of puts in flight, which then grows back one per successful
 * put. A closed shard refreshes the shard list and re-routes. A record that keeps failing longer
 * than the retry budget, or is refused for good (bad value, missing topic, no permission), fails
 * the job: nothing is ever dropped silently. {@link #flush} returns only when every record is
 * acknowledged, so each completed checkpoint covers everything written before it (at-least-once).
 */
@Internal
public final class DataHubSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubSinkWriter.class);

    private final String topicPath;
    private final WriterConfig config;
    private final DataHubSerializationSchema<T> serializer;
    private final DataHubClient client;
    private final WriterMailbox mailbox;
    private final DataHubSinkWriterMetrics metrics;
    private final RecordRouter router;
    private final RecordShapeCheck shapes;
    private final RecordSizeEstimator sizes;
    private final long batchMaxBytes;

    /** Estimated bytes of records one put may carry: the request body's limit less framing. */
    private final long requestRoom;

    private final WriterStatus status;
    private final InFlightLimiter limiter;
    private final RetryScheduler retries;
    private final PutRequests puts;
    private final FlushTimer flushTimer;
    private final ShardLanes lanes;

    public DataHubSinkWriter(
            WriterInitContext context,
            DataHubConnection connection,
            String project,
            String topic,
            DataHubSerializationSchema<T> serializer,
            DataHubRouting routing,
            WriterConfig config) {
        this.topicPath = project + "/" + topic;
        this.config = config;
        this.serializer = serializer;
        this.mailbox = new WriterMailbox(context.getMailboxExecutor(), topicPath);
        // The writer retries by itself, within its retry budget and with its metrics.
        this.client = connection.openClient(RetryPolicy.none());
        WriterTopic target;
        try {
            target =
                    WriterTopic.open(
                            context,
                            connection,
                            client,
                            project,
                            topic,
                            serializer,
                            routing,
                            config);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.router = target.router;
        this.status = new WriterStatus(topicPath);
        this.lanes = new ShardLanes(target, status);
        this.sizes = new RecordSizeEstimator(connection.getWireMode());
        this.requestRoom = MAX_REQUEST_BYTES - RecordSizeEstimator.REQUEST_OVERHEAD;
        this.batchMaxBytes = Math.min(config.batchMaxBytes(), requestRoom);
        this.shapes = new RecordShapeCheck(topicPath, target.schema, requestRoom, status);
        this.limiter = new InFlightLimiter(config.maxInFlightRequests());
        this.metrics =
                new DataHubSinkWriterMetrics(
                        context.metricGroup(), this::pendingRecords, limiter::inFlight);
        this.retries =
                new RetryScheduler(
                        topicPath,
                        config,
                        RetryScheduler.onTaskThread(mailbox),
                        metrics,
                        status,
                        this::resend);
        PutResults results =
                new PutResults(target, limiter, retries, metrics, status, () -> sendReady(false));
        this.puts = new PutRequests(client, target, limiter, retries, results, status, mailbox);
        this.flushTimer =
                new FlushTimer(
                        context.getProcessingTimeService(),
                        config.flushInterval(),
                        status,
                        () -> sendReady(true),
                        () -> !lanes.isEmpty());
        LOG.info(
                "Writing to DataHub topic {} ({} topic) with {}, {}",
                topicPath,
                target.schema == null ? "blob" : "tuple",
                routing,
                config);
    }

    @Override
    public void write(T element, Context context) throws InterruptedException {
        status.check();
        Record record;
        try {
            record = serializer.serialize(element);
        } catch (Exception e) {
            throw status.fail(
                    new DataHubSinkException(
                            "Cannot write a record to DataHub topic "
                                    + topicPath
                                    + ": "
                                    + e.getMessage(),
                            e));
        }
        if (record == null) {
            return;
        }
        shapes.checkType(record);
        boolean routedPut;
        if (record.getShardId() != null
                || record.getHashKey() != null
                || record.getPartitionKey() != null) {
            routedPut = true;
        } else {
            record = router.prepare(record);
            routedPut = router.routedByService();
        }
        long size = sizes.estimate(record);
        shapes.checkSize(record, size);
        while (bufferFull()) {
            sendReady(true);
            if (bufferFull()) {
                // Puts are in flight or records wait for their backoff: either ends in a mail.
                mailbox.yield();
            }
            status.check();
        }
        lanes.add(new PendingRecord(record, size), routedPut);
        flushTimer.ensureRegistered();
        sendReady(false);
    }

    /**
     * Sends everything and waits until all of it is acknowledged (at-least-once), before every
     * checkpoint and at the end of input. With delivery guarantee NONE a checkpoint does not wait.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        status.check();
        if (config.deliveryGuarantee() == DeliveryGuarantee.NONE && !endOfInput) {
            sendReady(true);
            return;
        }
        while (pendingRecords() > 0 || limiter.inFlight() > 0) {
            sendReady(true);
            if (pendingRecords() > 0 || limiter.inFlight() > 0) {
                mailbox.yield();
            }
            status.check();
        }
    }

    @Override
    public void close() {
        status.close();
        int unsent = pendingRecords() + limiter.inFlight();
        if (unsent > 0 && !status.failed()) {
            LOG.info(
                    "Closing the writer of DataHub topic {} with {} records and {} puts not acknowledged; the"
                            + " last checkpoint does not cover them",
                    topicPath,
                    pendingRecords(),
                    limiter.inFlight());
        }
        client.close();
    }

    private void sendReady(boolean force) {
        for (ShardLanes.Lane lane : lanes.lanes()) {
            sendFrom(lane, force);
        }
    }

    /**
     * Sends a lane's records once it holds a full batch (or when forced), each put with all the
     * lane holds up to the service's limits: a lane that was held back by the puts in flight sends
     * what gathered meanwhile in one put rather than in batches that would each wait a round trip.
     */
    private void sendFrom(ShardLanes.Lane lane, boolean force) {
        RecordBuffer buffer = lane.buffer;
        while (!status.failed()
                && !buffer.isEmpty()
                && lane.canSend()
                && limiter.canSend()
                && (force
                        || buffer.size() >= config.batchMaxRecords()
                        || buffer.bytes() >= batchMaxBytes)) {
            puts.send(lane, buffer.take(MAX_RECORDS_PER_REQUEST, requestRoom));
            lanes.sentFrom(lane);
        }
    }

    /**
     * Retries go before newer records of their lane, and at once: their backoff has passed. Their
     * lane sent nothing meanwhile.
     */
    private void resend(boolean routedPut, List<PendingRecord> batch) {
        ShardLanes.Lane lane = batch.get(0).lane;
        lane.released();
        lane.buffer.addFirst(batch);
        sendFrom(lane, true);
    }

    private boolean bufferFull() {
        return pendingRecords() >= config.bufferMaxRecords()
                || pendingBytes() >= config.bufferMaxBytes();
    }

    private int pendingRecords() {
        return lanes.records() + retries.waitingRecords();
    }

    private long pendingBytes() {
        return lanes.bytes() + retries.waitingBytes();
    }

    @VisibleForTesting
    int inFlightRequests() {
        return limiter.inFlight();
    }

    @VisibleForTesting
    DataHubSinkWriterMetrics metrics() {
        return metrics;
    }
}
