package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;

/**
 * The fetcher's view of one shard: its read position (ahead of what was emitted), cursor, whether a
 * read is under way, when it may be read next and why. Touched by the fetcher thread only, except
 * the volatile flags, which the client's threads read to decide whether to ask for the next page.
 */
@Internal
final class ShardReadState {
    final ShardSplit split;
    ShardPosition position;
    String cursor;

    /**
     * A read was started and the answer of the last read of its chain (see {@link
     * ReadBuffer.Answer#followed}) has not been handed out yet.
     */
    boolean reading;

    /** Held by watermark alignment: no new read starts. */
    volatile boolean paused;

    /** The split is finished (or the reader closed): no new read starts. */
    volatile boolean finished;

    /** Wall-clock milliseconds from which the next read may start. */
    long dueAt;

    /** The wait after the last empty read; -1 until one, and again after records came back. */
    long emptyWaitMillis = -1;

    /** Failed reads in a row (throttling, service errors); they set the backoff. */
    int failures;

    /**
     * When a cursor opens inside a batch: the sequence whose first records were already emitted.
     */
    long skipSequence = -1;

    int skipCount;

    /** Pages asked for ahead of the next read (with {@code scan.fetch.max-reads-per-shard} > 1). */
    final ShardReadAhead readAhead = new ShardReadAhead();

    /** How many pages ahead the shard reads now. */
    final ReadAheadDepth aheadDepth = new ReadAheadDepth();

    private final long minTimestamp;

    ShardReadState(ShardSplit split) {
        this.split = split;
        this.position = split.position();
        this.minTimestamp =
                position.kind() == ShardPosition.Kind.TIMESTAMP ? position.timestampMillis() : -1;
    }

    String id() {
        return split.shardId();
    }

    boolean atStopSequence() {
        return position.kind() == ShardPosition.Kind.SEQUENCE
                && position.sequence() >= split.stopSequence();
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
}
