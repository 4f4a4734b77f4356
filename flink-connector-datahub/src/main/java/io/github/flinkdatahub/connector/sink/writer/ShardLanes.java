package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.routing.HashKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer's unsent records, in one lane per shard they go to. An ordered lane has at most one
 * put in flight (or waiting for its retry), so a shard receives its records in the order written,
 * and so does every key routed to it; lanes of different shards send concurrently.
 *
 * <p>Routed puts still let the service place each record by its shard id, hash key or partition
 * key; their lane is the shard the writer's shard list says holds that key. Puts to one shard the
 * router names share one lane, ordered unless the router spreads records without keys
 * (round-robin), which has no order to keep.
 */
@Internal
final class ShardLanes {

    /** Records for one kind of put to one shard, in order. */
    static final class Lane {
        final boolean routedPut;
        final boolean ordered;
        final RecordBuffer buffer = new RecordBuffer();

        /** Puts in flight and batches waiting for their retry. */
        private int unanswered;

        private Lane(boolean routedPut, boolean ordered) {
            this.routedPut = routedPut;
            this.ordered = ordered;
        }

        /** False while an ordered lane's put is unanswered or waits to be retried. */
        boolean canSend() {
            return !ordered || unanswered == 0;
        }

        /** A put of this lane was sent, or its batch waits for a retry. */
        void sent() {
            unanswered++;
        }

        /** A put of this lane was acknowledged, or its retry is due and goes first. */
        void released() {
            unanswered--;
        }
    }

    private final WriterTopic topic;
    private final WriterStatus status;
    private final Lane byShard;

    /** Routed lanes by the shard holding their keys ("" when no listed shard does). */
    private final Map<String, Lane> routed = new LinkedHashMap<>();

    ShardLanes(WriterTopic topic, WriterStatus status) {
        this.topic = topic;
        this.status = status;
        this.byShard = new Lane(false, topic.router.keepsShardOrder());
    }

    /**
     * Adds a record to its lane: a routed put's when the record carries a shard id, hash key or
     * partition key (set by the serializer or the router), else the lane of puts to the shard the
     * router names.
     */
    void add(PendingRecord p, boolean routedPut) {
        Lane lane = routedPut ? routed(p.record) : byShard;
        p.lane = lane;
        lane.buffer.add(p);
    }

    /**
     * All lanes; a lane that just sent moves behind the others (see {@link #sentFrom}), so no lane
     * waits behind another that always has a full batch.
     */
    Collection<Lane> lanes() {
        ArrayList<Lane> all = new ArrayList<>(routed.size() + 1);
        all.addAll(routed.values());
        all.add(byShard);
        return all;
    }

    void sentFrom(Lane lane) {
        if (lane.routedPut && routed.size() > 1) {
            for (Map.Entry<String, Lane> e : routed.entrySet()) {
                if (e.getValue() == lane) {
                    routed.remove(e.getKey());
                    routed.put(e.getKey(), lane);
                    return;
                }
            }
        }
    }

    boolean isEmpty() {
        if (!byShard.buffer.isEmpty()) {
            return false;
        }
        for (Lane l : routed.values()) {
            if (!l.buffer.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    int records() {
        int n = byShard.buffer.size();
        for (Lane l : routed.values()) {
            n += l.buffer.size();
        }
        return n;
    }

    long bytes() {
        long n = byShard.buffer.bytes();
        for (Lane l : routed.values()) {
            n += l.buffer.bytes();
        }
        return n;
    }

    private Lane routed(Record r) {
        String shardId = r.getShardId();
        if (shardId == null) {
            // The service places a partition key by the MD5 of its text, as HashKeys does.
            String hashKey =
                    r.getHashKey() != null ? r.getHashKey() : HashKeys.md5Hex(r.getPartitionKey());
            Shard holding;
            try {
                topic.shards.refreshIfDue();
                holding = topic.shards.openShardHolding(hashKey);
            } catch (DataHubException e) {
                throw status.fail(
                        new DataHubSinkException(
                                "Listing the shards of DataHub topic "
                                        + topic.path
                                        + " failed: "
                                        + e.getMessage()
                                        + ErrorDetails.hint(topic, e),
                                e));
            }
            shardId = holding == null ? "" : holding.getShardId();
        }
        return routed.computeIfAbsent(shardId, id -> new Lane(true, true));
    }
}
