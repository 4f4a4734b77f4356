package io.github.flinkdatahub.connector.common;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach DataHub, as options shared by the SQL table factory and the catalog. The fallback
 * keys are the names Alibaba's hosted connector uses ({@code endPoint}, {@code accessId}, ...), so
 * existing DDL keeps working.
 */
@PublicEvolving
public final class DataHubConnectionOptions {
    private DataHubConnectionOptions() {}

    /** Retries when {@link #RETRY_TIMEOUT} is not set, as {@link DataHubConnection.Builder}. */
    static final int DEFAULT_MAX_RETRIES = 5;
    /** Longest backoff between two retries of one request, unless the interval is longer. */
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    public static final ConfigOption<String> ENDPOINT = ConfigOptions
            .key("endpoint")
            .stringType()
            .noDefaultValue()
            .withFallbackKeys("endPoint")
            .withDescription("DataHub endpoint, e.g. https://dh-cn-hangzhou.aliyuncs.com.");

    public static final ConfigOption<String> ACCESS_ID = ConfigOptions
            .key("access-id")
            .stringType()
            .noDefaultValue()
            .withFallbackKeys("accessId")
            .withDescription("AccessKey ID of the Alibaba Cloud account or RAM user.");

    public static final ConfigOption<String> ACCESS_KEY = ConfigOptions
            .key("access-key")
            .stringType()
            .noDefaultValue()
            .withFallbackKeys("accessKey", "access-key-secret", "accessKeySecret")
            .withDescription("AccessKey secret of the account (sensitive: never logged). Flink itself prints a"
                    + " table's options in some planning errors and masks only keys containing words such as"
                    + " 'secret' or 'password'; write the key as 'access-key-secret' to have Flink mask it too.");

    public static final ConfigOption<String> SECURITY_TOKEN = ConfigOptions
            .key("security-token")
            .stringType()
            .noDefaultValue()
            .withDescription("STS security token, when the access id and key are temporary (sensitive).");

    public static final ConfigOption<WireMode> PROTOCOL = ConfigOptions
            .key("client.protocol")
            .enumType(WireMode.class)
            .defaultValue(WireMode.PROTOBUF)
            .withDescription("How records travel: json, protobuf (the default of the official SDKs) or batch"
                    + " (binary batches, the most compact; the topic should be a batch topic).");

    public static final ConfigOption<CompressFormat> COMPRESSION = ConfigOptions
            .key("client.compression")
            .enumType(CompressFormat.class)
            .noDefaultValue()
            .withFallbackKeys("CompressType")
            .withDescription("Compression of record bodies: lz4, deflate, zlib or none. Default: none for json"
                    + " and protobuf, lz4 for batch.");

    public static final ConfigOption<Duration> RETRY_TIMEOUT = ConfigOptions
            .key("client.retry.timeout")
            .durationType()
            .noDefaultValue()
            .withFallbackKeys("retryTimeout")
            .withDescription("How long one request keeps being retried after retryable failures (throttling, server"
                    + " busy, 5xx, I/O) before it fails; the backoff doubles from client.retry.interval up to 5 s."
                    + " Default: " + DEFAULT_MAX_RETRIES + " retries (about 3 s).");

    public static final ConfigOption<Duration> RETRY_INTERVAL = ConfigOptions
            .key("client.retry.interval")
            .durationType()
            .defaultValue(Duration.ofMillis(100))
            .withFallbackKeys("retryInterval")
            .withDescription("Backoff before the first retry of a request; it doubles per retry, with jitter.");

    /** The keys whose values are secrets: to be masked wherever options are shown. */
    public static final Set<String> SENSITIVE_KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            ACCESS_KEY.key(), "accessKey", "access-key-secret", "accessKeySecret", SECURITY_TOKEN.key())));

    /** Options a factory must require. */
    public static Set<ConfigOption<?>> requiredOptions() {
        return new LinkedHashSet<>(Arrays.asList(ENDPOINT, ACCESS_ID, ACCESS_KEY));
    }

    /** Connection options a factory may accept besides the required ones. */
    public static Set<ConfigOption<?>> optionalOptions() {
        return new LinkedHashSet<>(Arrays.asList(SECURITY_TOKEN, PROTOCOL, COMPRESSION, RETRY_TIMEOUT,
                RETRY_INTERVAL));
    }

    /** Whether the option key names a secret (case-insensitive). */
    public static boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SENSITIVE_KEYS.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(k));
    }

    /**
     * Builds the connection from validated options.
     *
     * @throws ValidationException naming the missing or bad option
     */
    public static DataHubConnection toConnection(ReadableConfig options) {
        String endpoint = required(options, ENDPOINT, "e.g. https://dh-cn-hangzhou.aliyuncs.com");
        String accessId = required(options, ACCESS_ID, "the AccessKey ID of your account or RAM user");
        String accessKey = required(options, ACCESS_KEY, "the AccessKey secret of your account or RAM user");
        DataHubConnection.Builder b = DataHubConnection.builder()
                .endpoint(endpoint)
                .credentials(accessId, accessKey)
                .wireMode(options.get(PROTOCOL));
        options.getOptional(SECURITY_TOKEN).ifPresent(b::securityToken);
        options.getOptional(COMPRESSION).ifPresent(b::compression);
        Duration interval = options.get(RETRY_INTERVAL);
        if (interval.isNegative() || interval.isZero()) {
            throw new ValidationException("Option '" + RETRY_INTERVAL.key() + "' must be positive, got " + interval
                    + ".");
        }
        Duration maxBackoff = interval.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? interval : DEFAULT_MAX_BACKOFF;
        int retries = DEFAULT_MAX_RETRIES;
        if (options.getOptional(RETRY_TIMEOUT).isPresent()) {
            Duration timeout = options.get(RETRY_TIMEOUT);
            if (timeout.isNegative()) {
                throw new ValidationException("Option '" + RETRY_TIMEOUT.key() + "' must not be negative, got "
                        + timeout + ".");
            }
            retries = retriesWithin(timeout, interval, maxBackoff);
        }
        return b.retries(retries, interval, maxBackoff).build();
    }

    /**
     * The client retries a number of times rather than for a time: the count whose doubling backoffs
     * (capped at {@code maxBackoff}) add up to the timeout.
     */
    static int retriesWithin(Duration timeout, Duration interval, Duration maxBackoff) {
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

    private static String required(ReadableConfig options, ConfigOption<String> option, String hint) {
        String value = options.getOptional(option).orElse(null);
        if (value == null || value.trim().isEmpty()) {
            throw new ValidationException("Option '" + option.key() + "' is required (" + hint + ").");
        }
        return value.trim();
    }
}
