package io.github.flinkdatahub.connector.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

import java.time.Duration;

/**
 * Tuning options of the DataHub sink, with their defaults (also the SQL option keys). The fallback
 * keys are the names Alibaba's hosted DataHub connector uses, so existing DDL keeps working.
 */
@PublicEvolving
public final class DataHubSinkOptions {
    private DataHubSinkOptions() {}

    /** Most records one put request may carry (service limit). */
    public static final int MAX_RECORDS_PER_REQUEST = 10_000;
    /** Largest put request body the service accepts. */
    public static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    public static final ConfigOption<Integer> BATCH_MAX_RECORDS = ConfigOptions
            .key("sink.batch.max-records")
            .intType()
            .defaultValue(1000)
            .withFallbackKeys("batchCount")
            .withDescription("Records per put request (1-10000, the service maximum). A buffer is sent as soon as it"
                    + " holds this many records.");

    public static final ConfigOption<MemorySize> BATCH_MAX_BYTES = ConfigOptions
            .key("sink.batch.max-bytes")
            .memoryType()
            .defaultValue(MemorySize.parse("2mb"))
            .withFallbackKeys("batchSize")
            .withDescription("Estimated bytes per put request (at most 4 MB, the service limit on a request body;"
                    + " the estimate is conservative). A buffer is sent as soon as it holds this much.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL = ConfigOptions
            .key("sink.flush-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withFallbackKeys("flushInterval")
            .withDescription("Longest time a record waits in a buffer that is not full before it is sent.");

    public static final ConfigOption<String> HASH_FIELDS = ConfigOptions
            .key("sink.hash-fields")
            .stringType()
            .noDefaultValue()
            .withFallbackKeys("hashFields")
            .withDescription("Comma-separated fields of a tuple topic to route by: records with equal values get"
                    + " the same 128-bit hash key (MD5 of the values' text) and the service puts them on the shard"
                    + " owning that key, also after splits and merges. Excludes sink.shard-id.");

    public static final ConfigOption<String> SHARD_ID = ConfigOptions
            .key("sink.shard-id")
            .stringType()
            .noDefaultValue()
            .withDescription("Write every record to this shard. When a split or merge closes it, records follow the"
                    + " open shard holding the start of its hash-key range. Excludes sink.hash-fields. Without"
                    + " either option, requests go round-robin to the active shards.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = ConfigOptions
            .key("sink.delivery-guarantee")
            .enumType(DeliveryGuarantee.class)
            .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
            .withDescription("at-least-once (every record is acknowledged before a checkpoint completes) or none"
                    + " (checkpoints do not wait). exactly-once is not possible: DataHub has no transactions.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT_REQUESTS = ConfigOptions
            .key("sink.max-in-flight-requests")
            .intType()
            .defaultValue(5)
            .withDescription("Put requests one writer keeps in flight at once; throttling halves the limit for a"
                    + " while. Concurrent puts and retries may change the order of records within a shard.");

    public static final ConfigOption<Integer> BUFFER_MAX_RECORDS = ConfigOptions
            .key("sink.buffer.max-records")
            .intType()
            .defaultValue(20_000)
            .withDescription("Records a writer holds unsent (buffered or waiting to be retried) before it blocks and"
                    + " backpressures the job.");

    public static final ConfigOption<MemorySize> BUFFER_MAX_BYTES = ConfigOptions
            .key("sink.buffer.max-bytes")
            .memoryType()
            .defaultValue(MemorySize.parse("32mb"))
            .withDescription("Estimated bytes a writer holds unsent before it blocks and backpressures the job.");

    public static final ConfigOption<Integer> RETRY_MAX_RETRIES = ConfigOptions
            .key("sink.retry.max-retries")
            .intType()
            .defaultValue(20)
            .withDescription("How often one record is sent again after retryable failures (throttling, server busy,"
                    + " 5xx, lost connections, closed shards) before the job fails; records are never dropped.");

    public static final ConfigOption<Duration> RETRY_TIMEOUT = ConfigOptions
            .key("sink.retry.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How long one record may keep failing, from its first failure, before the job fails.");

    public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF = ConfigOptions
            .key("sink.retry.initial-backoff")
            .durationType()
            .defaultValue(Duration.ofMillis(100))
            .withDescription("Backoff before the first retry; it doubles per retry up to sink.retry.max-backoff, with"
                    + " jitter.");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF = ConfigOptions
            .key("sink.retry.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("Upper bound of the backoff between retries.");

    public static final ConfigOption<Duration> SHARD_REFRESH_INTERVAL = ConfigOptions
            .key("sink.shard-refresh.interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("How often round-robin and shard-id routing re-read the shard list (also right after a"
                    + " write hit a closed shard).");
}
