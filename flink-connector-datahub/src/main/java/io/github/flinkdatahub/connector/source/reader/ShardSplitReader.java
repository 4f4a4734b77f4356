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
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.connector.common.AsyncFailures;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.metrics.ShardMetrics;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Reads all shards assigned to one reader with a read in flight for every shard that is due, so a
 * reader's throughput is not one page per round trip. Each {@link #fetch()} starts the reads the
 * {@link ReadScheduler} allows, then hands out the answer of one completed read (its records, or
 * its finished split), waiting for one when none is there. A read that completes later with records
 * asks for the shard's next page at once, from the thread it completed on, within the budget (the
 * fetcher may be blocked handing records to Flink meanwhile). While the fetcher waits on a shard's
 * long round trips ({@link ReadAheadDepth}), a full page also starts pages ahead ({@code
 * scan.fetch.max-reads-per-shard}), which wait in its {@link ShardReadAhead} until its chain of
 * reads arrives exactly at their start. Only the chain buffers answers, one after the other, so a
 * shard's records come out in sequence order. The cursor is transient: on any doubt it is rebuilt
 * from the last sequence handed out.
 *
 * <p>The parts: {@link ShardRequests} asks the service, {@link ReadBuffer} holds completed reads
 * (within the memory budget), {@link PageHandler} turns a page into records and decisions, {@link
 * ReadErrorClassifier} says what a failure means, {@link ShardReadState} is one shard's state,
 * {@link ShardReadAhead} its pages read ahead, {@link ReadAheadDepth} how many it wants.
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
    private final DataHubSourceReaderMetrics metrics;

    /** Wall-clock milliseconds: waits, backoffs and stop times are measured with it. */
    private final LongSupplier clock;

    private final ShardRequests requests;
    private final ReadScheduler scheduler;
    private final ReadBuffer buffer = new ReadBuffer();
    private final PageHandler pages;

    private final int maxRecordsPerFetch;
    private final int maxPagesAhead;

    /**
     * The fetcher's time per answer outside {@link ReadBuffer#take} (handing records to Flink,
     * which blocks while Flink is behind), averaged; with the shard count it says how long round
     * trips the shards' single reads cover. Fetcher thread only, as {@link #lastTakeEnd}.
     */
    private double pageMillis;

    /** When the last take that returned an answer ended; -1 after one that returned none. */
    private long lastTakeEnd = -1;

    /** Set by {@link #close()}: reads completing afterwards start no more. */
    private volatile boolean closed;

    public ShardSplitReader(
            DataHubClient client,
            String project,
            String topic,
            RecordType recordType,
            RecordSchema schema,
            FetchSettings settings,
            DataHubSourceReaderMetrics metrics) {
        this(
                client,
                project,
                topic,
                recordType,
                schema,
                settings,
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
            FetchSettings settings,
            DataHubSourceReaderMetrics metrics,
            LongSupplier clock) {
        this.client = client;
        this.project = project;
        this.topic = topic;
        this.metrics = metrics;
        this.clock = clock;
        this.requests =
                new ShardRequests(
                        client, project, topic, recordType, schema, settings.maxRecordsPerFetch());
        this.scheduler = new ReadScheduler(settings);
        this.maxRecordsPerFetch = settings.maxRecordsPerFetch();
        this.maxPagesAhead = settings.maxReadsPerShard() - 1;
        this.pages = new PageHandler(metrics);
        metrics.bufferedBytes(buffer::bufferedBytes);
    }

    @Override
    public RecordsWithSplitIds<Record> fetch() throws IOException {
        long now = clock.getAsLong();
        for (ShardReadState s =
                        scheduler.nextToRequest(now, buffer.heldBytes(), buffer.heldRecords());
                s != null;
                s = scheduler.nextToRequest(now, buffer.heldBytes(), buffer.heldRecords())) {
            start(s);
        }
        if (maxPagesAhead > 0 && buffer.isEmpty()) {
            // Nothing to hand out: the reader waits on the round trips of the shards being read.
            double roundOfPages = pageMillis * scheduler.shards().size();
            for (ShardReadState s : scheduler.shards()) {
                if (s.reading && !s.paused) {
                    s.aheadDepth.fetcherWaited(maxPagesAhead, roundOfPages);
                }
            }
        }
        if (lastTakeEnd >= 0) {
            pageMillis += (now - lastTakeEnd - pageMillis) / 8;
        }
        ReadBuffer.Answer answer = buffer.take(scheduler.millisUntilNextDue(now));
        lastTakeEnd = answer == null ? -1 : clock.getAsLong();
        if (answer != null && maxPagesAhead > 0 && buffer.size() >= scheduler.shards().size()) {
            // An answer per shard still waits: the reader is behind, not waiting on round trips.
            answer.shard.aheadDepth.fewer();
        }
        RecordsBySplits.Builder<Record> out = new RecordsBySplits.Builder<>();
        if (answer != null) {
            handOut(answer, out);
        }
        return out.build();
    }

    private void start(ShardReadState shard) {
        shard.reading = true;
        CompletableFuture<Object> read = requests.start(shard);
        long sent = clock.getAsLong();
        if (read.isDone()) {
            // Buffered before the next shard is considered, so the budget also holds for it; the
            // fetcher starts the shard's next read itself.
            read.whenComplete(
                    (value, failure) ->
                            buffer.add(
                                    new ReadBuffer.Answer(
                                            shard, value, failure, clock.getAsLong())));
        } else {
            onAnswer(shard, read, sent);
        }
    }

    /**
     * On the thread a read completed on: buffers its answer and, when it brought records and there
     * is room, goes on with the shard's next page at once: the page read ahead from exactly where
     * this one ended, else a read from this page's next cursor. After a full page it also asks for
     * pages ahead (as many as the shard's {@link ReadAheadDepth}), each starting where the page
     * before it should end. The answer is buffered before the next one can be, so the shard's
     * answers stay in order. Concurrent completions may each see room and go over the budget by at
     * most their pages, as reads the fetcher starts may.
     */
    private void completed(ShardReadState shard, Object value, Throwable failure) {
        ReadBuffer.Answer answer = new ReadBuffer.Answer(shard, value, failure, clock.getAsLong());
        boolean next =
                readsOn(shard, value)
                        && scheduler.hasRoom(
                                buffer.heldBytes() + answer.bytes,
                                buffer.heldRecords() + answer.records);
        if (!next) {
            shard.readAhead.discard();
            buffer.add(answer);
            return;
        }
        buffer.add(answer.followed());
        GetRecordsResult page = (GetRecordsResult) value;
        String nextCursor = page.getNextCursor();
        long nextSequence = nextSequence(page);
        ShardReadAhead.Page ahead = shard.readAhead.take(nextSequence);
        if (ahead != null && ahead.read.isDone() && shard.readAhead.allAnswered()) {
            shard.aheadDepth.fewer();
        }
        if (nextSequence >= 0 && page.getRecords().size() >= maxRecordsPerFetch) {
            readAhead(shard, page, nextSequence, answer);
        }
        if (ahead != null) {
            ahead.read.whenComplete((v, f) -> aheadAnswered(shard, ahead, nextCursor, v, f));
        } else {
            readOn(shard, nextCursor);
        }
    }

    /**
     * Asks for pages of the shard ahead of its next read (which starts at {@code next}), each as
     * many sequences after the one before as this full page spans, up to the shard's {@link
     * ReadAheadDepth}, before the split's stop sequence, not past the shard's latest record as the
     * page reported it, and within the budget: each reserves what this page holds. Then opens the
     * cursors of as many pages after them, so that each of those costs one round trip when its turn
     * comes.
     */
    private void readAhead(
            ShardReadState shard, GetRecordsResult page, long next, ReadBuffer.Answer like) {
        int depth = shard.aheadDepth.pages();
        long stride = next - page.getRecords().get(0).getSequence();
        if (depth <= 0 || stride <= 0) {
            return;
        }
        ShardReadAhead ahead = shard.readAhead;
        long end = Math.min(shard.split.stopSequence(), page.getLatestSequence() + 1);
        for (long start = ahead.lastStart(next) + stride;
                ahead.size() < depth && start < end;
                start += stride) {
            if (!scheduler.hasRoom(
                    buffer.heldBytes() + like.bytes, buffer.heldRecords() + like.records)) {
                break;
            }
            buffer.reserve(like.bytes, like.records);
            CompletableFuture<String> cursor = ahead.openedCursor(start);
            ahead.add(
                    new ShardReadAhead.Page(
                            start,
                            requests.pageAt(
                                    shard,
                                    cursor != null ? cursor : requests.cursorAt(shard, start)),
                            () -> buffer.release(like.bytes, like.records)));
        }
        for (long start = ahead.lastOpenedStart(next) + stride;
                ahead.openedCursors() < depth && start < end;
                start += stride) {
            ahead.addCursor(start, requests.cursorAt(shard, start));
        }
    }

    /**
     * A page read ahead that the shard's chain arrived at: used when it holds records starting
     * exactly there; else (an error, the end of a closed shard, nothing yet) the shard reads from
     * the real next cursor, whose answer (or error) counts.
     */
    private void aheadAnswered(
            ShardReadState shard,
            ShardReadAhead.Page ahead,
            String realCursor,
            Object value,
            Throwable failure) {
        if (failure == null && startsAt((GetRecordsResult) value, ahead.start)) {
            completed(shard, value, null);
        } else {
            readOn(shard, realCursor);
        }
    }

    /** The shard's next read in its chain, from {@code cursor}. */
    private void readOn(ShardReadState shard, String cursor) {
        long sent = clock.getAsLong();
        onAnswer(shard, requests.page(shard, cursor), sent);
    }

    /**
     * When a read of the chain completes: its round trip is noted, then it goes on as {@link
     * #completed}.
     */
    private void onAnswer(ShardReadState shard, CompletableFuture<Object> read, long sent) {
        read.whenComplete(
                (value, failure) -> {
                    shard.aheadDepth.roundTrip(clock.getAsLong() - sent);
                    completed(shard, value, failure);
                });
    }

    private static boolean startsAt(GetRecordsResult page, long sequence) {
        List<Record> records = page.getRecords();
        return !records.isEmpty()
                && records.get(0).getSequence() == sequence
                && records.get(0).getBatchIndex() == 0;
    }

    /** The sequence after the page, or -1 when it ended inside a batch. */
    private static long nextSequence(GetRecordsResult page) {
        List<Record> records = page.getRecords();
        Record last = records.get(records.size() - 1);
        return last.getBatchIndex() + 1 >= last.getBatchSize() ? last.getSequence() + 1 : -1;
    }

    /**
     * Whether a shard's next page may be asked for as soon as this answer is in: it is a page with
     * records that ends before the split's stop, and the shard is neither paused nor finished.
     * Empty pages and failures are handed out first (they decide a wait or a backoff).
     */
    private boolean readsOn(ShardReadState shard, Object value) {
        if (closed || shard.paused || shard.finished || !(value instanceof GetRecordsResult)) {
            return false;
        }
        List<Record> records = ((GetRecordsResult) value).getRecords();
        if (records.isEmpty()) {
            return false;
        }
        Record last = records.get(records.size() - 1);
        ShardSplit split = shard.split;
        return last.getSequence() + 1 < split.stopSequence()
                && (split.stopTimestampMillis() == ShardSplit.NO_STOP
                        || last.getSystemTime() <= split.stopTimestampMillis());
    }

    private void handOut(ReadBuffer.Answer answer, RecordsBySplits.Builder<Record> out)
            throws IOException {
        ShardReadState shard = answer.shard;
        if (scheduler.get(shard.id()) != shard) {
            // Read ahead for a split that finished meanwhile.
            return;
        }
        shard.reading = answer.followed;
        long at = answer.completedAt;
        if (answer.failure != null) {
            failed(shard, answer.failure, at, out);
        } else if (answer.value instanceof ShardRequests.NoRead) {
            String finish = ((ShardRequests.NoRead) answer.value).finishReason;
            if (finish != null) {
                finish(shard, out, finish);
            } else {
                scheduler.returnedNothing(shard, at);
            }
        } else {
            PageHandler.Outcome outcome =
                    pages.handle(
                            shard, (GetRecordsResult) answer.value, answer.recordBytes, at, out);
            if (outcome.finishReason != null) {
                finish(shard, out, outcome.finishReason);
            } else if (outcome.empty) {
                scheduler.returnedNothing(shard, at);
            } else {
                scheduler.returnedRecords(shard, at);
            }
        }
        if (shard.paused && !shard.reading) {
            // Paused while its reads were under way: from now on none is.
            shardPaused(shard.id(), true);
        }
    }

    private void failed(
            ShardReadState shard, Throwable failure, long at, RecordsBySplits.Builder<Record> out)
            throws IOException {
        Throwable e = AsyncFailures.unwrap(failure);
        switch (ReadErrorClassifier.classify(e)) {
            case SHARD_ENDED:
                finish(shard, out, "read to the end of the closed shard");
                break;
            case SHARD_GONE:
                finish(
                        shard,
                        out,
                        "the shard no longer exists ("
                                + ((DataHubException) e).getErrorCode()
                                + ")");
                break;
            case REBUILD_CURSOR:
                LOG.info(
                        "Cursor of shard {} is no longer valid ({}); resuming from {}",
                        shard.id(),
                        ((DataHubException) e).getErrorMessage(),
                        shard.position);
                scheduler.cursorExpired(shard, at);
                break;
            case BACK_OFF:
                long backoff = scheduler.failed(shard, at);
                LOG.warn(
                        "Reading shard {} failed ({}); backing off {} ms",
                        shard.id(),
                        e.getMessage(),
                        backoff);
                break;
            default:
                throw new IOException(
                        "Reading shard "
                                + shard.id()
                                + " of DataHub topic "
                                + project
                                + "/"
                                + topic
                                + " failed: "
                                + e.getMessage(),
                        e);
        }
    }

    private void finish(ShardReadState shard, RecordsBySplits.Builder<Record> out, String why) {
        LOG.info("Shard {} finished: {}", shard.id(), why);
        shard.finished = true;
        shard.readAhead.discard();
        scheduler.remove(shard.id());
        out.addFinishedSplit(shard.id());
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (ShardSplit split : change.splits()) {
            scheduler.add(new ShardReadState(split));
            LOG.info("Reading shard {} from {}", split.shardId(), split.position());
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<ShardSplit> toPause, Collection<ShardSplit> toResume) {
        for (ShardSplit s : toPause) {
            ShardReadState shard = scheduler.get(s.splitId());
            if (shard != null) {
                shard.paused = true;
                if (!shard.reading) {
                    shardPaused(s.splitId(), true);
                }
                // else reported when the read under way is handed out
            }
        }
        for (ShardSplit s : toResume) {
            ShardReadState shard = scheduler.get(s.splitId());
            if (shard != null) {
                shard.paused = false;
                shardPaused(s.splitId(), false);
            }
        }
    }

    /** Runs in the fetcher thread (Flink hands the pause over as a fetcher task). */
    private void shardPaused(String shardId, boolean paused) {
        ShardMetrics m = metrics.shard(shardId);
        if (m != null) {
            m.paused(paused);
        }
    }

    /** Records of the answers waiting to be handed out plus those reserved for pages ahead. */
    @VisibleForTesting
    long heldRecords() {
        return buffer.heldRecords();
    }

    @Override
    public void wakeUp() {
        buffer.wakeUp();
    }

    @Override
    public void close() {
        // Reads still under way complete into the buffer, which nobody takes from any more.
        closed = true;
        client.close();
    }
}
