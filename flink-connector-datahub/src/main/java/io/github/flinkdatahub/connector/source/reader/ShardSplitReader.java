package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.metrics.ShardMetrics;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Fetches records for all shards assigned to one reader, one shard per {@link #fetch()} in
 * round-robin order. A shard that had nothing new rests for the empty-fetch interval; one that was
 * throttled rests with exponential backoff; a closed shard read to its end, a shard reaching its
 * stop position, and a shard that no longer exists are finished splits. The cursor is transient: on
 * any doubt it is rebuilt from the last sequence handed out.
 */
@Internal
public final class ShardSplitReader implements SplitReader<Record, ShardSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSplitReader.class);

    /**
     * A shard bounded by a stop time is done once it is caught up and our clock is this far past
     * the stop time; it allows for the service's clock (which stamps records) being behind ours.
     */
    static final long STOP_TIME_CLOCK_MARGIN_MILLIS = 2000;

    private final DataHubClient client;
    private final String project;
    private final String topic;
    private final RecordType recordType;
    private final RecordSchema schema;
    private final int maxRecordsPerFetch;
    private final long emptyFetchIntervalMillis;
    private final long maxBackoffMillis;
    private final DataHubSourceReaderMetrics metrics;

    /** Wall-clock milliseconds: rests, backoffs and stop times are measured with it. */
    private final LongSupplier clock;

    private final LinkedHashMap<String, ShardFetchState> shards = new LinkedHashMap<>();
    private final Object wakeUp = new Object();
    private volatile boolean wokenUp;
    private int nextIndex;

    public ShardSplitReader(
            DataHubClient client,
            String project,
            String topic,
            RecordType recordType,
            RecordSchema schema,
            int maxRecordsPerFetch,
            Duration emptyFetchInterval,
            Duration maxBackoff,
            DataHubSourceReaderMetrics metrics) {
        this(
                client,
                project,
                topic,
                recordType,
                schema,
                maxRecordsPerFetch,
                emptyFetchInterval,
                maxBackoff,
                metrics,
                System::currentTimeMillis);
    }

    /** With a clock of its own, so tests move time instead of waiting for it. */
    @VisibleForTesting
    ShardSplitReader(
            DataHubClient client,
            String project,
            String topic,
            RecordType recordType,
            RecordSchema schema,
            int maxRecordsPerFetch,
            Duration emptyFetchInterval,
            Duration maxBackoff,
            DataHubSourceReaderMetrics metrics,
            LongSupplier clock) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.recordType = recordType;
        this.schema = schema;
        this.maxRecordsPerFetch = maxRecordsPerFetch;
        this.emptyFetchIntervalMillis = emptyFetchInterval.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public RecordsWithSplitIds<Record> fetch() throws IOException {
        ShardFetchState shard = nextReadyShard();
        if (shard == null) {
            waitForNextDueShard();
            return new RecordsBySplits.Builder<Record>().build();
        }
        RecordsBySplits.Builder<Record> out = new RecordsBySplits.Builder<>();
        try {
            fetchInto(shard, out);
        } catch (ShardSealedException e) {
            finish(shard, out, "read to the end of the closed shard");
        } catch (ResourceNotFoundException e) {
            finish(shard, out, "the shard no longer exists (" + e.getErrorCode() + ")");
        } catch (InvalidCursorException e) {
            LOG.info(
                    "Cursor of shard {} is no longer valid ({}); resuming from {}",
                    shard.split.shardId(),
                    e.getErrorMessage(),
                    shard.position);
            shard.cursor = null;
        } catch (DataHubException e) {
            if (!e.isRetryable()) {
                throw new IOException(
                        "Reading shard "
                                + shard.split.shardId()
                                + " of DataHub topic "
                                + project
                                + "/"
                                + topic
                                + " failed: "
                                + e.getMessage(),
                        e);
            }
            long backoff = shard.backOff(maxBackoffMillis, clock.getAsLong());
            LOG.warn(
                    "Reading shard {} failed ({}); backing off {} ms",
                    shard.split.shardId(),
                    e.getMessage(),
                    backoff);
        }
        return out.build();
    }

    private void fetchInto(ShardFetchState shard, RecordsBySplits.Builder<Record> out) {
        ShardSplit split = shard.split;
        String id = split.shardId();
        if (shard.position.kind() == ShardPosition.Kind.SEQUENCE
                && shard.position.sequence() >= split.stopSequence()) {
            finish(shard, out, "reached its stop sequence " + split.stopSequence());
            return;
        }
        if (shard.cursor == null && !openCursor(shard, out)) {
            return;
        }
        GetRecordsResult result =
                recordType == RecordType.TUPLE
                        ? client.getTupleRecords(
                                project, topic, id, schema, shard.cursor, maxRecordsPerFetch)
                        : client.getBlobRecords(
                                project, topic, id, shard.cursor, maxRecordsPerFetch);
        long now = clock.getAsLong();
        boolean stopped = false;
        long lastSequence = -1;
        long lastTime = -1;
        for (Record r : result.getRecords()) {
            if (r.getSequence() >= split.stopSequence()
                    || (split.stopTimestampMillis() != ShardSplit.NO_STOP
                            && r.getSystemTime() > split.stopTimestampMillis())) {
                stopped = true;
                break;
            }
            if (shard.skips(r)) {
                continue;
            }
            shard.advance(r);
            lastSequence = r.getSequence();
            lastTime = r.getSystemTime();
            out.add(id, r);
        }
        shard.backoffMillis = 0;
        if (result.getRecords().isEmpty() || result.getNextCursor().equals(shard.cursor)) {
            shard.restUntil = now + emptyFetchIntervalMillis;
        }
        shard.cursor = result.getNextCursor();
        ShardMetrics m = metrics.shard(id);
        if (m != null) {
            m.fetched(lastSequence, lastTime, result.getLatestSequence(), result.getLatestTime());
        }
        if (lastTime >= 0) {
            metrics.fetchEventTimeLag(now - lastTime);
        }
        if (stopped) {
            finish(shard, out, "reached its stop position");
        } else if (result.getRecords().isEmpty() && split.stopSequence() != ShardSplit.NO_STOP) {
            // Bounded by the records present at start, all of which lie before the stop sequence:
            // reaching the end of the shard means none is left (an empty shard never advances the
            // position to the stop sequence, so this is its only way to finish).
            finish(shard, out, "read every record present at start");
        } else if (result.getRecords().isEmpty()
                && split.stopTimestampMillis() != ShardSplit.NO_STOP
                && now > split.stopTimestampMillis() + STOP_TIME_CLOCK_MARGIN_MILLIS) {
            // Caught up, and the stop time is past: records arriving now get a later system time.
            finish(shard, out, "caught up after its stop time " + split.stopTimestampMillis());
        }
    }

    /**
     * Gets a cursor for the shard's position. Returns false when there is nothing to read yet (the
     * position lies in the future, or the shard is empty); the shard then rests.
     */
    private boolean openCursor(ShardFetchState shard, RecordsBySplits.Builder<Record> out) {
        String id = shard.split.shardId();
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
            return true;
        } catch (SeekOutOfRangeException e) {
            return seekOutOfRange(shard, out, e);
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
    private boolean seekOutOfRange(
            ShardFetchState shard, RecordsBySplits.Builder<Record> out, SeekOutOfRangeException e) {
        String id = shard.split.shardId();
        ShardPosition p = shard.position;
        if (p.kind() == ShardPosition.Kind.SEQUENCE) {
            GetCursorResult oldest = null;
            try {
                oldest = cursor(id, CursorType.OLDEST, -1);
            } catch (io.github.flinkdatahub.client.exception.InvalidParameterException empty) {
                // no record in the shard at all
            }
            if (oldest != null && p.sequence() < oldest.getSequence()) {
                LOG.warn(
                        "Shard {}: position {} has expired ({}); continuing at the oldest retained record",
                        id,
                        p,
                        e.getErrorMessage());
                shard.cursor = oldest.getCursor();
                return true;
            }
        }
        // Past the newest record: a bounded split stops before it anyway, a closed shard gets no
        // more.
        if (shard.split.stopSequence() != ShardSplit.NO_STOP || isClosed(id)) {
            finish(shard, out, "no record at or after " + p + " before its end or stop");
        } else {
            shard.restUntil = clock.getAsLong() + emptyFetchIntervalMillis;
        }
        return false;
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

    private void finish(ShardFetchState shard, RecordsBySplits.Builder<Record> out, String why) {
        LOG.info("Shard {} finished: {}", shard.split.shardId(), why);
        shards.remove(shard.split.shardId());
        out.addFinishedSplit(shard.split.shardId());
    }

    private ShardFetchState nextReadyShard() {
        if (shards.isEmpty()) {
            return null;
        }
        List<ShardFetchState> all = new ArrayList<>(shards.values());
        long now = clock.getAsLong();
        for (int i = 0; i < all.size(); i++) {
            ShardFetchState s = all.get((nextIndex + i) % all.size());
            if (!s.paused && s.restUntil <= now) {
                nextIndex = (nextIndex + i + 1) % all.size();
                return s;
            }
        }
        return null;
    }

    /**
     * Sleeps until the earliest resting shard is due (at most the empty-fetch interval), or until
     * woken.
     */
    private void waitForNextDueShard() {
        long now = clock.getAsLong();
        long due = now + emptyFetchIntervalMillis;
        for (ShardFetchState s : shards.values()) {
            if (!s.paused) {
                due = Math.min(due, s.restUntil);
            }
        }
        long wait = Math.max(1, due - now);
        synchronized (wakeUp) {
            if (!wokenUp) {
                try {
                    wakeUp.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wokenUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (ShardSplit split : change.splits()) {
            shards.put(split.shardId(), new ShardFetchState(split));
            LOG.info("Reading shard {} from {}", split.shardId(), split.position());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<ShardSplit> toPause, Collection<ShardSplit> toResume) {
        toPause.forEach(
                s -> {
                    ShardFetchState f = shards.get(s.splitId());
                    if (f != null) {
                        f.paused = true;
                        shardPaused(s.splitId(), true);
                    }
                });
        toResume.forEach(
                s -> {
                    ShardFetchState f = shards.get(s.splitId());
                    if (f != null) {
                        f.paused = false;
                        shardPaused(s.splitId(), false);
                    }
                });
    }

    /** Runs in the fetcher thread (Flink hands the pause over as a fetcher task). */
    private void shardPaused(String shardId, boolean paused) {
        ShardMetrics m = metrics.shard(shardId);
        if (m != null) {
            m.paused(paused);
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeUp) {
            wokenUp = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The fetcher's view of one shard: its own read position (ahead of what was emitted). */
    private static final class ShardFetchState {
        final ShardSplit split;
        ShardPosition position;
        String cursor;
        boolean paused;
        long restUntil;
        long backoffMillis;

        /**
         * When a cursor opens inside a batch: the sequence whose first records were already
         * emitted.
         */
        long skipSequence = -1;

        int skipCount;
        private final long minTimestamp;

        ShardFetchState(ShardSplit split) {
            this.split = split;
            this.position = split.position();
            this.minTimestamp =
                    position.kind() == ShardPosition.Kind.TIMESTAMP
                            ? position.timestampMillis()
                            : -1;
        }

        /** Records already emitted before the restore, or before the start time. */
        boolean skips(Record r) {
            if (r.getSequence() == skipSequence && r.getBatchIndex() < skipCount) {
                return true;
            }
            return r.getSystemTime() < minTimestamp;
        }

        void advance(Record r) {
            position =
                    r.getBatchIndex() + 1 >= r.getBatchSize()
                            ? ShardPosition.sequence(r.getSequence() + 1, 0)
                            : ShardPosition.sequence(r.getSequence(), r.getBatchIndex() + 1);
        }

        long backOff(long max, long now) {
            backoffMillis = backoffMillis == 0 ? 100 : Math.min(max, backoffMillis * 2);
            restUntil =
                    now
                            + backoffMillis / 2
                            + java.util.concurrent.ThreadLocalRandom.current()
                                    .nextLong(backoffMillis / 2 + 1);
            return backoffMillis;
        }
    }
}
