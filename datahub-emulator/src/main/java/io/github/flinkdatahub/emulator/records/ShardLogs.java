package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;

/**
 * Access to shard record logs with the topic lifecycle applied: entries older than the topic's
 * lifecycle (days, by the data clock) expire, and a closed shard disappears once everything it ever
 * held has expired. Expiry runs lazily whenever a topic or log is used, so every answer (cursors,
 * reads, metering, listings) sees it. Call under {@link EmulatorContext#lock()}.
 */
public final class ShardLogs {
    private static final Logger LOG = LoggerFactory.getLogger(ShardLogs.class);

    private final EmulatorContext ctx;

    public ShardLogs(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The topic, without the closed shards whose data has all expired (they are dropped for good).
     */
    public TopicDoc topic(String project, String topic) {
        TopicDoc t = ctx.topic(project, topic);
        long cutoff = cutoff(t);
        boolean changed = false;
        for (Iterator<ShardDoc> it = t.shards.iterator(); it.hasNext(); ) {
            ShardDoc s = it.next();
            // Every entry of a closed shard is older than its closing, so it is all gone by then.
            if (Shards.CLOSED.equals(s.state) && s.closedTimeMillis < cutoff) {
                it.remove();
                ShardLog.open(ctx.store(), topicKey(t), s.shardId).drop();
                changed = true;
                LOG.info(
                        "Closed shard {} of {}/{} expired with all its data and is gone",
                        s.shardId,
                        t.project,
                        t.name);
            }
        }
        if (changed) {
            ctx.saveTopic(t);
        }
        return t;
    }

    /** The shard's log, its expired entries dropped. */
    public ShardLog log(TopicDoc t, ShardDoc s) {
        ShardLog log = ShardLog.open(ctx.store(), topicKey(t), s.shardId);
        log.expireBefore(cutoff(t));
        return log;
    }

    /** Entries appended before this data-clock time have expired. */
    public long cutoff(TopicDoc t) {
        return ctx.nowMillis() - Duration.ofDays(t.lifecycle).toMillis();
    }

    public long now() {
        return ctx.nowMillis();
    }

    public static String topicKey(TopicDoc t) {
        return EmulatorStore.key(t.project, t.name);
    }
}
