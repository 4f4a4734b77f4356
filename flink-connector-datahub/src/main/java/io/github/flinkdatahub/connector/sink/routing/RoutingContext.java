package io.github.flinkdatahub.connector.sink.routing;

import org.apache.flink.annotation.Experimental;

import io.github.flinkdatahub.client.model.RecordSchema;

import javax.annotation.Nullable;

/** What a router learns about its topic when a writer starts. */
@Experimental
public final class RoutingContext {
    private final String project;
    private final String topic;
    @Nullable private final RecordSchema schema;
    private final ShardTable shards;

    public RoutingContext(
            String project, String topic, @Nullable RecordSchema schema, ShardTable shards) {
        this.project = project;
        this.topic = topic;
        this.schema = schema;
        this.shards = shards;
    }

    public String getProject() {
        return project;
    }

    public String getTopic() {
        return topic;
    }

    /** {@code project/topic}, for messages. */
    public String topicPath() {
        return project + "/" + topic;
    }

    /** The tuple topic's schema at writer start; null for a blob topic. */
    @Nullable
    public RecordSchema getSchema() {
        return schema;
    }

    /** The topic's shards as last read (already read once when {@code open} is called). */
    public ShardTable getShards() {
        return shards;
    }
}
