package io.github.flinkdatahub.connector.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.compat.SinkCompat;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.sink.writer.DataHubSinkWriter;
import io.github.flinkdatahub.connector.sink.writer.WriterConfig;

/**
 * A sink writing to a DataHub topic, at-least-once. Made by {@link #builder()}:
 *
 * <pre>{@code
 * DataHubSink<RowData> sink = DataHubSink.<RowData>builder()
 *         .setConnection(DataHubConnection.builder().endpoint(endpoint).credentials(id, key).build())
 *         .setProject("demo").setTopic("orders")
 *         .setSerializer(DataHubSerializationSchema.rowDataToTuple(rowType))
 *         .setRouting(DataHubRouting.byKeyFields("order_id"))
 *         .build();
 * stream.sinkTo(sink);
 * }</pre>
 *
 * <p>Delivery: with {@code AT_LEAST_ONCE} (the default) every record written before a checkpoint is
 * acknowledged by DataHub before the checkpoint completes; after a failure the records since the
 * last checkpoint are written again, so a topic may hold duplicates. Exactly-once is not possible:
 * DataHub has no transactions and no idempotent writes, so nothing can take back or deduplicate
 * records of a failed attempt. With {@code NONE} checkpoints do not wait for the writes, and
 * records not yet acknowledged when a task fails are lost.
 *
 * <p>Order: when records are routed by key (hash fields, a hash or partition key) or to a shard id,
 * a writer keeps at most one put per shard in flight and retries refused records before later ones
 * of their shard, so each shard, and each key, receives one writer's records in order; puts to
 * different shards run concurrently. With round-robin, puts to one shard overlap and may reorder.
 *
 * <p>The writer keeps no state; everything is flushed at each checkpoint.
 */
@PublicEvolving
public final class DataHubSink<T> extends SinkCompat<T> {
    private static final long serialVersionUID = 1L;

    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    private final DataHubSerializationSchema<T> serializer;
    private final DataHubRouting routing;
    private final WriterConfig config;

    DataHubSink(
            DataHubConnection connection,
            String project,
            String topic,
            DataHubSerializationSchema<T> serializer,
            DataHubRouting routing,
            WriterConfig config) {
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.serializer = serializer;
        this.routing = routing;
        this.config = config;
    }

    public static <T> DataHubSinkBuilder<T> builder() {
        return new DataHubSinkBuilder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new DataHubSinkWriter<>(
                context, connection, project, topic, serializer, routing, config);
    }

    public String getProject() {
        return project;
    }

    public String getTopic() {
        return topic;
    }

    public DataHubRouting getRouting() {
        return routing;
    }

    WriterConfig getConfig() {
        return config;
    }

    @Override
    public String toString() {
        return "DataHubSink{"
                + project
                + "/"
                + topic
                + ", "
                + connection
                + ", routing="
                + routing
                + ", "
                + config
                + '}';
    }
}
