package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.function.ThrowingRunnable;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.NoPermissionException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.metrics.DataHubSinkWriterMetrics;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.routing.RecordRouter;
import io.github.flinkdatahub.connector.sink.routing.RoutingContext;
import io.github.flinkdatahub.connector.sink.routing.ShardTable;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_RETRIES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_TIMEOUT;

/**
 * Writes records to one DataHub topic with several asynchronous puts in flight.
 *
 * <p>Everything runs on the task thread: puts complete on the client's threads and hand their
 * results back through the mailbox, as Flink's {@code AsyncSinkWriter} does. Records wait in one of
 * two buffers (routed puts, where the service routes each record; puts to one shard) until a buffer
 * holds a full batch (count or estimated bytes), the flush interval passes, or Flink flushes. When
 * too much is unsent or in flight, {@link #write} yields to the mailbox until puts complete: that
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
    private static final int MAX_DESCRIBED_LENGTH = 300;

    private final String project;
    private final String topic;
    private final String topicPath;
    private final WriterConfig config;
    private final DataHubSerializationSchema<T> serializer;
    private final DataHubClient client;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final DataHubSinkWriterMetrics metrics;
    private final ShardTable shards;
    private final RecordRouter router;
    @Nullable private final RecordSchema topicSchema;
    private final RecordSizeEstimator sizes;
    private final long batchMaxBytes;
    private final long maxRecordBytes;

    private final RecordBuffer routed = new RecordBuffer();
    private final RecordBuffer byShard = new RecordBuffer();

    /** Records waiting for their retry backoff. */
    private int waitingRecords;

    private long waitingBytes;
    private int inFlight;
    private int inFlightLimit;
    private boolean flushTimerRegistered;
    @Nullable private DataHubSinkException failure;
    private boolean closed;

    public DataHubSinkWriter(
            WriterInitContext context,
            DataHubConnection connection,
            String project,
            String topic,
            DataHubSerializationSchema<T> serializer,
            DataHubRouting routing,
            WriterConfig config) {
        this.project = project;
        this.topic = topic;
        this.topicPath = project + "/" + topic;
        this.config = config;
        this.serializer = serializer;
        this.mailbox = context.getMailboxExecutor();
        this.timeService = context.getProcessingTimeService();
        // The writer retries by itself, within its retry budget and with its metrics.
        this.client = connection.openClient(RetryPolicy.none());
        try {
            GetTopicResult t =
                    withRetries(
                            "Reading DataHub topic " + topicPath,
                            () -> client.getTopic(project, topic));
            this.topicSchema = t.getRecordType() == RecordType.TUPLE ? t.getRecordSchema() : null;
            try {
                serializer.open(
                        context.asSerializationSchemaInitializationContext(),
                        topicPath,
                        topicSchema);
            } catch (Exception e) {
                throw new DataHubSinkException(
                        "The serializer cannot write DataHub topic "
                                + topicPath
                                + ": "
                                + e.getMessage(),
                        e);
            }
            this.shards =
                    new ShardTable(
                            client,
                            project,
                            topic,
                            config.shardRefreshInterval(),
                            context.getTaskInfo().getIndexOfThisSubtask());
            withRetries(
                    "Listing the shards of DataHub topic " + topicPath,
                    () -> {
                        shards.refresh();
                        return null;
                    });
            try {
                this.router = routing.open(new RoutingContext(project, topic, topicSchema, shards));
            } catch (IllegalArgumentException e) {
                throw new DataHubSinkException(e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        WireMode wireMode = connection.getWireMode();
        this.sizes = new RecordSizeEstimator(wireMode);
        long requestRoom = MAX_REQUEST_BYTES - RecordSizeEstimator.REQUEST_OVERHEAD;
        this.batchMaxBytes = Math.min(config.batchMaxBytes(), requestRoom);
        this.maxRecordBytes = requestRoom;
        this.inFlightLimit = config.maxInFlightRequests();
        this.metrics =
                new DataHubSinkWriterMetrics(
                        context.metricGroup(), this::pendingRecords, () -> inFlight);
        LOG.info(
                "Writing to DataHub topic {} ({} topic) with {}, {}",
                topicPath,
                topicSchema == null ? "blob" : "tuple",
                routing,
                config);
    }

    // ------------------------------------------------------------------ SinkWriter

    @Override
    public void write(T element, Context context) throws InterruptedException {
        checkFailure();
        Record record;
        try {
            record = serializer.serialize(element);
        } catch (Exception e) {
            throw fail(
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
        checkShape(record);
        RecordBuffer buffer;
        if (record.getShardId() != null
                || record.getHashKey() != null
                || record.getPartitionKey() != null) {
            buffer = routed;
        } else {
            record = router.prepare(record);
            buffer = router.routedByService() ? routed : byShard;
        }
        long size = sizes.estimate(record);
        if (size > maxRecordBytes) {
            throw fail(
                    new DataHubSinkException(
                            "A record of about "
                                    + size
                                    + " bytes cannot be written to DataHub"
                                    + " topic "
                                    + topicPath
                                    + ": a put request carries at most "
                                    + MAX_REQUEST_BYTES
                                    + " bytes. Record: "
                                    + describe(record)));
        }
        while (pendingRecords() >= config.bufferMaxRecords()
                || pendingBytes() >= config.bufferMaxBytes()) {
            sendReady(true);
            if (pendingRecords() >= config.bufferMaxRecords()
                    || pendingBytes() >= config.bufferMaxBytes()) {
                // Puts are in flight or records wait for their backoff: either ends in a mail.
                mailbox.yield();
            }
            checkFailure();
        }
        buffer.add(new PendingRecord(record, size));
        ensureFlushTimer();
        sendReady(false);
    }

    /**
     * Sends everything and waits until all of it is acknowledged (at-least-once), before every
     * checkpoint and at the end of input. With delivery guarantee NONE a checkpoint does not wait.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        checkFailure();
        if (config.deliveryGuarantee() == DeliveryGuarantee.NONE && !endOfInput) {
            sendReady(true);
            return;
        }
        while (pendingRecords() > 0 || inFlight > 0) {
            sendReady(true);
            if (pendingRecords() > 0 || inFlight > 0) {
                mailbox.yield();
            }
            checkFailure();
        }
    }

    @Override
    public void close() {
        closed = true;
        int unsent = pendingRecords() + inFlight;
        if (unsent > 0 && failure == null) {
            LOG.info(
                    "Closing the writer of DataHub topic {} with {} records and {} puts not acknowledged; the"
                            + " last checkpoint does not cover them",
                    topicPath,
                    pendingRecords(),
                    inFlight);
        }
        client.close();
    }

    // ------------------------------------------------------------------ sending

    private void sendReady(boolean force) {
        sendFrom(routed, true, force);
        sendFrom(byShard, false, force);
    }

    private void sendFrom(RecordBuffer buffer, boolean routedPut, boolean force) {
        while (failure == null
                && !buffer.isEmpty()
                && inFlight < inFlightLimit
                && (force
                        || buffer.size() >= config.batchMaxRecords()
                        || buffer.bytes() >= batchMaxBytes)) {
            send(routedPut, buffer.take(config.batchMaxRecords(), batchMaxBytes));
        }
    }

    private void send(boolean routedPut, List<PendingRecord> batch) {
        String shardId = null;
        if (!routedPut) {
            try {
                shardId = router.shardForNextRequest();
            } catch (DataHubException e) {
                throw fail(
                        new DataHubSinkException(
                                "Listing the shards of DataHub topic "
                                        + topicPath
                                        + " failed: "
                                        + e.getMessage()
                                        + hint(e),
                                e));
            }
            if (shardId == null) {
                shards.markStale();
                retryLater(
                        false,
                        batch,
                        "no open shard is listed in DataHub topic " + topicPath,
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
                            ? client.putRecordsAsync(project, topic, records)
                            : client.putRecordsByShardAsync(project, topic, shardId, records)
                                    .thenApply(v -> null);
        } catch (InvalidParameterException e) {
            refusedBeforeSending(routedPut, batch, e);
            return;
        }
        inFlight++;
        long started = System.currentTimeMillis();
        String target = shardId;
        long batchBytes = bytes;
        put.whenComplete(
                (result, error) ->
                        post(
                                () ->
                                        completed(
                                                routedPut,
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
     * is fatal.
     */
    private void refusedBeforeSending(
            boolean routedPut, List<PendingRecord> batch, InvalidParameterException e) {
        if (batch.size() == 1) {
            throw fail(
                    new DataHubSinkException(
                            "The client refused a record for DataHub topic "
                                    + topicPath
                                    + ": "
                                    + e.getErrorMessage()
                                    + ". Record: "
                                    + describe(batch.get(0).record),
                            e));
        }
        LOG.debug(
                "Put to {} refused before sending ({}); splitting {} records",
                topicPath,
                e.getErrorMessage(),
                batch.size());
        int half = batch.size() / 2;
        send(routedPut, new ArrayList<>(batch.subList(0, half)));
        send(routedPut, new ArrayList<>(batch.subList(half, batch.size())));
    }

    private void completed(
            boolean routedPut,
            @Nullable String shardId,
            List<PendingRecord> batch,
            long bytes,
            long started,
            @Nullable PutRecordsResult result,
            @Nullable Throwable error) {
        inFlight--;
        if (closed || failure != null) {
            return;
        }
        metrics.sendTime(System.currentTimeMillis() - started);
        if (error != null) {
            putFailed(routedPut, shardId, batch, unwrap(error));
        } else if (result == null || result.isAllSucceeded()) {
            metrics.acknowledged(batch.size(), bytes);
            if (inFlightLimit < config.maxInFlightRequests()) {
                inFlightLimit++;
            }
        } else {
            partlyFailed(batch, result);
        }
        sendReady(false);
    }

    /** A routed put wrote some records and refused others: retry only those. */
    private void partlyFailed(List<PendingRecord> batch, PutRecordsResult result) {
        boolean[] refused = new boolean[batch.size()];
        List<PendingRecord> retry = new ArrayList<>();
        boolean throttled = false;
        String lastError = null;
        for (FailedRecord f : result.getFailedRecords()) {
            int i = f.getIndex();
            if (i < 0 || i >= batch.size() || refused[i]) {
                throw fail(
                        new DataHubSinkException(
                                "DataHub answered a put to topic "
                                        + topicPath
                                        + " of "
                                        + batch.size()
                                        + " records with a failure for record index "
                                        + i
                                        + ": "
                                        + f));
            }
            refused[i] = true;
            PendingRecord p = batch.get(i);
            ErrorCode code = ErrorCode.fromCode(f.getErrorCode());
            lastError = "[" + f.getErrorCode() + "] " + f.getErrorMessage();
            if (code == ErrorCode.INVALID_SHARD_OPERATION && p.record.getShardId() == null) {
                shards.markStale();
                retry.add(p);
            } else if (code != null && code.retryable()) {
                throttled |= code == ErrorCode.LIMIT_EXCEEDED;
                retry.add(p);
            } else {
                metrics.refused(1);
                throw fail(
                        new DataHubSinkException(
                                "DataHub refused a record of topic "
                                        + topicPath
                                        + ": "
                                        + lastError
                                        + ". Record: "
                                        + describe(p.record)));
            }
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
            throttledNow();
        }
        if (!retry.isEmpty()) {
            retryLater(true, retry, lastError, false);
        }
    }

    private void putFailed(
            boolean routedPut,
            @Nullable String shardId,
            List<PendingRecord> batch,
            DataHubException e) {
        metrics.refused(batch.size());
        boolean shardGone =
                e instanceof ShardSealedException
                        || (!routedPut && e instanceof ShardNotFoundException);
        if (shardGone) {
            LOG.info(
                    "Put of {} records to shard {} of DataHub topic {} found it closed or gone ({}); refreshing the"
                            + " shard list and re-routing",
                    batch.size(),
                    shardId,
                    topicPath,
                    e.getErrorMessage());
            shards.markStale();
            if (shardId != null) {
                router.shardClosed(shardId);
            }
            retryLater(routedPut, batch, e.getMessage(), true);
        } else if (e.isRetryable()) {
            if (e instanceof LimitExceededException) {
                throttledNow();
            }
            retryLater(routedPut, batch, e.getMessage(), false);
        } else {
            throw fail(
                    new DataHubSinkException(
                            "Writing "
                                    + batch.size()
                                    + " records to DataHub topic "
                                    + topicPath
                                    + (shardId == null ? "" : " shard " + shardId)
                                    + " failed: "
                                    + e.getMessage()
                                    + hint(e)
                                    + (batch.size() == 1
                                            ? ". Record: " + describe(batch.get(0).record)
                                            : ""),
                            e));
        }
    }

    private void throttledNow() {
        metrics.throttled();
        inFlightLimit = Math.max(1, inFlightLimit / 2);
    }

    /**
     * Sends the records again after a backoff, or fails the job when one of them has used up the
     * retry budget. {@code quick}: the failure was a closed shard, re-routing needs no long wait.
     */
    private void retryLater(
            boolean routedPut, List<PendingRecord> batch, String reason, boolean quick) {
        long now = System.nanoTime();
        int retries = 0;
        long bytes = 0;
        for (PendingRecord p : batch) {
            if (p.retries == 0) {
                p.firstFailureNanos = now;
            }
            p.retries++;
            long failingFor = TimeUnit.NANOSECONDS.toMillis(now - p.firstFailureNanos);
            if (p.retries > config.maxRetries() || failingFor > config.retryTimeout().toMillis()) {
                throw fail(
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
                                        + config.maxRetries()
                                        + ", "
                                        + SINK_RETRY_TIMEOUT.key()
                                        + "="
                                        + config.retryTimeout()
                                        + "). Last error: "
                                        + reason));
            }
            retries = Math.max(retries, p.retries);
            bytes += p.bytes;
        }
        metrics.retried(batch.size());
        long delay = quick ? config.initialBackoff().toMillis() : config.backoffMillis(retries);
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
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                .execute(
                        () ->
                                post(
                                        () -> {
                                            waitingRecords -= batch.size();
                                            waitingBytes -= waiting;
                                            if (closed || failure != null) {
                                                return;
                                            }
                                            RecordBuffer buffer = routedPut ? routed : byShard;
                                            buffer.addFirst(batch);
                                            sendFrom(buffer, routedPut, true);
                                        },
                                        "DataHub retry of " + batch.size() + " records"));
    }

    private void ensureFlushTimer() {
        if (flushTimerRegistered || closed) {
            return;
        }
        flushTimerRegistered = true;
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + config.flushInterval().toMillis(),
                time -> {
                    flushTimerRegistered = false;
                    if (closed || failure != null) {
                        return;
                    }
                    sendReady(true);
                    if (!routed.isEmpty() || !byShard.isEmpty()) {
                        ensureFlushTimer();
                    }
                });
    }

    /** Runs {@code action} on the task thread; after the task ended there is nothing left to do. */
    private void post(ThrowingRunnable<? extends Exception> action, String description) {
        try {
            mailbox.execute(action, description);
        } catch (RejectedExecutionException e) {
            LOG.debug(
                    "Task of the DataHub writer for {} has ended; dropping: {}",
                    topicPath,
                    description);
        }
    }

    // ------------------------------------------------------------------ checks and errors

    private void checkShape(Record record) {
        if (topicSchema == null) {
            if (!(record instanceof BlobRecord)) {
                throw fail(
                        new DataHubSinkException(
                                "The serializer produced a "
                                        + record.getRecordType()
                                        + " record, but DataHub topic "
                                        + topicPath
                                        + " is a blob topic"));
            }
            return;
        }
        if (!(record instanceof TupleRecord)) {
            throw fail(
                    new DataHubSinkException(
                            "The serializer produced a "
                                    + record.getRecordType()
                                    + " record, but DataHub topic "
                                    + topicPath
                                    + " is a tuple topic with fields "
                                    + topicSchema));
        }
        RecordSchema schema = ((TupleRecord) record).getSchema();
        if (schema != topicSchema && !schema.equals(topicSchema)) {
            throw fail(
                    new DataHubSinkException(
                            "The serializer built a record with fields "
                                    + schema
                                    + ", but DataHub topic "
                                    + topicPath
                                    + " has fields "
                                    + topicSchema
                                    + "; build records with the schema passed to open()"));
        }
    }

    private void checkFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    private DataHubSinkException fail(DataHubSinkException e) {
        if (failure == null) {
            failure = e;
            LOG.error("DataHub sink for topic {} fails: {}", topicPath, e.getMessage());
        }
        return failure;
    }

    private <R> R withRetries(String what, Supplier<R> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (DataHubException e) {
                if (!e.isRetryable() || attempt > config.maxRetries()) {
                    throw new DataHubSinkException(
                            what + " failed: " + e.getMessage() + hint(e), e);
                }
                try {
                    Thread.sleep(config.backoffMillis(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new DataHubSinkException(what + " was interrupted", ie);
                }
            }
        }
    }

    private String hint(DataHubException e) {
        if (e instanceof ResourceNotFoundException) {
            return ". Check that project '" + project + "' and topic '" + topic + "' exist";
        }
        if (e instanceof AuthorizationFailedException || e instanceof NoPermissionException) {
            return ". Check the access id and key of the connection and their permissions on project '"
                    + project
                    + "'";
        }
        return "";
    }

    private static DataHubException unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof DataHubException
                ? (DataHubException) t
                : new DataHubClientException("Put failed: " + t, t, false);
    }

    /** The record's values for error messages, cut to a readable length. */
    static String describe(Record r) {
        String s = r.toString();
        return s.length() <= MAX_DESCRIBED_LENGTH
                ? s
                : s.substring(0, MAX_DESCRIBED_LENGTH - 3) + "...";
    }

    // ------------------------------------------------------------------ state

    private int pendingRecords() {
        return routed.size() + byShard.size() + waitingRecords;
    }

    private long pendingBytes() {
        return routed.bytes() + byShard.bytes() + waitingBytes;
    }

    @VisibleForTesting
    int inFlightRequests() {
        return inFlight;
    }

    @VisibleForTesting
    DataHubSinkWriterMetrics metrics() {
        return metrics;
    }
}
