package io.github.flinkdatahub.client.model.subscription;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * A position stored in a subscription: the sequence and record time (ms) of the last
 * <em>consumed</em> record, so reading resumes at {@code sequence + 1}; -1/-1 when nothing was
 * committed yet. In batch topics one sequence covers a whole batch and {@code batchIndex} is the
 * record inside it (0 otherwise).
 */
@PublicEvolving
public class OffsetBase {
    private final long sequence;
    private final long timestamp;
    private final int batchIndex;

    public OffsetBase(long sequence, long timestamp) {
        this(sequence, timestamp, 0);
    }

    public OffsetBase(long sequence, long timestamp, int batchIndex) {
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.batchIndex = batchIndex;
    }

    public long getSequence() {
        return sequence;
    }

    /** Record time in milliseconds since the epoch. */
    public long getTimestamp() {
        return timestamp;
    }

    public int getBatchIndex() {
        return batchIndex;
    }

    @Override
    public boolean equals(Object o) {
        // Exact class: an offset with a version is not the same value as one without.
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        OffsetBase b = (OffsetBase) o;
        return sequence == b.sequence && timestamp == b.timestamp && batchIndex == b.batchIndex;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(sequence) * 31 + Long.hashCode(timestamp)) * 31 + batchIndex;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName()
                + "{sequence="
                + sequence
                + ", timestamp="
                + timestamp
                + ", batchIndex="
                + batchIndex
                + fieldsToString()
                + '}';
    }

    /** Extra members of subclasses for {@link #toString()}, each starting with ", ". */
    String fieldsToString() {
        return "";
    }
}
