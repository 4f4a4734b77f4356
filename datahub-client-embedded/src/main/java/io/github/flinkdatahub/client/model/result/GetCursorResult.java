package io.github.flinkdatahub.client.model.result;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/** A cursor and the record it points at. */
@PublicEvolving
public final class GetCursorResult {
    private final String cursor;
    private final long recordTime;
    private final long sequence;

    public GetCursorResult(String cursor, long recordTime, long sequence) {
        this.cursor = cursor;
        this.recordTime = recordTime;
        this.sequence = sequence;
    }

    public String getCursor() {
        return cursor;
    }

    /** System time (ms) of the record the cursor points at. */
    public long getRecordTime() {
        return recordTime;
    }

    /** Sequence of the record the cursor points at. */
    public long getSequence() {
        return sequence;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GetCursorResult)) {
            return false;
        }
        GetCursorResult r = (GetCursorResult) o;
        return java.util.Objects.equals(cursor, r.cursor)
                && recordTime == r.recordTime
                && sequence == r.sequence;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(cursor, recordTime, sequence);
    }

    @Override
    public String toString() {
        return "GetCursorResult{cursor="
                + cursor
                + ", recordTime="
                + recordTime
                + ", sequence="
                + sequence
                + '}';
    }
}
