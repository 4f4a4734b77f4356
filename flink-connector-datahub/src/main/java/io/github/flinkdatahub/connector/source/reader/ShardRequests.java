package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Starts one read of a shard: opens a cursor for the shard's position when it has none (a blocking
 * call, made once per split and after a cursor expired), then asks for a page without waiting. The
 * read completes with the page, with a {@link NoRead} when there is nothing to ask for, or with the
 * failure; it never throws. Pages read ahead open their cursors without waiting.
 */
@Internal
final class ShardRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ShardRequests.class);

    /** A read that asked for no page: the shard waits, or its split is finished. */
    static final class NoRead {
        /** Why the split is finished; null when the shard only waits for records. */
        final String finishReason;

        private NoRead(String finishReason) {
            this.finishReason = finishReason;
        }

        static NoRead waitForRecords() {
            return new NoRead(null);
        }

        static NoRead finish(String reason) {
            return new NoRead(reason);
        }
    }

    private final DataHubClient client;
    private final String project;
    private final String topic;
    private final RecordType recordType;
    private final RecordSchema schema;
    private final int maxRecordsPerFetch;

    ShardRequests(
            DataHubClient client,
            String project,
            String topic,
            RecordType recordType,
            RecordSchema schema,
            int maxRecordsPerFetch) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.recordType = recordType;
        this.schema = schema;
        this.maxRecordsPerFetch = maxRecordsPerFetch;
    }

    /** The shard's next read, from its position (or its cursor, when it has one). */
    CompletableFuture<Object> start(ShardReadState shard) {
        try {
            if (shard.atStopSequence()) {
                return CompletableFuture.completedFuture(
                        NoRead.finish("reached its stop sequence " + shard.split.stopSequence()));
            }
            if (shard.cursor == null) {
                NoRead none = openCursor(shard);
                if (none != null) {
                    return CompletableFuture.completedFuture(none);
                }
            }
            return page(shard, shard.cursor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Asks for the page at {@code cursor} without waiting; never throws. */
    CompletableFuture<Object> page(ShardReadState shard, String cursor) {
        try {
            String id = shard.id();
            return (recordType == RecordType.TUPLE
                            ? client.getTupleRecordsAsync(
                                    project, topic, id, schema, cursor, maxRecordsPerFetch)
                            : client.getBlobRecordsAsync(
                                    project, topic, id, cursor, maxRecordsPerFetch))
                    .thenApply(page -> (Object) page);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Asks for a cursor at {@code sequence} (the start of a page ahead) without waiting. */
    CompletableFuture<String> cursorAt(ShardReadState shard, long sequence) {
        try {
            return client.getCursorAsync(project, topic, shard.id(), CursorType.SEQUENCE, sequence)
                    .thenApply(GetCursorResult::getCursor);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Asks for the page at {@code cursor} (of a page ahead) as soon as it is opened. */
    CompletableFuture<Object> pageAt(ShardReadState shard, CompletableFuture<String> cursor) {
        return cursor.thenCompose(c -> page(shard, c));
    }

    /**
     * Gets a cursor for the shard's position. Returns null when it opened, else why there is
     * nothing to read yet (the position lies in the future, or the shard is empty).
     */
    private NoRead openCursor(ShardReadState shard) {
        String id = shard.id();
        ShardPosition p = shard.position;
        try {
            switch (p.kind()) {
                case SEQUENCE:
                    shard.cursor = cursor(id, CursorType.SEQUENCE, p.sequence()).getCursor();
                    shard.skipSequence = p.sequence();
                    shard.skipCount = p.skip();
                    break;
                case TIMESTAMP:
                    shard.cursor =
                            cursor(id, CursorType.SYSTEM_TIME, p.timestampMillis()).getCursor();
                    break;
                default:
                    shard.cursor = cursor(id, CursorType.OLDEST, -1).getCursor();
                    break;
            }
            return null;
        } catch (SeekOutOfRangeException e) {
            return seekOutOfRange(shard, e);
        }
    }

    /**
     * The position is outside the retained records: either older than the oldest (data expired:
     * continue at the oldest, with a warning) or newer than the newest (wait for it). Only a
     * sequence below the oldest retained one has expired; the oldest only grows, so the test holds
     * while records arrive (comparing with the newest did not: a record written between the two
     * calls made a position just past the end look expired, and the shard was read again from its
     * oldest record). A time out of range is always after the newest record.
     */
    private NoRead seekOutOfRange(ShardReadState shard, SeekOutOfRangeException e) {
        String id = shard.id();
        ShardPosition p = shard.position;
        if (p.kind() == ShardPosition.Kind.SEQUENCE) {
            GetCursorResult oldest = null;
            try {
                oldest = cursor(id, CursorType.OLDEST, -1);
            } catch (InvalidParameterException empty) {
                // no record in the shard at all
            }
            if (oldest != null && p.sequence() < oldest.getSequence()) {
                LOG.warn(
                        "Shard {}: position {} has expired ({}); continuing at the oldest retained record",
                        id,
                        p,
                        e.getErrorMessage());
                shard.cursor = oldest.getCursor();
                return null;
            }
        }
        // Past the newest record: a bounded split stops before it anyway, a closed shard gets no
        // more.
        if (shard.split.stopSequence() != ShardSplit.NO_STOP || isClosed(id)) {
            return NoRead.finish("no record at or after " + p + " before its end or stop");
        }
        return NoRead.waitForRecords();
    }

    private GetCursorResult cursor(String shardId, CursorType type, long param) {
        return client.getCursor(project, topic, shardId, type, param);
    }

    private boolean isClosed(String shardId) {
        for (Shard s : client.listShard(project, topic).getShards()) {
            if (s.getShardId().equals(shardId)) {
                return s.getState() == ShardState.CLOSED;
            }
        }
        return true;
    }
}
