package io.github.flinkdatahub.connector;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.connector.base.DeliveryGuarantee;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions;
import io.github.flinkdatahub.connector.cdc.CdcFormat;
import io.github.flinkdatahub.connector.cdc.DtsNaming;
import io.github.flinkdatahub.connector.source.StartingPosition.OffsetResetStrategy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import static org.apache.flink.configuration.description.TextElement.text;

/**
 * Every option of the DataHub connector: the SQL table factory ({@code 'connector' = 'datahub'}),
 * the catalog ({@code 'type' = 'datahub'}) and the defaults of the DataStream source and sink
 * builders. The Flink-style key is primary; where Alibaba's hosted connector names an option
 * differently ({@code endPoint}, {@code accessId}, {@code batchCount}, ...), that name is a
 * fallback key, so DDL written for it runs unchanged.
 */
@PublicEvolving
public final class DataHubConnectorOptions {
    private DataHubConnectorOptions() {}

    // ---- How to reach DataHub (table factory and catalog).

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("endPoint")
                    .withDescription("DataHub endpoint, e.g. https://dh-cn-hangzhou.aliyuncs.com.");

    public static final ConfigOption<String> ACCESS_ID =
            ConfigOptions.key("access-id")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("accessId")
                    .withDescription("AccessKey ID of the Alibaba Cloud account or RAM user.");

    public static final ConfigOption<String> ACCESS_KEY =
            ConfigOptions.key("access-key")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("accessKey", "access-key-secret", "accessKeySecret")
                    .withDescription(
                            "AccessKey secret of the account (sensitive: never logged). Flink itself prints a"
                                    + " table's options in some planning errors and masks only keys containing words such as"
                                    + " 'secret' or 'password'; write the key as 'access-key-secret' to have Flink mask it too.");

    public static final ConfigOption<String> SECURITY_TOKEN =
            ConfigOptions.key("security-token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "STS security token, when the access id and key are temporary (sensitive).");

    public static final ConfigOption<WireMode> CLIENT_PROTOCOL =
            ConfigOptions.key("client.protocol")
                    .enumType(WireMode.class)
                    .defaultValue(WireMode.PROTOBUF)
                    // Kept at protobuf by decision, not by measurement: see the description.
                    .withDescription(
                            "How records travel: json, protobuf (the default of the official SDKs) or batch"
                                    + " (binary batches, the most compact; the topic should be a batch topic)."
                                    + " Batch is the faster wire: our client against the emulator, 1000 records per"
                                    + " call, two runs: put 1.0-2.7x and get 2-16x the records/s of protobuf (a batch get"
                                    + " returns whole batches; ./bench.sh --only wire). It is still not the default:"
                                    + " the protocol reference does not establish that the service accepts batch"
                                    + " writes on every topic, nor how it serves a topic that holds both batch and"
                                    + " protobuf writes, and batch has no routed put, so a sink routing by hash or"
                                    + " partition key writes protobuf even in batch mode. Choose batch for topics"
                                    + " that only batch writers write: positions then carry a batch index, which"
                                    + " checkpoints and subscription offsets keep.");

    public static final ConfigOption<CompressFormat> CLIENT_COMPRESSION =
            ConfigOptions.key("client.compression")
                    .enumType(CompressFormat.class)
                    .noDefaultValue()
                    .withFallbackKeys("CompressType")
                    .withDescription(
                            "Compression of record bodies: lz4, deflate, zlib or none ('' is none, as in the"
                                    + " hosted connector). Default: none for json and protobuf, lz4 for batch.");

    public static final ConfigOption<Duration> CLIENT_RETRY_TIMEOUT =
            ConfigOptions.key("client.retry.timeout")
                    .durationType()
                    .noDefaultValue()
                    .withFallbackKeys("retryTimeout")
                    .withDescription(
                            "How long one request keeps being retried after retryable failures (throttling, server"
                                    + " busy, 5xx, I/O) before it fails: a retry runs while it starts within this time of the"
                                    + " request's first try, however many retries that takes. The backoff doubles from"
                                    + " client.retry.interval up to 5 s. A number without unit is milliseconds, as the hosted"
                                    + " connector's retryTimeout. Default: 5 retries (about 3 s).");

    public static final ConfigOption<Duration> CLIENT_RETRY_INTERVAL =
            ConfigOptions.key("client.retry.interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withFallbackKeys("retryInterval")
                    .withDescription(
                            "Backoff before the first retry of a request; it doubles per retry, with jitter, up to"
                                    + " 5 s (or this interval if longer). A number without unit is milliseconds, as the"
                                    + " hosted connector's retryInterval.");

    /**
     * The keys whose values are secrets, to be masked wherever options are shown: every key of the
     * access key and the security token, fallback keys included.
     */
    public static final Set<String> SENSITIVE_KEYS = keysOf(ACCESS_KEY, SECURITY_TOKEN);

    private static Set<String> keysOf(ConfigOption<?>... options) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigOption<?> option : options) {
            keys.add(option.key());
            option.fallbackKeys().forEach(k -> keys.add(k.getKey()));
        }
        return Collections.unmodifiableSet(keys);
    }

    /** Options a factory must require. */
    public static Set<ConfigOption<?>> requiredConnectionOptions() {
        return new LinkedHashSet<>(Arrays.asList(ENDPOINT, ACCESS_ID, ACCESS_KEY));
    }

    /** Connection options a factory may accept besides the required ones. */
    public static Set<ConfigOption<?>> optionalConnectionOptions() {
        return new LinkedHashSet<>(
                Arrays.asList(
                        SECURITY_TOKEN,
                        CLIENT_PROTOCOL,
                        DataHubOptionsUtil.CLIENT_COMPRESSION_TEXT,
                        CLIENT_RETRY_TIMEOUT,
                        CLIENT_RETRY_INTERVAL));
    }

    /** Whether the option key names a secret (case-insensitive). */
    public static boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SENSITIVE_KEYS.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(k));
    }

    // ---- The table: which topic, where reading starts and stops.

    /** The format of the hosted connector's {@code startTime} / {@code endTime}. */
    public static final String VVR_TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";

    public static final ConfigOption<String> PROJECT =
            ConfigOptions.key("project")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("DataHub project of the topic.");

    public static final ConfigOption<String> TOPIC =
            ConfigOptions.key("topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("DataHub topic (tuple or blob).");

    public static final ConfigOption<String> SCAN_SUBSCRIPTION_ID =
            ConfigOptions.key("scan.subscription.id")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("subId")
                    .withDescription(
                            "DataHub subscription to start from (scan.startup.mode 'subscription') and to commit"
                                    + " positions to after each checkpoint.");

    public static final ConfigOption<StartupMode> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(StartupMode.class)
                    .noDefaultValue()
                    .withDescription(
                            "Where the source starts. Default: 'timestamp' when a start time is set,"
                                    + " 'specific-sequences' when sequences are set, 'subscription' when a subscription id is set,"
                                    + " else 'latest' (as the hosted connector, which starts at the current time).");

    public static final ConfigOption<OffsetResetStrategy> SCAN_STARTUP_SUBSCRIPTION_RESET =
            ConfigOptions.key("scan.startup.subscription.reset")
                    .enumType(OffsetResetStrategy.class)
                    .defaultValue(OffsetResetStrategy.EARLIEST)
                    .withDescription(
                            "In mode 'subscription', where shards without a committed offset start.");

    public static final ConfigOption<Long> SCAN_STARTUP_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withFallbackKeys("startTimeMs")
                    .withDescription(
                            "In mode 'timestamp', the system time (ms since the epoch) of the first records read."
                                    + " -1 (the hosted connector's default) means not set. Given together with"
                                    + " scan.startup.time, this one wins.");

    public static final ConfigOption<String> SCAN_STARTUP_TIME =
            ConfigOptions.key("scan.startup.time")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("startTime")
                    .withDescription(
                            "The start time as the hosted connector writes it, '"
                                    + VVR_TIME_PATTERN
                                    + "' in the session time"
                                    + " zone (table.local-time-zone); the same as scan.startup.timestamp-millis.");

    public static final ConfigOption<String> SCAN_STARTUP_SPECIFIC_SEQUENCES =
            ConfigOptions.key("scan.startup.specific-sequences")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "In mode 'specific-sequences', the first sequence to read per shard, e.g."
                                    + " 'shard:0,sequence:42;shard:1,sequence:7'. Shards not listed start at their oldest record.");

    public static final ConfigOption<BoundedMode> SCAN_BOUNDED_MODE =
            ConfigOptions.key("scan.bounded.mode")
                    .enumType(BoundedMode.class)
                    .noDefaultValue()
                    .withDescription(
                            "Where a bounded source stops. Default: 'timestamp' when an end time is set, else"
                                    + " 'unbounded'.");

    public static final ConfigOption<Long> SCAN_BOUNDED_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.bounded.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withFallbackKeys("endTimeMs")
                    .withDescription(
                            "In bounded mode 'timestamp', the system time (ms since the epoch) after which the"
                                    + " source stops. -1 means not set. Given together with scan.bounded.time, this"
                                    + " one wins.");

    public static final ConfigOption<String> SCAN_BOUNDED_TIME =
            ConfigOptions.key("scan.bounded.time")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("endTime")
                    .withDescription(
                            "The end time as the hosted connector writes it, '"
                                    + VVR_TIME_PATTERN
                                    + "' in the session time"
                                    + " zone; the same as scan.bounded.timestamp-millis.");

    /** Where a table source starts. */
    @PublicEvolving
    public enum StartupMode implements DescribedEnum {
        SUBSCRIPTION("subscription", "After the offsets committed to scan.subscription.id."),
        EARLIEST("earliest", "At the oldest retained record of every shard."),
        LATEST("latest", "After the newest record of every shard when the job starts."),
        TIMESTAMP("timestamp", "At the first record received at or after the start time."),
        SPECIFIC_SEQUENCES(
                "specific-sequences", "At the sequences in scan.startup.specific-sequences.");

        private final String value;
        private final String description;

        StartupMode(String value, String description) {
            this.value = value;
            this.description = description;
        }

        @Override
        public String toString() {
            return value;
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    /** Where a table source stops. */
    @PublicEvolving
    public enum BoundedMode implements DescribedEnum {
        UNBOUNDED("unbounded", "Read forever."),
        LATEST("latest", "Stop after the newest record of every shard when the job starts."),
        TIMESTAMP("timestamp", "Stop before the first record received after the end time.");

        private final String value;
        private final String description;

        BoundedMode(String value, String description) {
            this.value = value;
            this.description = description;
        }

        @Override
        public String toString() {
            return value;
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    // ---- Values of tuple topics (SQL tables; DataStream: TupleConversion).

    public static final ConfigOption<String> TIMESTAMP_TIME_ZONE =
            ConfigOptions.key("timestamp.time-zone")
                    .stringType()
                    .defaultValue("UTC")
                    .withFallbackKeys("timeZone")
                    .withDescription(
                            "The zone in which TIMESTAMP columns (without time zone) are wall-clock time when"
                                    + " converted to and from DataHub's microseconds since the epoch, on read and on"
                                    + " write; e.g. with 'Asia/Shanghai', TIMESTAMP '2024-01-01 08:00:00' is stored as"
                                    + " 2024-01-01T00:00:00Z. TIMESTAMP_LTZ columns are instants and not affected.");

    public static final ConfigOption<LengthCheck> SCAN_LENGTH_CHECK =
            ConfigOptions.key("scan.length-check")
                    .enumType(LengthCheck.class)
                    .defaultValue(LengthCheck.PAD)
                    .withFallbackKeys("lengthCheck")
                    .withDescription(
                            "What a source does with a record that has no field for a column: one written before"
                                    + " the column's field was appended to the topic, or read with a schema version"
                                    + " that lacks it.");

    public static final ConfigOption<Boolean> SCAN_COLUMN_ERROR_DEBUG =
            ConfigOptions.key("scan.column-error-debug")
                    .booleanType()
                    .defaultValue(false)
                    .withFallbackKeys("columnErrorDebug")
                    .withDescription(
                            "When a value cannot be converted to its column's type, name the value and the"
                                    + " record's shard and sequence in the error and the log (without it: the column and"
                                    + " its position only, so values never reach logs).");

    public static final ConfigOption<Integer> SINK_SCHEMA_VERSION =
            ConfigOptions.key("sink.schema-version")
                    .intType()
                    .defaultValue(-1)
                    .withFallbackKeys("schemaVersion")
                    .withDescription(
                            "The registered schema version the sink writes with (its fields; e.g. an older"
                                    + " version, so the records keep their shape after an appended field), named in"
                                    + " each batch record; -1: the topic's newest schema. A version turns on the schema"
                                    + " registry (and so the BATCH protocol) and needs puts to one shard: not with"
                                    + " 'sink.hash-fields', whose records the service routes as protobuf, which names"
                                    + " no version.");

    public static final ConfigOption<Boolean> SCHEMA_REGISTRY_ENABLED =
            ConfigOptions.key("schema-registry.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withFallbackKeys("enableSchemaRegistry")
                    .withDescription(
                            "Read each record with the schema version it was written with, and name the version"
                                    + " on write (BATCH protocol, which this implies), so a job keeps working across"
                                    + " appended fields. Without it, records are read with the topic's schema as the"
                                    + " job started; a record written before a field was appended lacks that field"
                                    + " either way (see 'scan.length-check').");

    /** What a source does with a record that has no field for a column ({@code lengthCheck}). */
    @PublicEvolving
    public enum LengthCheck implements DescribedEnum {
        NONE("NONE", "As PAD (the hosted connector's default name)."),
        PAD("PAD", "The column is null."),
        SKIP(
                "SKIP",
                "The record is dropped and counted in the metric"
                        + " deserializer.numRecordsSkippedByLengthCheck."),
        EXCEPTION("EXCEPTION", "The job fails naming the topic, shard, sequence and column.");

        private final String value;
        private final String description;

        LengthCheck(String value, String description) {
            this.value = value;
            this.description = description;
        }

        @Override
        public String toString() {
            return value;
        }

        @Override
        public InlineElement getDescription() {
            return text(description);
        }
    }

    // ---- Change records of replication services (SQL tables; DataStream: the cdc package).

    public static final ConfigOption<CdcFormat> CDC_FORMAT =
            ConfigOptions.key("cdc.format")
                    .enumType(CdcFormat.class)
                    .defaultValue(CdcFormat.NONE)
                    .withDescription(
                            "The topic holds change records of a replication service: the source reads them as"
                                    + " a changelog (+I, -U, +U, -D from the operation and before/after flags; the"
                                    + " bookkeeping fields are metadata columns cdc.operation, cdc.record-id,"
                                    + " cdc.timestamp and, for DTS, cdc.database and cdc.table); the sink takes a"
                                    + " changelog (PRIMARY KEY required) and writes records in the same layout, routed by"
                                    + " the primary key's hash.");

    public static final ConfigOption<DtsNaming> CDC_DTS_NAMING =
            ConfigOptions.key("cdc.dts.naming")
                    .enumType(DtsNaming.class)
                    .defaultValue(DtsNaming.AUTO)
                    .withDescription(
                            "Which of DTS's field namings the topic uses ('cdc.format' = 'dts').");

    public static final ConfigOption<Boolean> CDC_IGNORE_PARSE_ERRORS =
            ConfigOptions.key("cdc.ignore-parse-errors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Skip a change record whose operation and flags make no change, counting it in the"
                                    + " metric deserializer.numRecordsSkippedByCdcParseErrors; without it the job fails"
                                    + " naming the shard, sequence and flags.");

    // ---- Source tuning (also DataHubSourceBuilder's defaults).

    public static final ConfigOption<Duration> SCAN_SHARD_DISCOVERY_INTERVAL =
            ConfigOptions.key("scan.shard-discovery.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often the shard list is read to find shards created by splits and merges.");

    public static final ConfigOption<Integer> SCAN_FETCH_MAX_RECORDS =
            ConfigOptions.key("scan.fetch.max-records")
                    .intType()
                    .defaultValue(1000)
                    .withFallbackKeys("maxFetchSize")
                    .withDescription(
                            "Records asked for per read of a shard (at least 1; the service returns at most 1000,"
                                    + " so larger values, as the hosted connector accepts them, read 1000).");

    public static final ConfigOption<Duration> SCAN_FETCH_EMPTY_INTERVAL =
            ConfigOptions.key("scan.fetch.empty-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withFallbackKeys("fetchLatestDelay")
                    .withDescription(
                            "Longest wait of a shard that had nothing new before it is read again. The wait starts at"
                                    + " scan.fetch.initial-empty-interval and doubles while the shard stays empty, up to this"
                                    + " bound, so an idle shard is read at most once per this interval; a shard that returned"
                                    + " records is read again at once.");

    public static final ConfigOption<Duration> SCAN_FETCH_INITIAL_EMPTY_INTERVAL =
            ConfigOptions.key("scan.fetch.initial-empty-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(10))
                    .withDescription(
                            "Wait of a shard after its first read that returned nothing new (at most"
                                    + " scan.fetch.empty-interval); it doubles while the shard stays empty. Short: a record"
                                    + " written to a shard that just went quiet is read soon.");

    public static final ConfigOption<Duration> SCAN_FETCH_MAX_BACKOFF =
            ConfigOptions.key("scan.fetch.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Upper bound of the exponential backoff of a shard after throttling or service errors.");

    public static final ConfigOption<MemorySize> SCAN_FETCH_MAX_BUFFERED_BYTES =
            ConfigOptions.key("scan.fetch.max-buffered-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("16mb"))
                    .withDescription(
                            "Estimated bytes of records a reader has fetched but not yet handed to Flink; while it"
                                    + " holds this much, no new read starts. Every due shard has a read in flight up to"
                                    + " this budget, so reads of many shards overlap their round trips; reads under way"
                                    + " can add at most one page per shard.");

    public static final ConfigOption<Integer> SCAN_FETCH_MAX_BUFFERED_RECORDS =
            ConfigOptions.key("scan.fetch.max-buffered-records")
                    .intType()
                    .noDefaultValue()
                    .withFallbackKeys("maxBufferSize")
                    .withDescription(
                            "Records a reader has fetched but not yet handed to Flink at which no new read starts,"
                                    + " besides scan.fetch.max-buffered-bytes (whichever is reached first). As with the"
                                    + " bytes, reads already under way can add at most one page"
                                    + " (scan.fetch.max-records) per shard. Default: no record bound.");

    public static final ConfigOption<Integer> SCAN_FETCH_MAX_READS_PER_SHARD =
            ConfigOptions.key("scan.fetch.max-reads-per-shard")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "The most pages of one shard in flight at once. While the reader waits on a shard's"
                                    + " round trips, a full page (scan.fetch.max-records records) also starts the pages"
                                    + " after it ahead, each from the sequence where the page before it should end; a"
                                    + " page is used only if that page ended exactly there, so records stay in order. It"
                                    + " hides round trips to a distant endpoint: one read per shard moves at most one page"
                                    + " per round trip. Pages ahead answered before they are needed make the shard read"
                                    + " fewer ahead, down to one read, as does a short or empty page. Pages ahead count"
                                    + " against the buffer budgets. 1: one read per shard.");

    public static final ConfigOption<Boolean> SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT =
            ConfigOptions.key("scan.subscription.commit-on-checkpoint")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Commit the next positions to the DataHub subscription after each completed checkpoint"
                                    + " (needs a subscription id). Flink's checkpoint remains the source of truth.");

    // ---- Sink tuning (also DataHubSinkBuilder's defaults).

    /** Most records one put request may carry (service limit). */
    public static final int MAX_RECORDS_PER_REQUEST = 10_000;

    /** Largest put request body the service accepts. */
    public static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    public static final ConfigOption<Integer> SINK_BATCH_MAX_RECORDS =
            ConfigOptions.key("sink.batch.max-records")
                    .intType()
                    .defaultValue(1000)
                    .withFallbackKeys("batchCount")
                    .withDescription(
                            "Records that fill a batch (1-10000): a shard's buffer is sent as soon as it holds this"
                                    + " many. While puts are in flight (at sink.max-in-flight-requests, or a shard's one put"
                                    + " when routed by key or shard id), the records a shard gathers meanwhile go in one put"
                                    + " when a put is answered, up to the service limits (10000 records, a 4 MB body): puts"
                                    + " grow with the round trip.");

    public static final ConfigOption<MemorySize> SINK_BATCH_MAX_BYTES =
            ConfigOptions.key("sink.batch.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("2mb"))
                    .withFallbackKeys("batchSize")
                    .withDescription(
                            "Estimated bytes that fill a batch (at most 4 MB, the service limit on a request body;"
                                    + " the estimate is conservative): a shard's buffer is sent as soon as it holds this much."
                                    + " Records gathered while puts are in flight go in one put up to the service limits (see"
                                    + " sink.batch.max-records).");

    public static final ConfigOption<Duration> SINK_FLUSH_INTERVAL =
            ConfigOptions.key("sink.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withFallbackKeys("flushInterval")
                    .withDescription(
                            "Longest time a record waits in a buffer that is not full before it is sent.");

    public static final ConfigOption<String> SINK_HASH_FIELDS =
            ConfigOptions.key("sink.hash-fields")
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys("hashFields")
                    .withDescription(
                            "Comma-separated fields of a tuple topic to route by: records with equal values get"
                                    + " the same 128-bit hash key (MD5 of the values' text) and the service puts them on the shard"
                                    + " owning that key, also after splits and merges. Excludes sink.shard-id.");

    public static final ConfigOption<String> SINK_SHARD_ID =
            ConfigOptions.key("sink.shard-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Write every record to this shard. When a split or merge closes it, records follow the"
                                    + " open shard holding the start of its hash-key range. Excludes sink.hash-fields. Without"
                                    + " either option, requests go round-robin to the active shards.");

    public static final ConfigOption<DeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
                    .withDescription(
                            "at-least-once (every record is acknowledged before a checkpoint completes) or none"
                                    + " (checkpoints do not wait). exactly-once is not possible: DataHub has no transactions.");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT_REQUESTS =
            ConfigOptions.key("sink.max-in-flight-requests")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Put requests one writer keeps in flight at once, at most one per shard when records are"
                                    + " routed by key or shard id (so they reach each shard in order); throttling halves the"
                                    + " limit for a while. With round-robin, puts to one shard overlap and may reorder its records.");

    public static final ConfigOption<Integer> SINK_BUFFER_MAX_RECORDS =
            ConfigOptions.key("sink.buffer.max-records")
                    .intType()
                    .defaultValue(20_000)
                    .withDescription(
                            "Records a writer holds unsent (buffered or waiting to be retried) before it blocks and"
                                    + " backpressures the job.");

    public static final ConfigOption<MemorySize> SINK_BUFFER_MAX_BYTES =
            ConfigOptions.key("sink.buffer.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("32mb"))
                    .withDescription(
                            "Estimated bytes a writer holds unsent before it blocks and backpressures the job.");

    public static final ConfigOption<Integer> SINK_RETRY_MAX_RETRIES =
            ConfigOptions.key("sink.retry.max-retries")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "How often one record is sent again after retryable failures (throttling, server busy,"
                                    + " 5xx, lost connections, closed shards) before the job fails; records are never dropped.");

    public static final ConfigOption<Duration> SINK_RETRY_TIMEOUT =
            ConfigOptions.key("sink.retry.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long one record may keep failing, from its first failure, before the job fails.");

    public static final ConfigOption<Duration> SINK_RETRY_INITIAL_BACKOFF =
            ConfigOptions.key("sink.retry.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Backoff before the first retry; it doubles per retry up to sink.retry.max-backoff, with"
                                    + " jitter.");

    public static final ConfigOption<Duration> SINK_RETRY_MAX_BACKOFF =
            ConfigOptions.key("sink.retry.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Upper bound of the backoff between retries.");

    public static final ConfigOption<Duration> SINK_SHARD_REFRESH_INTERVAL =
            ConfigOptions.key("sink.shard-refresh.interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How often round-robin and shard-id routing re-read the shard list (also right after a"
                                    + " write hit a closed shard).");

    // ---- The catalog: see DataHubCatalogOptions (aliases kept for existing code).

    /**
     * @deprecated use {@link DataHubCatalogOptions#IDENTIFIER}
     */
    @Deprecated public static final String IDENTIFIER = DataHubCatalogOptions.IDENTIFIER;

    /**
     * @deprecated use {@link DataHubCatalogOptions#DEFAULT_DATABASE}
     */
    @Deprecated
    public static final ConfigOption<String> DEFAULT_DATABASE =
            DataHubCatalogOptions.DEFAULT_DATABASE;

    /**
     * @deprecated use {@link DataHubCatalogOptions#SHARD_COUNT}
     */
    @Deprecated
    public static final ConfigOption<Integer> SHARD_COUNT = DataHubCatalogOptions.SHARD_COUNT;

    /**
     * @deprecated use {@link DataHubCatalogOptions#LIFECYCLE}
     */
    @Deprecated
    public static final ConfigOption<Integer> LIFECYCLE = DataHubCatalogOptions.LIFECYCLE;
}
