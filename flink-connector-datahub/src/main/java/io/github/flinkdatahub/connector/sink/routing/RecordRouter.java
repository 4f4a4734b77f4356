package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Experimental;

import io.github.flinkdatahub.client.model.Record;

import javax.annotation.Nullable;

/**
 * Routes the records of one writer. Either the service routes each record by what it carries (a
 * hash key, partition key or shard id set in {@link #prepare}), or every request goes to the shard
 * {@link #shardForNextRequest()} names. Used from the writer's task thread only.
 */
@Experimental
public interface RecordRouter {

    /** The record as sent: e.g. with its hash key added. Called once per record. */
    Record prepare(Record record);

    /** True: records go in routed puts, the service routes each one; false: puts to one shard. */
    boolean routedByService();

    /**
     * The shard of the next put (when not {@link #routedByService()}); null when no shard is known
     * yet, which makes the writer retry later.
     */
    @Nullable
    default String shardForNextRequest() {
        return null;
    }

    /**
     * True (the default): the records of a shard reach it in the order written, so the writer keeps
     * one put per shard in flight. Round-robin has no order to keep: it spreads records without
     * keys over the shards.
     */
    default boolean keepsShardOrder() {
        return true;
    }

    /** A put to {@code shardId} found it closed; the shard list is already marked stale. */
    default void shardClosed(String shardId) {}
}
