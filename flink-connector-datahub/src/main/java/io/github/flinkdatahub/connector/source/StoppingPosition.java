package io.github.flinkdatahub.connector.source;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * Where a bounded source stops: at the records present when the job started, or at a system time.
 * Shards that appear after the start (children of later splits and merges) are not read.
 */
@PublicEvolving
public final class StoppingPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean latest;
    private final long timestampMillis;

    private StoppingPosition(boolean latest, long timestampMillis) {
        this.latest = latest;
        this.timestampMillis = timestampMillis;
    }

    /** Stop after the newest record of each shard at start. */
    public static StoppingPosition latest() {
        return new StoppingPosition(true, -1);
    }

    /** Stop before the first record received after {@code timestampMillis}. */
    public static StoppingPosition atTimestamp(long timestampMillis) {
        if (timestampMillis < 0) {
            throw new IllegalArgumentException(
                    "The stop timestamp must be >= 0 ms, got " + timestampMillis);
        }
        return new StoppingPosition(false, timestampMillis);
    }

    public boolean isLatest() {
        return latest;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    @Override
    public String toString() {
        return latest ? "latest at start" : "timestamp " + timestampMillis;
    }
}
