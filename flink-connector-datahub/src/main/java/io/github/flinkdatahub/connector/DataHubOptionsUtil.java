package io.github.flinkdatahub.connector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.factories.FactoryUtil;

import io.github.flinkdatahub.client.Endpoints;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.connector.DataHubConnectorOptions.BoundedMode;
import io.github.flinkdatahub.connector.DataHubConnectorOptions.StartupMode;
import io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions;
import io.github.flinkdatahub.connector.cdc.CdcFormat;
import io.github.flinkdatahub.connector.cdc.CdcSettings;
import io.github.flinkdatahub.connector.cdc.DtsNaming;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.ACCESS_ID;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.ACCESS_KEY;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CDC_DTS_NAMING;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CDC_FORMAT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CDC_IGNORE_PARSE_ERRORS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CLIENT_COMPRESSION;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CLIENT_PROTOCOL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CLIENT_RETRY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.CLIENT_RETRY_TIMEOUT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.ENDPOINT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_MODE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_TIME;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_COLUMN_ERROR_DEBUG;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_READS_PER_SHARD;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_LENGTH_CHECK;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_MODE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_SPECIFIC_SEQUENCES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_SUBSCRIPTION_RESET;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_TIME;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SUBSCRIPTION_ID;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCHEMA_REGISTRY_ENABLED;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SECURITY_TOKEN;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_HASH_FIELDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SCHEMA_VERSION;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SHARD_ID;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.TIMESTAMP_TIME_ZONE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.VVR_TIME_PATTERN;

/**
 * All parsing and cross-option validation of {@link DataHubConnectorOptions} and {@link
 * DataHubCatalogOptions}, in one place: the table factory, the catalog and both DataStream builders
 * ({@code setOptions}) read options only through here or through typed {@link ConfigOption}s.
 * Errors are {@link ValidationException}s naming the option (its primary key, and the hosted
 * connector's name where that helps).
 */
@Internal
public final class DataHubOptionsUtil {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubOptionsUtil.class);

    private static final DateTimeFormatter VVR_TIME =
            DateTimeFormatter.ofPattern(VVR_TIME_PATTERN, Locale.ROOT);

    /** Retries of a request when no retry timeout is given (the client's default). */
    public static final int DEFAULT_MAX_RETRIES = 5;

    /** Longest backoff between two retries of one request, unless the interval is longer. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    /** Most records one read returns (service limit). */
    public static final int MAX_RECORDS_PER_FETCH = 1000;

    /**
     * {@link DataHubConnectorOptions#CLIENT_COMPRESSION} read as text: the hosted connector writes
     * {@code 'CompressType' = ''} for none, which Flink's enum parsing refuses. Factories list this
     * one, so the empty value passes their type check, and {@link #compression} parses it.
     */
    public static final ConfigOption<String> CLIENT_COMPRESSION_TEXT =
            ConfigOptions.key(CLIENT_COMPRESSION.key())
                    .stringType()
                    .noDefaultValue()
                    .withFallbackKeys(fallbackKeys(CLIENT_COMPRESSION))
                    .withDescription(CLIENT_COMPRESSION.description());

    private DataHubOptionsUtil() {}

    private static String[] fallbackKeys(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        option.fallbackKeys().forEach(k -> keys.add(k.getKey()));
        return keys.toArray(new String[0]);
    }

    /** The compression, if set: {@code ''} is none, other values by name, ignoring case. */
    public static Optional<CompressFormat> compression(ReadableConfig options) {
        Optional<String> text = options.getOptional(CLIENT_COMPRESSION_TEXT).map(String::trim);
        if (!text.isPresent()) {
            return Optional.empty();
        }
        if (text.get().isEmpty()) {
            return Optional.of(CompressFormat.NONE);
        }
        for (CompressFormat f : CompressFormat.values()) {
            if (f.name().equalsIgnoreCase(text.get())) {
                return Optional.of(f);
            }
        }
        throw new ValidationException(
                "Option "
                        + keys(CLIENT_COMPRESSION)
                        + " must be one of lz4, deflate, zlib, none or '' (none), got '"
                        + text.get()
                        + "'.");
    }

    /**
     * Records per read: {@code scan.fetch.max-records} (or {@code maxFetchSize}), at least 1; above
     * the service's maximum of 1000 (the hosted connector accepts such values) it reads 1000.
     */
    public static Optional<Integer> maxRecordsPerFetch(ReadableConfig options) {
        Optional<Integer> value = options.getOptional(SCAN_FETCH_MAX_RECORDS);
        if (value.isPresent() && value.get() > MAX_RECORDS_PER_FETCH) {
            LOG.info(
                    "Option {} is {}; DataHub returns at most {} records per read, so reads ask for {}.",
                    keys(SCAN_FETCH_MAX_RECORDS),
                    value.get(),
                    MAX_RECORDS_PER_FETCH,
                    MAX_RECORDS_PER_FETCH);
            return Optional.of(MAX_RECORDS_PER_FETCH);
        }
        return value;
    }

    /** {@code scan.fetch.max-buffered-records} (or {@code maxBufferSize}), at least 1, if set. */
    public static Optional<Integer> maxBufferedRecords(ReadableConfig options) {
        Optional<Integer> value = options.getOptional(SCAN_FETCH_MAX_BUFFERED_RECORDS);
        if (value.isPresent() && value.get() < 1) {
            throw new ValidationException(
                    "Option "
                            + keys(SCAN_FETCH_MAX_BUFFERED_RECORDS)
                            + " must be at least 1, got "
                            + value.get()
                            + ".");
        }
        return value;
    }

    /** {@code scan.fetch.max-reads-per-shard}, at least 1. */
    public static int maxReadsPerShard(ReadableConfig options) {
        int value = options.get(SCAN_FETCH_MAX_READS_PER_SHARD);
        if (value < 1) {
            throw new ValidationException(
                    "Option "
                            + keys(SCAN_FETCH_MAX_READS_PER_SHARD)
                            + " must be at least 1 (1: one read per shard), got "
                            + value
                            + ".");
        }
        return value;
    }

    // ---------------------------------------------------------------- connection

    /** Every connection option: the required ones first. */
    public static Set<ConfigOption<?>> connectionOptions() {
        Set<ConfigOption<?>> all =
                new LinkedHashSet<>(DataHubConnectorOptions.requiredConnectionOptions());
        all.addAll(DataHubConnectorOptions.optionalConnectionOptions());
        return all;
    }

    /**
     * Builds the connection from the options.
     *
     * @throws ValidationException naming the missing or bad option
     */
    public static DataHubConnection connection(ReadableConfig options) {
        String endpoint = required(options, ENDPOINT, "e.g. https://dh-cn-hangzhou.aliyuncs.com");
        if (Endpoints.hasUserInfo(endpoint)) {
            throw new ValidationException(
                    "Option '" + ENDPOINT.key() + "': " + Endpoints.USER_INFO_REFUSED + ".");
        }
        String accessId =
                required(options, ACCESS_ID, "the AccessKey ID of your account or RAM user");
        String accessKey =
                required(options, ACCESS_KEY, "the AccessKey secret of your account or RAM user");
        DataHubConnection.Builder b =
                DataHubConnection.builder()
                        .endpoint(endpoint)
                        .credentials(accessId, accessKey)
                        .wireMode(wireMode(options))
                        .schemaRegistry(schemaRegistry(options));
        options.getOptional(SECURITY_TOKEN).ifPresent(b::securityToken);
        compression(options).ifPresent(b::compression);
        Duration interval = options.get(CLIENT_RETRY_INTERVAL);
        if (interval.isNegative() || interval.isZero()) {
            throw new ValidationException(
                    "Option '"
                            + CLIENT_RETRY_INTERVAL.key()
                            + "' must be positive, got "
                            + interval
                            + ".");
        }
        Duration maxBackoff =
                interval.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? interval : DEFAULT_MAX_BACKOFF;
        if (!options.getOptional(CLIENT_RETRY_TIMEOUT).isPresent()) {
            return b.retries(DEFAULT_MAX_RETRIES, interval, maxBackoff).build();
        }
        Duration timeout = options.get(CLIENT_RETRY_TIMEOUT);
        if (timeout.isNegative()) {
            throw new ValidationException(
                    "Option '"
                            + CLIENT_RETRY_TIMEOUT.key()
                            + "' must not be negative,"
                            + " got "
                            + timeout
                            + ".");
        }
        // Time-based, as the hosted connector's retryTimeout: a request is retried while a retry
        // starts within the timeout of its first try, however many retries that takes.
        return b.retryWithin(timeout, interval, maxBackoff).build();
    }

    /**
     * The count of doubling backoffs (capped at {@code maxBackoff}) that add up to the timeout: how
     * a retry timeout was mapped before the client could retry for a time. No longer used to build
     * connections; kept because DataHubConnectionOptionsTest still checks it.
     */
    public static int retriesWithin(Duration timeout, Duration interval, Duration maxBackoff) {
        long left = timeout.toMillis();
        long backoff = interval.toMillis();
        int retries = 0;
        while (left > 0 && retries < Integer.MAX_VALUE) {
            left -= backoff;
            retries++;
            backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
        }
        return retries;
    }

    private static String required(
            ReadableConfig options, ConfigOption<String> option, String hint) {
        String value = options.getOptional(option).orElse(null);
        if (value == null || value.trim().isEmpty()) {
            throw new ValidationException(
                    "Option '" + option.key() + "' is required (" + hint + ").");
        }
        return value.trim();
    }

    /**
     * The connection options keyed by their primary keys (so a catalog's tables show one spelling),
     * rejecting keys that are no connection option.
     */
    public static Map<String, String> connectionOptionsByPrimaryKey(Map<String, String> raw) {
        Map<String, String> byKey = new LinkedHashMap<>();
        Set<String> known = new TreeSet<>();
        for (ConfigOption<?> option : connectionOptions()) {
            known.add(option.key());
            String value = raw.get(option.key());
            for (FallbackKey fallback : option.fallbackKeys()) {
                known.add(fallback.getKey());
                if (value == null) {
                    value = raw.get(fallback.getKey());
                }
            }
            if (value != null) {
                byKey.put(option.key(), value);
            }
        }
        for (String key : raw.keySet()) {
            if (!known.contains(key)) {
                throw new ValidationException(
                        "Unsupported DataHub connection option '"
                                + key
                                + "'. Supported: "
                                + String.join(", ", known)
                                + ".");
            }
        }
        return byKey;
    }

    // ---------------------------------------------------------------- catalog CREATE TABLE

    /**
     * The options of {@code CREATE TABLE} in the catalog: shard count and lifecycle. A {@code
     * 'connector'} of {@code 'datahub'} is allowed (tables of the catalog are DataHub tables
     * anyway); anything else would be silently lost, so it is rejected.
     */
    public static Configuration catalogCreateTableOptions(
            String tableName, Map<String, String> options) {
        Set<String> supported =
                new TreeSet<>(
                        List.of(
                                DataHubCatalogOptions.SHARD_COUNT.key(),
                                DataHubCatalogOptions.LIFECYCLE.key()));
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            boolean connector =
                    key.equals(FactoryUtil.CONNECTOR.key())
                            && DataHubCatalogOptions.IDENTIFIER.equals(option.getValue());
            if (!supported.contains(key) && !connector) {
                throw new ValidationException(
                        "Unsupported option '"
                                + key
                                + "' in CREATE TABLE "
                                + tableName
                                + " of the DataHub catalog. Supported: "
                                + supported
                                + ". The connection comes from the catalog; to read or write with other options, use"
                                + " CREATE TEMPORARY TABLE ... LIKE or an OPTIONS hint.");
            }
        }
        return Configuration.fromMap(options);
    }

    /** A whole number >= 1 of {@code CREATE TABLE} (shard count, lifecycle). */
    public static int positive(
            String tableName, Configuration options, ConfigOption<Integer> option) {
        int value;
        try {
            value = options.get(option);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Option '"
                            + option.key()
                            + "' of CREATE TABLE "
                            + tableName
                            + " must be a whole number, got '"
                            + options.toMap().get(option.key())
                            + "'.",
                    e);
        }
        if (value < 1) {
            throw new ValidationException(
                    "Option '"
                            + option.key()
                            + "' of CREATE TABLE "
                            + tableName
                            + " must be at least 1, got "
                            + value
                            + ".");
        }
        return value;
    }

    // ---------------------------------------------------------------- source: start and stop

    /**
     * The zone of start and end times written as local date and time: {@code table.local-time-zone}
     * of {@code config}, else the JVM's (as Flink's session default).
     */
    public static ZoneId localTimeZone(ReadableConfig config) {
        String zone = config.get(TableConfigOptions.LOCAL_TIME_ZONE);
        return TableConfigOptions.LOCAL_TIME_ZONE.defaultValue().equals(zone)
                ? ZoneId.systemDefault()
                : ZoneId.of(zone);
    }

    /** Whether any option choosing where a source starts is set. */
    public static boolean hasStartOption(ReadableConfig options) {
        return options.getOptional(SCAN_STARTUP_MODE).isPresent()
                || millis(options, SCAN_STARTUP_TIMESTAMP_MILLIS).isPresent()
                || options.getOptional(SCAN_STARTUP_TIME).isPresent()
                || options.getOptional(SCAN_STARTUP_SPECIFIC_SEQUENCES).isPresent()
                || options.getOptional(SCAN_SUBSCRIPTION_ID).isPresent();
    }

    /**
     * Where a source starts. Without a mode: 'timestamp' when a start time is set,
     * 'specific-sequences' when sequences are, 'subscription' when a subscription id is, else
     * 'latest'.
     */
    public static StartingPosition startingPosition(ReadableConfig options, ZoneId zone) {
        Long timestamp = startTime(options, SCAN_STARTUP_TIMESTAMP_MILLIS, SCAN_STARTUP_TIME, zone);
        String sequences = options.getOptional(SCAN_STARTUP_SPECIFIC_SEQUENCES).orElse(null);
        boolean subscription = options.getOptional(SCAN_SUBSCRIPTION_ID).isPresent();
        StartupMode mode =
                options.getOptional(SCAN_STARTUP_MODE)
                        .orElse(
                                timestamp != null
                                        ? StartupMode.TIMESTAMP
                                        : sequences != null
                                                ? StartupMode.SPECIFIC_SEQUENCES
                                                : subscription
                                                        ? StartupMode.SUBSCRIPTION
                                                        : StartupMode.LATEST);
        String modeKey = SCAN_STARTUP_MODE.key();
        if (mode != StartupMode.TIMESTAMP && timestamp != null) {
            throw new ValidationException(
                    "A start time ("
                            + keys(SCAN_STARTUP_TIMESTAMP_MILLIS)
                            + " or "
                            + keys(SCAN_STARTUP_TIME)
                            + ") is only used with '"
                            + modeKey
                            + "' = 'timestamp', but the mode is '"
                            + mode
                            + "'.");
        }
        if (mode != StartupMode.SPECIFIC_SEQUENCES && sequences != null) {
            throw new ValidationException(
                    "'"
                            + SCAN_STARTUP_SPECIFIC_SEQUENCES.key()
                            + "' is only used"
                            + " with '"
                            + modeKey
                            + "' = 'specific-sequences', but the mode is '"
                            + mode
                            + "'.");
        }
        switch (mode) {
            case EARLIEST:
                return StartingPosition.earliest();
            case LATEST:
                return StartingPosition.latest();
            case TIMESTAMP:
                if (timestamp == null) {
                    throw new ValidationException(
                            "'"
                                    + modeKey
                                    + "' = 'timestamp' needs "
                                    + keys(SCAN_STARTUP_TIMESTAMP_MILLIS)
                                    + " (ms since the epoch) or "
                                    + keys(SCAN_STARTUP_TIME)
                                    + " ('"
                                    + VVR_TIME_PATTERN
                                    + "').");
                }
                return StartingPosition.fromTimestamp(timestamp);
            case SPECIFIC_SEQUENCES:
                if (sequences == null) {
                    throw new ValidationException(
                            "'"
                                    + modeKey
                                    + "' = 'specific-sequences' needs '"
                                    + SCAN_STARTUP_SPECIFIC_SEQUENCES.key()
                                    + "', e.g. 'shard:0,sequence:42;shard:1,sequence:7'.");
                }
                return StartingPosition.fromSequences(parseSequences(sequences));
            case SUBSCRIPTION:
                if (!subscription) {
                    throw new ValidationException(
                            "'"
                                    + modeKey
                                    + "' = 'subscription' needs "
                                    + keys(SCAN_SUBSCRIPTION_ID)
                                    + ".");
                }
                return StartingPosition.fromSubscription(
                        options.get(SCAN_STARTUP_SUBSCRIPTION_RESET));
            default:
                throw new IllegalStateException("Unhandled startup mode " + mode);
        }
    }

    /** Whether any option choosing where a source stops is set. */
    public static boolean hasStopOption(ReadableConfig options) {
        return options.getOptional(SCAN_BOUNDED_MODE).isPresent()
                || millis(options, SCAN_BOUNDED_TIMESTAMP_MILLIS).isPresent()
                || options.getOptional(SCAN_BOUNDED_TIME).isPresent();
    }

    /** Where a source stops; null for unbounded. */
    @Nullable
    public static StoppingPosition stoppingPosition(ReadableConfig options, ZoneId zone) {
        Long timestamp = startTime(options, SCAN_BOUNDED_TIMESTAMP_MILLIS, SCAN_BOUNDED_TIME, zone);
        BoundedMode mode =
                options.getOptional(SCAN_BOUNDED_MODE)
                        .orElse(timestamp != null ? BoundedMode.TIMESTAMP : BoundedMode.UNBOUNDED);
        if (mode != BoundedMode.TIMESTAMP && timestamp != null) {
            throw new ValidationException(
                    "An end time ("
                            + keys(SCAN_BOUNDED_TIMESTAMP_MILLIS)
                            + " or "
                            + keys(SCAN_BOUNDED_TIME)
                            + ") is only used with '"
                            + SCAN_BOUNDED_MODE.key()
                            + "' = 'timestamp', but the mode is '"
                            + mode
                            + "'.");
        }
        switch (mode) {
            case UNBOUNDED:
                return null;
            case LATEST:
                return StoppingPosition.latest();
            case TIMESTAMP:
                if (timestamp == null) {
                    throw new ValidationException(
                            "'"
                                    + SCAN_BOUNDED_MODE.key()
                                    + "' = 'timestamp' needs "
                                    + keys(SCAN_BOUNDED_TIMESTAMP_MILLIS)
                                    + " (ms since the epoch) or "
                                    + keys(SCAN_BOUNDED_TIME)
                                    + " ('"
                                    + VVR_TIME_PATTERN
                                    + "').");
                }
                return StoppingPosition.atTimestamp(timestamp);
            default:
                throw new IllegalStateException("Unhandled bounded mode " + mode);
        }
    }

    /**
     * A time given in milliseconds or, as the hosted connector, as local date and time. -1
     * milliseconds (the hosted connector's default) means not set; given both, the milliseconds win
     * (as in the hosted connector).
     */
    @Nullable
    private static Long startTime(
            ReadableConfig options,
            ConfigOption<Long> millis,
            ConfigOption<String> text,
            ZoneId zone) {
        Optional<Long> ms = millis(options, millis);
        Optional<String> local = options.getOptional(text);
        if (ms.isPresent()) {
            if (ms.get() < 0) {
                throw new ValidationException(
                        "Option "
                                + keys(millis)
                                + " must be >= 0 (or -1 for not set), got "
                                + ms.get()
                                + ".");
            }
            if (local.isPresent()) {
                LOG.info(
                        "Both {} = {} and {} = '{}' are set; {} wins, as in the hosted connector.",
                        keys(millis),
                        ms.get(),
                        keys(text),
                        local.get(),
                        millis.key());
            }
            return ms.get();
        }
        if (local.isPresent()) {
            try {
                return LocalDateTime.parse(local.get().trim(), VVR_TIME)
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ValidationException(
                        keys(text)
                                + " must look like '"
                                + VVR_TIME_PATTERN
                                + "' (e.g. 2024-05-01 08:00:00), got '"
                                + local.get()
                                + "'.",
                        e);
            }
        }
        return null;
    }

    /** A time in milliseconds, absent also when -1 (the hosted connector's "not set"). */
    private static Optional<Long> millis(ReadableConfig options, ConfigOption<Long> option) {
        return options.getOptional(option).filter(v -> v != -1L);
    }

    /** Parses {@code shard:0,sequence:42;shard:1,sequence:7}. */
    public static Map<String, Long> parseSequences(String value) {
        String key = SCAN_STARTUP_SPECIFIC_SEQUENCES.key();
        Map<String, Long> out = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.trim().isEmpty()) {
                continue;
            }
            String shard = null;
            Long sequence = null;
            for (String part : entry.split(",")) {
                String[] kv = part.split(":", 2);
                String name = kv[0].trim().toLowerCase(Locale.ROOT);
                String v = kv.length == 2 ? kv[1].trim() : "";
                if (name.equals("shard") && !v.isEmpty()) {
                    shard = v;
                } else if (name.equals("sequence") && !v.isEmpty()) {
                    try {
                        sequence = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        sequence = -1L;
                    }
                } else {
                    shard = null;
                    break;
                }
            }
            if (shard == null || sequence == null || sequence < 0) {
                throw new ValidationException(
                        "'"
                                + key
                                + "' has a bad entry '"
                                + entry.trim()
                                + "': expected"
                                + " 'shard:<id>,sequence:<n>' entries (n >= 0) separated by ';', e.g."
                                + " 'shard:0,sequence:42;shard:1,sequence:7'.");
            }
            if (out.put(shard, sequence) != null) {
                throw new ValidationException("'" + key + "' names shard " + shard + " twice.");
            }
        }
        if (out.isEmpty()) {
            throw new ValidationException(
                    "'" + key + "' lists no shard, e.g. 'shard:0,sequence:42;shard:1,sequence:7'.");
        }
        return out;
    }

    // ---------------------------------------------------------------- sink routing

    /**
     * The fields of {@code sink.hash-fields}, if set; refuses it together with {@code
     * sink.shard-id}.
     */
    public static Optional<List<String>> hashFields(ReadableConfig options) {
        String hashFields = options.getOptional(SINK_HASH_FIELDS).orElse(null);
        if (hashFields != null && options.getOptional(SINK_SHARD_ID).isPresent()) {
            throw new ValidationException(
                    "Set either "
                            + keys(SINK_HASH_FIELDS)
                            + " or '"
                            + SINK_SHARD_ID.key()
                            + "', not both.");
        }
        if (hashFields == null) {
            return Optional.empty();
        }
        List<String> fields =
                Arrays.stream(hashFields.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toList());
        if (fields.isEmpty()) {
            throw new ValidationException(
                    "'" + SINK_HASH_FIELDS.key() + "' lists no field: '" + hashFields + "'.");
        }
        return Optional.of(fields);
    }

    /**
     * Whether clients use the schema registry: {@code schema-registry.enabled}, or a sink writing
     * with a named version ({@code sink.schema-version} >= 0), which only the registry can name.
     */
    static boolean schemaRegistry(ReadableConfig options) {
        return options.get(SCHEMA_REGISTRY_ENABLED) || options.get(SINK_SCHEMA_VERSION) >= 0;
    }

    /**
     * {@code client.protocol}; with the schema registry BATCH, the only wire whose records name a
     * schema version (as the hosted connector, whose enableSchemaRegistry implies its batch
     * client).
     */
    private static WireMode wireMode(ReadableConfig options) {
        if (!schemaRegistry(options)) {
            return options.get(CLIENT_PROTOCOL);
        }
        Optional<WireMode> set = options.getOptional(CLIENT_PROTOCOL);
        if (set.isPresent() && set.get() != WireMode.BATCH) {
            throw new ValidationException(
                    "Option '"
                            + CLIENT_PROTOCOL.key()
                            + "' = "
                            + set.get()
                            + " cannot carry schema versions: with "
                            + keys(SCHEMA_REGISTRY_ENABLED)
                            + " or "
                            + keys(SINK_SCHEMA_VERSION)
                            + " records travel as BATCH. Remove the option or set it to BATCH.");
        }
        return WireMode.BATCH;
    }

    /** The version of {@code sink.schema-version}, when set to one (not -1). */
    public static Optional<Integer> sinkSchemaVersion(ReadableConfig options) {
        return options.getOptional(SINK_SCHEMA_VERSION).filter(v -> v != -1);
    }

    /** The shard of {@code sink.shard-id}, if set. */
    public static Optional<String> shardId(ReadableConfig options) {
        return options.getOptional(SINK_SHARD_ID).map(String::trim);
    }

    // ---------------------------------------------------------------- tuple values

    /** The conversion of tuple values: time zone, length check, column error detail. */
    public static TupleConversion tupleConversion(ReadableConfig options) {
        String zone = options.get(TIMESTAMP_TIME_ZONE).trim();
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ValidationException(
                    "Option "
                            + keys(TIMESTAMP_TIME_ZONE)
                            + " must be a time zone such as 'UTC', 'Asia/Shanghai' or '+08:00', got '"
                            + zone
                            + "'.",
                    e);
        }
        return TupleConversion.defaults()
                .withTimeZone(zoneId)
                .withLengthCheck(options.get(SCAN_LENGTH_CHECK))
                .withColumnErrorDebug(options.get(SCAN_COLUMN_ERROR_DEBUG));
    }

    /**
     * Checks the schema-version options: {@code sink.schema-version} is -1 or a version id, and a
     * version needs puts to one shard (the records the service routes by hash fields travel as
     * protobuf, which names no version).
     */
    public static void checkSchemaVersionOptions(ReadableConfig options) {
        int version = options.get(SINK_SCHEMA_VERSION);
        if (version < -1) {
            throw new ValidationException(
                    "Option "
                            + keys(SINK_SCHEMA_VERSION)
                            + " must be a registered version id (>= 0) or -1 for the topic's newest"
                            + " schema, got "
                            + version
                            + ".");
        }
        if (version >= 0 && options.getOptional(SINK_HASH_FIELDS).isPresent()) {
            throw new ValidationException(
                    "Option "
                            + keys(SINK_SCHEMA_VERSION)
                            + " = "
                            + version
                            + " needs puts to one shard, but "
                            + keys(SINK_HASH_FIELDS)
                            + " lets the service route each record, as protobuf, which names no schema"
                            + " version. Remove one of the two options.");
        }
    }

    // ---------------------------------------------------------------- change records

    /** The change-record options, if {@code cdc.format} names a layout. */
    public static Optional<CdcSettings> cdcSettings(ReadableConfig options) {
        CdcFormat format = options.get(CDC_FORMAT);
        DtsNaming naming = options.get(CDC_DTS_NAMING);
        if (format == CdcFormat.DATAWORKS && naming != DtsNaming.AUTO) {
            throw new ValidationException(
                    "'"
                            + CDC_DTS_NAMING.key()
                            + "' applies to 'cdc.format' = 'dts' only; remove it for 'dataworks'.");
        }
        if (format == CdcFormat.NONE) {
            return Optional.empty();
        }
        return Optional.of(new CdcSettings(format, naming, options.get(CDC_IGNORE_PARSE_ERRORS)));
    }

    // ---------------------------------------------------------------- helpers

    /** An option's key and its hosted fallback keys, for error messages: {@code 'a' (or 'b')}. */
    static String keys(ConfigOption<?> option) {
        StringBuilder s = new StringBuilder("'").append(option.key()).append("'");
        List<String> fallbacks = new ArrayList<>();
        option.fallbackKeys().forEach(k -> fallbacks.add("'" + k.getKey() + "'"));
        if (!fallbacks.isEmpty()) {
            s.append(" (or ").append(String.join(", ", fallbacks)).append(")");
        }
        return s.toString();
    }
}
