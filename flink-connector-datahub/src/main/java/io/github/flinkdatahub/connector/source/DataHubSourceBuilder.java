package io.github.flinkdatahub.connector.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubOptionsUtil;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.reader.FetchSettings;

import java.time.Duration;
import java.time.ZoneId;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_EMPTY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_INITIAL_EMPTY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_READS_PER_SHARD;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SHARD_DISCOVERY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SUBSCRIPTION_ID;

/** Builds a {@link DataHubSource}; connection, project, topic and deserializer are required. */
@PublicEvolving
public final class DataHubSourceBuilder<T> {
    private DataHubConnection connection;
    private String project;
    private String topic;
    private String subscriptionId;
    private StartingPosition startingPosition = StartingPosition.earliest();
    private StoppingPosition stoppingPosition;
    private DataHubDeserializationSchema<T> deserializer;
    private Duration discoveryInterval = SCAN_SHARD_DISCOVERY_INTERVAL.defaultValue();
    private int maxRecordsPerFetch = SCAN_FETCH_MAX_RECORDS.defaultValue();
    private Duration emptyFetchInterval = SCAN_FETCH_EMPTY_INTERVAL.defaultValue();
    private Duration initialEmptyFetchInterval = SCAN_FETCH_INITIAL_EMPTY_INTERVAL.defaultValue();
    private MemorySize maxBufferedBytes = SCAN_FETCH_MAX_BUFFERED_BYTES.defaultValue();
    private int maxBufferedRecords = Integer.MAX_VALUE;
    private int maxReadsPerShard = SCAN_FETCH_MAX_READS_PER_SHARD.defaultValue();
    private Duration maxBackoff = SCAN_FETCH_MAX_BACKOFF.defaultValue();
    private boolean commitOffsets = SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT.defaultValue();
    private ShardAssigner assigner = ShardAssigner.uniform();

    DataHubSourceBuilder() {}

    /** Endpoint, credentials, wire mode and compression of the client. */
    public DataHubSourceBuilder<T> setConnection(DataHubConnection connection) {
        this.connection = connection;
        return this;
    }

    public DataHubSourceBuilder<T> setProject(String project) {
        this.project = project;
        return this;
    }

    public DataHubSourceBuilder<T> setTopic(String topic) {
        this.topic = topic;
        return this;
    }

    /**
     * A DataHub subscription to commit positions to after each completed checkpoint, and to start
     * from with {@link StartingPosition#fromSubscription}.
     */
    public DataHubSourceBuilder<T> setSubscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
        return this;
    }

    /** Where to start; {@link StartingPosition#earliest()} by default. */
    public DataHubSourceBuilder<T> setStartingPosition(StartingPosition startingPosition) {
        this.startingPosition = Preconditions.checkNotNull(startingPosition, "startingPosition");
        return this;
    }

    /** Makes the source bounded: it stops there and the job finishes. */
    public DataHubSourceBuilder<T> setBounded(StoppingPosition stoppingPosition) {
        this.stoppingPosition = Preconditions.checkNotNull(stoppingPosition, "stoppingPosition");
        return this;
    }

    public DataHubSourceBuilder<T> setDeserializer(DataHubDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    public DataHubSourceBuilder<T> setShardDiscoveryInterval(Duration interval) {
        Preconditions.checkArgument(
                interval != null && !interval.isNegative() && !interval.isZero(),
                "%s must be positive, got %s",
                SCAN_SHARD_DISCOVERY_INTERVAL.key(),
                interval);
        this.discoveryInterval = interval;
        return this;
    }

    /** Records per read of a shard, 1-1000. */
    public DataHubSourceBuilder<T> setMaxRecordsPerFetch(int maxRecords) {
        Preconditions.checkArgument(
                maxRecords >= 1 && maxRecords <= 1000,
                "%s must be between 1 and 1000, got %s",
                SCAN_FETCH_MAX_RECORDS.key(),
                maxRecords);
        this.maxRecordsPerFetch = maxRecords;
        return this;
    }

    /**
     * Longest wait of a shard that had nothing new; the wait starts at {@link
     * #setInitialEmptyFetchInterval} and doubles while the shard stays empty.
     */
    public DataHubSourceBuilder<T> setEmptyFetchInterval(Duration interval) {
        Preconditions.checkArgument(
                interval != null && !interval.isNegative(),
                "%s must be >= 0, got %s",
                SCAN_FETCH_EMPTY_INTERVAL.key(),
                interval);
        this.emptyFetchInterval = interval;
        return this;
    }

    /** First wait of a shard that had nothing new (never above the empty fetch interval). */
    public DataHubSourceBuilder<T> setInitialEmptyFetchInterval(Duration interval) {
        Preconditions.checkArgument(
                interval != null && !interval.isNegative(),
                "%s must be >= 0, got %s",
                SCAN_FETCH_INITIAL_EMPTY_INTERVAL.key(),
                interval);
        this.initialEmptyFetchInterval = interval;
        return this;
    }

    /** Estimated bytes of fetched records held for Flink before no new read starts. */
    public DataHubSourceBuilder<T> setMaxBufferedBytes(MemorySize maxBufferedBytes) {
        Preconditions.checkArgument(
                maxBufferedBytes != null && maxBufferedBytes.getBytes() > 0,
                "%s must be positive, got %s",
                SCAN_FETCH_MAX_BUFFERED_BYTES.key(),
                maxBufferedBytes);
        this.maxBufferedBytes = maxBufferedBytes;
        return this;
    }

    /**
     * Records of fetched answers held for Flink at which no new read starts (besides the byte
     * budget; reads under way can add at most one page per shard). Default: no record bound.
     */
    public DataHubSourceBuilder<T> setMaxBufferedRecords(int maxBufferedRecords) {
        Preconditions.checkArgument(
                maxBufferedRecords >= 1,
                "%s must be at least 1, got %s",
                SCAN_FETCH_MAX_BUFFERED_RECORDS.key(),
                maxBufferedRecords);
        this.maxBufferedRecords = maxBufferedRecords;
        return this;
    }

    /**
     * The most pages of one shard in flight at once: while the reader waits on the shard's round
     * trips, a full page starts the pages after it ahead (used only where the page before ended
     * exactly at their start). 1: one read per shard.
     */
    public DataHubSourceBuilder<T> setMaxReadsPerShard(int maxReadsPerShard) {
        Preconditions.checkArgument(
                maxReadsPerShard >= 1,
                "%s must be at least 1 (1: one read per shard), got %s",
                SCAN_FETCH_MAX_READS_PER_SHARD.key(),
                maxReadsPerShard);
        this.maxReadsPerShard = maxReadsPerShard;
        return this;
    }

    public DataHubSourceBuilder<T> setMaxBackoff(Duration maxBackoff) {
        Preconditions.checkArgument(
                maxBackoff != null && maxBackoff.toMillis() >= 100,
                "%s must be >= 100 ms, got %s",
                SCAN_FETCH_MAX_BACKOFF.key(),
                maxBackoff);
        this.maxBackoff = maxBackoff;
        return this;
    }

    /** Whether to commit to the subscription after checkpoints (default true when one is set). */
    public DataHubSourceBuilder<T> setCommitOffsetsOnCheckpoint(boolean commit) {
        this.commitOffsets = commit;
        return this;
    }

    public DataHubSourceBuilder<T> setShardAssigner(ShardAssigner assigner) {
        this.assigner = Preconditions.checkNotNull(assigner, "assigner");
        return this;
    }

    /**
     * Applies every source option of {@link DataHubConnectorOptions} set in {@code options} (also
     * under its hosted fallback key), as a SQL table would; options not set keep the builder's
     * values. Start and end times written as local date and time are in {@code
     * table.local-time-zone} of {@code options}, else the JVM's zone.
     */
    public DataHubSourceBuilder<T> setOptions(ReadableConfig options) {
        return setOptions(options, DataHubOptionsUtil.localTimeZone(options));
    }

    /**
     * As {@link #setOptions(ReadableConfig)}, with start and end times written as local date and
     * time in {@code zone}.
     */
    public DataHubSourceBuilder<T> setOptions(ReadableConfig options, ZoneId zone) {
        options.getOptional(SCAN_SUBSCRIPTION_ID).ifPresent(this::setSubscriptionId);
        if (DataHubOptionsUtil.hasStartOption(options)) {
            setStartingPosition(DataHubOptionsUtil.startingPosition(options, zone));
        }
        if (DataHubOptionsUtil.hasStopOption(options)) {
            StoppingPosition stop = DataHubOptionsUtil.stoppingPosition(options, zone);
            if (stop != null) {
                setBounded(stop);
            }
        }
        options.getOptional(SCAN_SHARD_DISCOVERY_INTERVAL)
                .ifPresent(this::setShardDiscoveryInterval);
        DataHubOptionsUtil.maxRecordsPerFetch(options).ifPresent(this::setMaxRecordsPerFetch);
        options.getOptional(SCAN_FETCH_EMPTY_INTERVAL).ifPresent(this::setEmptyFetchInterval);
        options.getOptional(SCAN_FETCH_INITIAL_EMPTY_INTERVAL)
                .ifPresent(this::setInitialEmptyFetchInterval);
        options.getOptional(SCAN_FETCH_MAX_BUFFERED_BYTES).ifPresent(this::setMaxBufferedBytes);
        DataHubOptionsUtil.maxBufferedRecords(options).ifPresent(this::setMaxBufferedRecords);
        setMaxReadsPerShard(DataHubOptionsUtil.maxReadsPerShard(options));
        options.getOptional(SCAN_FETCH_MAX_BACKOFF).ifPresent(this::setMaxBackoff);
        options.getOptional(SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT)
                .ifPresent(this::setCommitOffsetsOnCheckpoint);
        return this;
    }

    public DataHubSource<T> build() {
        Preconditions.checkArgument(
                connection != null, "A DataHub connection is required: setConnection(...)");
        Preconditions.checkArgument(
                project != null, "The DataHub project is required: setProject(...)");
        Preconditions.checkArgument(topic != null, "The DataHub topic is required: setTopic(...)");
        NameRules.existing(project, "project");
        NameRules.existing(topic, "topic");
        Preconditions.checkArgument(
                deserializer != null,
                "A deserializer is required: setDeserializer(...), e.g. "
                        + "DataHubDeserializationSchema.blobBytes() or tupleToValue()");
        Preconditions.checkArgument(
                startingPosition.kind() != StartingPosition.Kind.SUBSCRIPTION
                        || subscriptionId != null,
                "Starting from the subscription needs setSubscriptionId(...)");
        return new DataHubSource<>(
                connection,
                project,
                topic,
                subscriptionId,
                startingPosition,
                stoppingPosition,
                deserializer,
                discoveryInterval,
                new FetchSettings(
                        maxRecordsPerFetch,
                        initialEmptyFetchInterval,
                        emptyFetchInterval,
                        maxBackoff,
                        maxBufferedBytes.getBytes(),
                        maxBufferedRecords,
                        maxReadsPerShard),
                commitOffsets,
                assigner);
    }
}
