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
 * What a writer needs before its first record: the topic's schema, an opened serializer, the shard
 * table and the router. A DataHub failure is retried with the sink's backoff and retry count.
 */
@Internal
final class WriterStartup {
    /** Null for a blob topic. */
    @Nullable final RecordSchema topicSchema;

    final ShardTable shards;
    final RecordRouter router;

    private WriterStartup(
            @Nullable RecordSchema topicSchema, ShardTable shards, RecordRouter router) {
        this.topicSchema = topicSchema;
        this.shards = shards;
        this.router = router;
    }

    /**
     * {@code client} is the writer's, kept by the shard table for later refreshes. The calls here
     * go through a second client that retries by itself: the task can do nothing else meanwhile, so
     * waiting in the client's timer is all a retry loop here would do.
     */
    static WriterStartup run(
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
                return new WriterStartup(topicSchema, shards, router);
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
