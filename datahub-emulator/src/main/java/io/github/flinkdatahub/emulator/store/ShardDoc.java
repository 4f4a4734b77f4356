package io.github.flinkdatahub.emulator.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored shard: hash-key range, lineage and state. Its record log, with the log's bounds, lives
 * in the shard's own record map (see {@code records.ShardLog}), so a put never rewrites the topic.
 */
public final class ShardDoc {
    public String shardId;
    public String beginHashKey;
    public String endHashKey;

    /** ACTIVE or CLOSED; OPENING is derived from {@link #activeAtMillis}. */
    public String state;

    public List<String> parentShardIds = new ArrayList<>();

    /** Data-clock time of creation; split and merge refuse shards younger than their cool-down. */
    public long createTimeMillis;

    /**
     * Until this time the shard reports OPENING and refuses reads and writes with ShardNotReady.
     */
    public long activeAtMillis;

    /** Data-clock time the shard was closed by a split, merge or extend; 0 while it is open. */
    public long closedTimeMillis;
}
