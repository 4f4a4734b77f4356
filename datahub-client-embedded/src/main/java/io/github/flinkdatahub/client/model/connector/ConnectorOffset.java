package io.github.flinkdatahub.client.model.connector;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Where a stopped connector should resume in a shard: a sequence and/or a record time in ms. -1
 * leaves that part unset.
 */
@PublicEvolving
public final class ConnectorOffset {
    private final long sequence;
    private final long timestamp;

    public ConnectorOffset(long sequence, long timestamp) {
        this.sequence = sequence;
        this.timestamp = timestamp;
    }

    public long getSequence() {
        return sequence;
    }

    /** Record time in milliseconds since the epoch. */
    public long getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConnectorOffset)) {
            return false;
        }
        ConnectorOffset c = (ConnectorOffset) o;
        return sequence == c.sequence && timestamp == c.timestamp;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "ConnectorOffset{sequence=" + sequence + ", timestamp=" + timestamp + '}';
    }
}
