package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.routing.RecordRouter;
import io.github.flinkdatahub.connector.sink.routing.RoutingContext;
import io.github.flinkdatahub.connector.sink.routing.ShardTable;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;

import javax.annotation.Nullable;

import java.util.function.Supplier;

/**
 * The topic a writer writes to, as its start-up found it: schema, shard table and router, with the
 * serializer opened. A DataHub failure at start-up is retried with the sink's backoff and budget.
 */
@Internal
final class WriterTopic {
    final String project;
    final String topic;

    /** {@code project/topic}, for messages. */
    final String path;

    /** Null for a blob topic. */
    @Nullable final RecordSchema schema;

    final ShardTable shards;
    final RecordRouter router;

    private WriterTopic(
            String project,
            String topic,
            @Nullable RecordSchema schema,
            ShardTable shards,
            RecordRouter router) {
        this.project = project;
        this.topic = topic;
        this.path = project + "/" + topic;
        this.schema = schema;
        this.shards = shards;
        this.router = router;
    }

    /**
     * {@code client} is the writer's, kept by the shard table for later refreshes. The calls here
     * go through a second client that retries by itself: the task can do nothing else meanwhile, so
     * waiting in the client's timer is all a retry loop here would do.
     */
    static WriterTopic open(
            WriterInitContext context,
            DataHubConnection connection,
            DataHubClient client,
            String project,
            String topic,
            DataHubSerializationSchema<?> serializer,
            DataHubRouting routing,
            WriterConfig config) {
        String topicPath = project + "/" + topic;
        try (DataHubClient retrying = connection.openClient(config.retryPolicy())) {
            GetTopicResult t =
                    call(
                            project,
                            topic,
                            "Reading DataHub topic " + topicPath,
                            () -> retrying.getTopic(project, topic));
            RecordSchema topicSchema =
                    t.getRecordType() == RecordType.TUPLE ? t.getRecordSchema() : null;
            if (topicSchema != null && config.schemaVersion() >= 0) {
                // Records take the registered version's fields; the client names its version.
                topicSchema =
                        call(
                                        project,
                                        topic,
                                        "Reading schema version "
                                                + config.schemaVersion()
                                                + " of DataHub topic "
                                                + topicPath,
                                        () ->
                                                retrying.getTopicSchema(
                                                        project, topic, config.schemaVersion()))
                                .getRecordSchema();
            }
            try {
                serializer.open(
                        context.asSerializationSchemaInitializationContext(),
                        topicPath,
                        topicSchema);
            } catch (Exception e) {
                throw new DataHubSinkException(
                        "The serializer cannot write DataHub topic "
                                + topicPath
                                + ": "
                                + e.getMessage(),
                        e);
            }
            ShardTable shards =
                    new ShardTable(
                            client,
                            project,
                            topic,
                            config.shardRefreshInterval(),
                            context.getTaskInfo().getIndexOfThisSubtask());
            call(
                    project,
                    topic,
                    "Listing the shards of DataHub topic " + topicPath,
                    () -> {
                        shards.refresh(retrying);
                        return null;
                    });
            try {
                RecordRouter router =
                        routing.open(new RoutingContext(project, topic, topicSchema, shards));
                if (config.schemaVersion() >= 0 && router.routedByService()) {
                    throw new IllegalArgumentException(
                            "Writing DataHub topic "
                                    + topicPath
                                    + " with schema version "
                                    + config.schemaVersion()
                                    + " needs puts to one shard (round-robin or a shard id): records"
                                    + " the service routes (by hash fields) travel as protobuf, which"
                                    + " names no schema version.");
                }
                return new WriterTopic(project, topic, topicSchema, shards, router);
            } catch (IllegalArgumentException e) {
                throw new DataHubSinkException(e.getMessage(), e);
            }
        }
    }

    private static <R> R call(String project, String topic, String what, Supplier<R> call) {
        try {
            return call.get();
        } catch (DataHubException e) {
            throw new DataHubSinkException(
                    what + " failed: " + e.getMessage() + ErrorDetails.hint(project, topic, e), e);
        }
    }
}
