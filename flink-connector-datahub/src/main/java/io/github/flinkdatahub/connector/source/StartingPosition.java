package io.github.flinkdatahub.connector.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

import static org.apache.flink.configuration.description.TextElement.text;

/**
 * Where a source starts reading the shards it finds when the job starts. Resolved once, on first
 * discovery, into a concrete sequence (or time) per shard and stored in the split, so a restart
 * before the first checkpoint reads exactly the same records. Shards that appear later (children of
 * splits and merges) always start at their beginning.
 */
@PublicEvolving
public final class StartingPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What to do for a shard without a committed subscription offset. */
    @PublicEvolving
    public enum OffsetResetStrategy implements DescribedEnum {
        EARLIEST("earliest", "Start at the oldest retained record."),
        LATEST("latest", "Start after the newest record."),
        FAIL("fail", "Fail the job, naming the shard.");

        private final String value;
        private final String description;

        OffsetResetStrategy(String value, String description) {
            this.value = value;
            this.description = description;
        }

        @Override
        public String toString() {
            return value;
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    /** The kinds of starting position. */
    public enum Kind {
        EARLIEST,
        LATEST,
        TIMESTAMP,
        SEQUENCES,
        SUBSCRIPTION
    }

    private final Kind kind;
    private final long timestampMillis;
    private final Map<String, Long> sequences;
    private final OffsetResetStrategy resetStrategy;

    private StartingPosition(
            Kind kind,
            long timestampMillis,
            Map<String, Long> sequences,
            OffsetResetStrategy resetStrategy) {
        this.kind = kind;
        this.timestampMillis = timestampMillis;
        this.sequences = sequences;
        this.resetStrategy = resetStrategy;
    }

    /** The oldest retained record of every shard. */
    public static StartingPosition earliest() {
        return new StartingPosition(Kind.EARLIEST, -1, Map.of(), null);
    }

    /** Only records written after the job started. */
    public static StartingPosition latest() {
        return new StartingPosition(Kind.LATEST, -1, Map.of(), null);
    }

    /** The first record received at or after {@code timestampMillis} in every shard. */
    public static StartingPosition fromTimestamp(long timestampMillis) {
        if (timestampMillis < 0) {
            throw new IllegalArgumentException(
                    "The start timestamp must be >= 0 ms, got " + timestampMillis);
        }
        return new StartingPosition(Kind.TIMESTAMP, timestampMillis, Map.of(), null);
    }

    /**
     * Per shard id, the sequence of the first record to read; shards not named start at their
     * oldest record.
     */
    public static StartingPosition fromSequences(Map<String, Long> sequencesByShard) {
        Objects.requireNonNull(sequencesByShard, "sequencesByShard");
        sequencesByShard.forEach(
                (shard, seq) -> {
                    if (seq == null || seq < 0) {
                        throw new IllegalArgumentException(
                                "The start sequence of shard "
                                        + shard
                                        + " must be >= 0, got "
                                        + seq);
                    }
                });
        return new StartingPosition(Kind.SEQUENCES, -1, Map.copyOf(sequencesByShard), null);
    }

    /**
     * After the offsets committed to the source's subscription; shards without one follow {@code
     * resetStrategy}. Needs a subscription id on the source.
     */
    public static StartingPosition fromSubscription(OffsetResetStrategy resetStrategy) {
        return new StartingPosition(
                Kind.SUBSCRIPTION,
                -1,
                Map.of(),
                Objects.requireNonNull(resetStrategy, "resetStrategy"));
    }

    public Kind kind() {
        return kind;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public Map<String, Long> sequences() {
        return sequences;
    }

    public OffsetResetStrategy resetStrategy() {
        return resetStrategy;
    }

    @Override
    public String toString() {
        switch (kind) {
            case TIMESTAMP:
                return "timestamp " + timestampMillis;
            case SEQUENCES:
                return "sequences " + sequences;
            case SUBSCRIPTION:
                return "subscription offsets (reset " + resetStrategy + ")";
            default:
                return kind.name().toLowerCase();
        }
    }
}
