package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.Record;

import java.util.List;

/**
 * Records read from one shard, and where to continue. When nothing new was available {@link
 * #getRecordCount()} is 0 and {@link #getNextCursor()} equals the cursor that was asked for.
 */
@PublicEvolving
public final class GetRecordsResult {
    private final String nextCursor;
    private final int recordCount;
    private final long startSequence;
    private final long latestSequence;
    private final long latestTime;
    private final List<Record> records;

    public GetRecordsResult(
            String nextCursor,
            int recordCount,
            long startSequence,
            long latestSequence,
            long latestTime,
            List<? extends Record> records) {
        this.nextCursor = nextCursor;
        this.recordCount = recordCount;
        this.startSequence = startSequence;
        this.latestSequence = latestSequence;
        this.latestTime = latestTime;
        this.records = List.copyOf(records);
    }

    public String getNextCursor() {
        return nextCursor;
    }

    /**
     * Number of entries the service returned. In the batch format one entry holds a whole batch, so
     * this can be smaller than {@code getRecords().size()}.
     */
    public int getRecordCount() {
        return recordCount;
    }

    /** Sequence of the first returned record. */
    public long getStartSequence() {
        return startSequence;
    }

    /** Latest sequence in the shard when the records were read; -1 if the service did not say. */
    public long getLatestSequence() {
        return latestSequence;
    }

    /** System time (ms) of the latest record in the shard; -1 if the service did not say. */
    public long getLatestTime() {
        return latestTime;
    }

    public List<Record> getRecords() {
        return records;
    }

    @Override
    public String toString() {
        return "GetRecordsResult{nextCursor="
                + nextCursor
                + ", recordCount="
                + recordCount
                + ", startSequence="
                + startSequence
                + ", latestSequence="
                + latestSequence
                + ", records="
                + records.size()
                + '}';
    }
}
