package io.github.flinkdatahub.emulator.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored shard: hash-key range, lineage, state and the bounds of its record log. Sequences are
 * dense: the log holds {@code [firstSequence, nextSequence)}, older entries having expired.
 */
public final class ShardDoc {
    public String shardId;
    public String beginHashKey;
    public String endHashKey;
    /** ACTIVE or CLOSED; OPENING is derived from {@link #activeAtMillis}. */
    public String state;
    public List<String> parentShardIds = new ArrayList<>();
    public long createTimeMillis;
    /** Until this time the shard reports OPENING and refuses reads and writes with ShardNotReady. */
    public long activeAtMillis;
    public long closedTimeMillis;
    public long firstSequence;
    public long nextSequence;
    /** System time (ms) of the newest entry, -1 when the log is empty. */
    public long latestTimeMillis = -1;
    /** Bytes of the stored entries, for metering. */
    public long storedBytes;
}
