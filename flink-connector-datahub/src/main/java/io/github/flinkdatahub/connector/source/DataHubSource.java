package io.github.flinkdatahub.connector.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.enumerator.DataHubSourceEnumerator;
import io.github.flinkdatahub.connector.source.enumerator.EnumeratorState;
import io.github.flinkdatahub.connector.source.enumerator.EnumeratorStateSerializer;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.reader.DataHubSourceReaderFactory;
import io.github.flinkdatahub.connector.source.reader.FetchSettings;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitSerializer;

import javax.annotation.Nullable;

import java.time.Duration;

/**
 * A FLIP-27 source reading a DataHub topic: one split per shard, children read only after their
 * parents, positions checkpointed as sequences, optionally committed to a DataHub subscription.
 * Made by {@link #builder()}:
 *
 * <pre>{@code
 * DataHubSource<byte[]> source = DataHubSource.<byte[]>builder()
 *         .setConnection(DataHubConnection.builder().endpoint(endpoint).credentials(id, key).build())
 *         .setProject("demo").setTopic("clicks")
 *         .setDeserializer(DataHubDeserializationSchema.blobBytes())
 *         .build();
 * env.fromSource(source, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), "clicks");
 * }</pre>
 *
 * Record timestamps are DataHub system times (ms).
 */
@PublicEvolving
public final class DataHubSource<T>
        implements Source<T, ShardSplit, EnumeratorState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    @Nullable private final String subscriptionId;
    private final StartingPosition startingPosition;
    @Nullable private final StoppingPosition stoppingPosition;
    private final DataHubDeserializationSchema<T> deserializer;
    private final Duration discoveryInterval;
    private final FetchSettings fetchSettings;
    private final boolean commitOffsets;
    private final ShardAssigner assigner;

    DataHubSource(
            DataHubConnection connection,
            String project,
            String topic,
            @Nullable String subscriptionId,
            StartingPosition startingPosition,
            @Nullable StoppingPosition stoppingPosition,
            DataHubDeserializationSchema<T> deserializer,
            Duration discoveryInterval,
            FetchSettings fetchSettings,
            boolean commitOffsets,
            ShardAssigner assigner) {
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
        this.startingPosition = startingPosition;
        this.stoppingPosition = stoppingPosition;
        this.deserializer = deserializer;
        this.discoveryInterval = discoveryInterval;
        this.fetchSettings = fetchSettings;
        this.commitOffsets = commitOffsets;
        this.assigner = assigner;
    }

    public static <T> DataHubSourceBuilder<T> builder() {
        return new DataHubSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return stoppingPosition == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, ShardSplit> createReader(SourceReaderContext context) throws Exception {
        return new DataHubSourceReaderFactory<>(
                        connection,
                        project,
                        topic,
                        subscriptionId,
                        deserializer,
                        fetchSettings,
                        commitOffsets && subscriptionId != null)
                .create(context);
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> createEnumerator(
            SplitEnumeratorContext<ShardSplit> context) {
        return restoreEnumerator(context, EnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ShardSplit> context, EnumeratorState state) {
        return new DataHubSourceEnumerator(
                context,
                connection,
                project,
                topic,
                subscriptionId,
                startingPosition,
                stoppingPosition,
                discoveryInterval,
                assigner,
                state);
    }

    @Override
    public SimpleVersionedSerializer<ShardSplit> getSplitSerializer() {
        return ShardSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return new EnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    public String getProject() {
        return project;
    }

    public String getTopic() {
        return topic;
    }

    @Override
    public String toString() {
        return "DataHubSource{"
                + project
                + "/"
                + topic
                + ", "
                + connection
                + ", start="
                + startingPosition
                + (stoppingPosition == null ? "" : ", stop=" + stoppingPosition)
                + (subscriptionId == null ? "" : ", subscription=" + subscriptionId)
                + '}';
    }
}
