package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.metrics.ShardMetrics;
import io.github.flinkdatahub.connector.source.split.ShardSplit;

import java.util.List;

/**
 * Turns one page of a shard into records to hand out: skips what was emitted before the restore or
 * lies before the start time, stops at the split's stop sequence or time, moves the shard's
 * position and cursor on, and tells whether the page was empty or the split is finished.
 */
@Internal
final class PageHandler {
    /** What a page meant for its shard. */
    static final class Outcome {
        /** Nothing new: the shard waits before it is read again. */
        final boolean empty;

        /** Why the split is finished; null while it is not. */
        final String finishReason;

        private Outcome(boolean empty, String finishReason) {
            this.empty = empty;
            this.finishReason = finishReason;
        }
    }

    private final DataHubSourceReaderMetrics metrics;

    PageHandler(DataHubSourceReaderMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * @param recordBytes each record's payload bytes, counted as numBytesIn when it is handed out
     * @param now wall-clock milliseconds when the page arrived
     */
    Outcome handle(
            ShardReadState shard,
            GetRecordsResult result,
            long[] recordBytes,
            long now,
            RecordsBySplits.Builder<Record> out) {
        ShardSplit split = shard.split;
        String id = split.shardId();
        boolean stopped = false;
        long lastSequence = -1;
        long lastTime = -1;
        long bytes = 0;
        List<Record> records = result.getRecords();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
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
            bytes += recordBytes[i];
            out.add(id, r);
        }
        metrics.bytesIn(bytes);
        boolean empty =
                result.getRecords().isEmpty() || result.getNextCursor().equals(shard.cursor);
        shard.cursor = result.getNextCursor();
        ShardMetrics m = metrics.shard(id);
        if (m != null) {
            m.fetched(lastSequence, lastTime, result.getLatestSequence(), result.getLatestTime());
        }
        if (lastTime >= 0) {
            metrics.fetchEventTimeLag(now - lastTime);
        }
        String finish = null;
        if (stopped) {
            finish = "reached its stop position";
        } else if (result.getRecords().isEmpty() && split.stopSequence() != ShardSplit.NO_STOP) {
            // Bounded by the records present at start, all of which lie before the stop sequence:
            // reaching the end of the shard means none is left (an empty shard never advances the
            // position to the stop sequence, so this is its only way to finish).
            finish = "read every record present at start";
        } else if (result.getRecords().isEmpty()
                && split.stopTimestampMillis() != ShardSplit.NO_STOP
                && now
                        > split.stopTimestampMillis()
                                + ShardSplitReader.STOP_TIME_CLOCK_MARGIN_MILLIS) {
            // Caught up, and the stop time is past: records arriving now get a later system time.
            finish = "caught up after its stop time " + split.stopTimestampMillis();
        }
        return new Outcome(empty, finish);
    }
}
