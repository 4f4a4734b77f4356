package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;

/**
 * Wires a reader together: reads the topic's type and schema once, opens the deserializer, and
 * gives each split reader (one fetcher thread) its own client.
 */
@Internal
public final class DataHubSourceReaderFactory<T> {
    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    private final String subscriptionId;
    private final DataHubDeserializationSchema<T> deserializer;
    private final FetchSettings fetchSettings;
    private final boolean commitOffsets;

    public DataHubSourceReaderFactory(
            DataHubConnection connection,
            String project,
            String topic,
            String subscriptionId,
            DataHubDeserializationSchema<T> deserializer,
            FetchSettings fetchSettings,
            boolean commitOffsets) {
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
        this.deserializer = deserializer;
        this.fetchSettings = fetchSettings;
        this.commitOffsets = commitOffsets;
    }

    public DataHubSourceReader<T> create(SourceReaderContext context) throws Exception {
        DataHubClient client = connection.openClient();
        GetTopicResult described;
        try {
            described = client.getTopic(project, topic);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return context.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return context.getUserCodeClassLoader();
                    }
                },
                project + "." + topic,
                described.getRecordSchema());
        DataHubSourceReaderMetrics metrics = new DataHubSourceReaderMetrics(context.metricGroup());
        SubscriptionCommitter committer = null;
        if (commitOffsets) {
            committer = new SubscriptionCommitter(client, project, topic, subscriptionId, metrics);
        } else {
            client.close();
            client = null;
        }
        return new DataHubSourceReader<>(
                () ->
                        new ShardSplitReader(
                                connection.openClient(),
                                project,
                                topic,
                                described.getRecordType(),
                                described.getRecordSchema(),
                                fetchSettings,
                                metrics),
                new DataHubRecordEmitter<>(deserializer),
                new Configuration(),
                context,
                metrics,
                committer,
                client);
    }
}
