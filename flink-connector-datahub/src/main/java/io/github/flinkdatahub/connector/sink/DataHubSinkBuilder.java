package io.github.flinkdatahub.connector.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubOptionsUtil;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.sink.writer.WriterConfig;

import java.time.Duration;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_RECORDS_PER_REQUEST;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BUFFER_MAX_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BUFFER_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_DELIVERY_GUARANTEE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_FLUSH_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_MAX_IN_FLIGHT_REQUESTS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_INITIAL_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_RETRIES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_TIMEOUT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SCHEMA_VERSION;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SHARD_REFRESH_INTERVAL;

/**
 * Builds a {@link DataHubSink}; connection, project, topic and serializer are required, the rest
 * defaults to {@link DataHubConnectorOptions}.
 */
@PublicEvolving
public final class DataHubSinkBuilder<T> {
    private DataHubConnection connection;
    private String project;
    private String topic;
    private DataHubSerializationSchema<T> serializer;
    private DataHubRouting routing = DataHubRouting.roundRobin();
    private int batchMaxRecords = SINK_BATCH_MAX_RECORDS.defaultValue();
    private long batchMaxBytes = SINK_BATCH_MAX_BYTES.defaultValue().getBytes();
    private Duration flushInterval = SINK_FLUSH_INTERVAL.defaultValue();
    private int maxInFlightRequests = SINK_MAX_IN_FLIGHT_REQUESTS.defaultValue();
    private int bufferMaxRecords = SINK_BUFFER_MAX_RECORDS.defaultValue();
    private long bufferMaxBytes = SINK_BUFFER_MAX_BYTES.defaultValue().getBytes();
    private int maxRetries = SINK_RETRY_MAX_RETRIES.defaultValue();
    private Duration retryTimeout = SINK_RETRY_TIMEOUT.defaultValue();
    private Duration initialBackoff = SINK_RETRY_INITIAL_BACKOFF.defaultValue();
    private Duration maxBackoff = SINK_RETRY_MAX_BACKOFF.defaultValue();
    private Duration shardRefreshInterval = SINK_SHARD_REFRESH_INTERVAL.defaultValue();
    private DeliveryGuarantee deliveryGuarantee = SINK_DELIVERY_GUARANTEE.defaultValue();
    private int schemaVersion = SINK_SCHEMA_VERSION.defaultValue();

    DataHubSinkBuilder() {}

    /** Endpoint, credentials, wire mode and compression of the client. */
    public DataHubSinkBuilder<T> setConnection(DataHubConnection connection) {
        this.connection = connection;
        return this;
    }

    public DataHubSinkBuilder<T> setProject(String project) {
        this.project = project;
        return this;
    }

    public DataHubSinkBuilder<T> setTopic(String topic) {
        this.topic = topic;
        return this;
    }

    public DataHubSinkBuilder<T> setSerializer(DataHubSerializationSchema<T> serializer) {
        this.serializer = serializer;
        return this;
    }

    /** How records are spread over shards; {@link DataHubRouting#roundRobin()} by default. */
    public DataHubSinkBuilder<T> setRouting(DataHubRouting routing) {
        this.routing = Preconditions.checkNotNull(routing, "routing");
        return this;
    }

    /** Shortcut for {@code setRouting(DataHubRouting.byKeyFields(fields))}. */
    public DataHubSinkBuilder<T> setHashFields(String... fields) {
        return setRouting(DataHubRouting.byKeyFields(fields));
    }

    /** Shortcut for {@code setRouting(DataHubRouting.toShard(shardId))}. */
    public DataHubSinkBuilder<T> setShardId(String shardId) {
        return setRouting(DataHubRouting.toShard(shardId));
    }

    /**
     * Records that fill a batch, 1-10000: a shard's buffer is sent as soon as it holds this many;
     * records gathered while puts are in flight go in one put up to the service limits.
     */
    public DataHubSinkBuilder<T> setBatchMaxRecords(int records) {
        Preconditions.checkArgument(
                records >= 1 && records <= MAX_RECORDS_PER_REQUEST,
                "%s must be between 1 and %s, got %s",
                SINK_BATCH_MAX_RECORDS.key(),
                MAX_RECORDS_PER_REQUEST,
                records);
        this.batchMaxRecords = records;
        return this;
    }

    /**
     * Estimated bytes that fill a batch, 1 KiB to 4 MiB: a shard's buffer is sent as soon as it
     * holds this much; records gathered while puts are in flight go in one put up to the service
     * limits.
     */
    public DataHubSinkBuilder<T> setBatchMaxBytes(long bytes) {
        Preconditions.checkArgument(
                bytes >= 1024 && bytes <= MAX_REQUEST_BYTES,
                "%s must be between 1 KiB and 4 MiB (the service's request limit), got %s bytes",
                SINK_BATCH_MAX_BYTES.key(),
                bytes);
        this.batchMaxBytes = bytes;
        return this;
    }

    public DataHubSinkBuilder<T> setFlushInterval(Duration interval) {
        Preconditions.checkArgument(
                interval != null && interval.toMillis() >= 1,
                "%s must be at least 1 ms, got %s",
                SINK_FLUSH_INTERVAL.key(),
                interval);
        this.flushInterval = interval;
        return this;
    }

    public DataHubSinkBuilder<T> setMaxInFlightRequests(int requests) {
        Preconditions.checkArgument(
                requests >= 1,
                "%s must be >= 1, got %s",
                SINK_MAX_IN_FLIGHT_REQUESTS.key(),
                requests);
        this.maxInFlightRequests = requests;
        return this;
    }

    /** Unsent records (and their estimated bytes) a writer holds before it blocks. */
    public DataHubSinkBuilder<T> setBufferLimits(int maxRecords, long maxBytes) {
        Preconditions.checkArgument(
                maxRecords >= 1,
                "%s must be >= 1, got %s",
                SINK_BUFFER_MAX_RECORDS.key(),
                maxRecords);
        Preconditions.checkArgument(
                maxBytes >= 1024,
                "%s must be at least 1 KiB, got %s bytes",
                SINK_BUFFER_MAX_BYTES.key(),
                maxBytes);
        this.bufferMaxRecords = maxRecords;
        this.bufferMaxBytes = maxBytes;
        return this;
    }

    /**
     * The retry budget of one record: at most {@code maxRetries} retries and {@code timeout} from
     * its first failure.
     */
    public DataHubSinkBuilder<T> setRetryBudget(int maxRetries, Duration timeout) {
        Preconditions.checkArgument(
                maxRetries >= 0,
                "%s must be >= 0, got %s",
                SINK_RETRY_MAX_RETRIES.key(),
                maxRetries);
        Preconditions.checkArgument(
                timeout != null && !timeout.isNegative(),
                "%s must be >= 0, got %s",
                SINK_RETRY_TIMEOUT.key(),
                timeout);
        this.maxRetries = maxRetries;
        this.retryTimeout = timeout;
        return this;
    }

    public DataHubSinkBuilder<T> setRetryBackoff(Duration initial, Duration max) {
        Preconditions.checkArgument(
                initial != null && initial.toMillis() >= 1,
                "%s must be at least 1 ms, got %s",
                SINK_RETRY_INITIAL_BACKOFF.key(),
                initial);
        Preconditions.checkArgument(
                max != null && max.compareTo(initial) >= 0,
                "%s must be >= %s, got %s",
                SINK_RETRY_MAX_BACKOFF.key(),
                SINK_RETRY_INITIAL_BACKOFF.key(),
                max);
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    public DataHubSinkBuilder<T> setShardRefreshInterval(Duration interval) {
        Preconditions.checkArgument(
                interval != null && interval.toMillis() >= 1,
                "%s must be at least 1 ms, got %s",
                SINK_SHARD_REFRESH_INTERVAL.key(),
                interval);
        this.shardRefreshInterval = interval;
        return this;
    }

    /**
     * {@link DeliveryGuarantee#AT_LEAST_ONCE} (default) or {@link DeliveryGuarantee#NONE};
     * exactly-once is refused because DataHub has no transactions.
     */
    public DataHubSinkBuilder<T> setDeliveryGuarantee(DeliveryGuarantee guarantee) {
        Preconditions.checkArgument(
                guarantee != null && guarantee != DeliveryGuarantee.EXACTLY_ONCE,
                "%s=%s is not possible: DataHub has no transactions, so a restarted job may write records again."
                        + " Use at-least-once (and deduplicate downstream if needed) or none",
                SINK_DELIVERY_GUARANTEE.key(),
                guarantee);
        this.deliveryGuarantee = guarantee;
        return this;
    }

    /**
     * Writes records with the fields of this registered schema version of the topic (e.g. an older
     * one, so records keep their shape after an appended field), naming it in each batch record; -1
     * (the default) writes with the topic's newest schema. A version needs a connection with the
     * schema registry (batch puts) and puts to one shard (round-robin or a shard id): records the
     * service routes travel as protobuf, which carries no version.
     */
    public DataHubSinkBuilder<T> setSchemaVersion(int version) {
        Preconditions.checkArgument(
                version >= -1,
                "%s must be a registered version id (>= 0) or -1 for the topic's newest schema, got %s",
                SINK_SCHEMA_VERSION.key(),
                version);
        this.schemaVersion = version;
        return this;
    }

    /**
     * Applies every sink option of {@link DataHubConnectorOptions} set in {@code options} (also
     * under its fallback key); options not set keep the builder's values. Parsing and cross-checks
     * are those of {@link DataHubOptionsUtil}, as for SQL tables.
     */
    public DataHubSinkBuilder<T> setOptions(ReadableConfig options) {
        options.getOptional(SINK_BATCH_MAX_RECORDS).ifPresent(this::setBatchMaxRecords);
        options.getOptional(SINK_BATCH_MAX_BYTES).ifPresent(m -> setBatchMaxBytes(m.getBytes()));
        options.getOptional(SINK_FLUSH_INTERVAL).ifPresent(this::setFlushInterval);
        options.getOptional(SINK_MAX_IN_FLIGHT_REQUESTS).ifPresent(this::setMaxInFlightRequests);
        setBufferLimits(
                options.getOptional(SINK_BUFFER_MAX_RECORDS).orElse(bufferMaxRecords),
                options.getOptional(SINK_BUFFER_MAX_BYTES)
                        .map(m -> m.getBytes())
                        .orElse(bufferMaxBytes));
        setRetryBudget(
                options.getOptional(SINK_RETRY_MAX_RETRIES).orElse(maxRetries),
                options.getOptional(SINK_RETRY_TIMEOUT).orElse(retryTimeout));
        setRetryBackoff(
                options.getOptional(SINK_RETRY_INITIAL_BACKOFF).orElse(initialBackoff),
                options.getOptional(SINK_RETRY_MAX_BACKOFF).orElse(maxBackoff));
        options.getOptional(SINK_SHARD_REFRESH_INTERVAL).ifPresent(this::setShardRefreshInterval);
        options.getOptional(SINK_DELIVERY_GUARANTEE).ifPresent(this::setDeliveryGuarantee);
        DataHubOptionsUtil.hashFields(options)
                .ifPresent(fields -> setRouting(DataHubRouting.byKeyFields(fields)));
        DataHubOptionsUtil.shardId(options).ifPresent(this::setShardId);
        DataHubOptionsUtil.sinkSchemaVersion(options).ifPresent(this::setSchemaVersion);
        return this;
    }

    public DataHubSink<T> build() {
        Preconditions.checkArgument(
                connection != null, "A DataHub connection is required: setConnection(...)");
        Preconditions.checkArgument(
                project != null, "The DataHub project is required: setProject(...)");
        Preconditions.checkArgument(topic != null, "The DataHub topic is required: setTopic(...)");
        NameRules.existing(project, "project");
        NameRules.existing(topic, "topic");
        Preconditions.checkArgument(
                serializer != null,
                "A serializer is required: setSerializer(...), e.g."
                        + " DataHubSerializationSchema.rowDataToTuple(rowType) or blobBytes()");
        Preconditions.checkArgument(
                bufferMaxRecords >= batchMaxRecords,
                "%s (%s) must be >= %s (%s)",
                SINK_BUFFER_MAX_RECORDS.key(),
                bufferMaxRecords,
                SINK_BATCH_MAX_RECORDS.key(),
                batchMaxRecords);
        Preconditions.checkArgument(
                bufferMaxBytes >= batchMaxBytes,
                "%s (%s bytes) must be >= %s (%s bytes)",
                SINK_BUFFER_MAX_BYTES.key(),
                bufferMaxBytes,
                SINK_BATCH_MAX_BYTES.key(),
                batchMaxBytes);
        Preconditions.checkArgument(
                schemaVersion < 0 || connection.isSchemaRegistryEnabled(),
                "%s = %s needs the schema registry: a connection built with schemaRegistry(true)"
                        + " (SQL: 'schema-registry.enabled' = 'true')",
                SINK_SCHEMA_VERSION.key(),
                schemaVersion);
        WriterConfig config =
                new WriterConfig(
                        batchMaxRecords,
                        batchMaxBytes,
                        flushInterval,
                        maxInFlightRequests,
                        bufferMaxRecords,
                        bufferMaxBytes,
                        maxRetries,
                        retryTimeout,
                        initialBackoff,
                        maxBackoff,
                        shardRefreshInterval,
                        deliveryGuarantee,
                        schemaVersion);
        return new DataHubSink<>(connection, project, topic, serializer, routing, config);
    }
}
