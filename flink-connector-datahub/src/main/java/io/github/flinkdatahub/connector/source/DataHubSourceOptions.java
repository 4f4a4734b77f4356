package io.github.flinkdatahub.connector.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Tuning options of the DataHub source, with their defaults (also the SQL option keys). */
@PublicEvolving
public final class DataHubSourceOptions {
    private DataHubSourceOptions() {}

    public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL = ConfigOptions
            .key("scan.shard-discovery.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("How often the shard list is read to find shards created by splits and merges.");

    public static final ConfigOption<Integer> FETCH_MAX_RECORDS = ConfigOptions
            .key("scan.fetch.max-records")
            .intType()
            .defaultValue(1000)
            .withFallbackKeys("maxFetchSize")
            .withDescription("Records asked for per read of a shard (1-1000, the service maximum).");

    public static final ConfigOption<Duration> FETCH_EMPTY_INTERVAL = ConfigOptions
            .key("scan.fetch.empty-interval")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withFallbackKeys("fetchLatestDelay")
            .withDescription("How long a shard rests after a read that returned nothing new.");

    public static final ConfigOption<Duration> FETCH_MAX_BACKOFF = ConfigOptions
            .key("scan.fetch.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("Upper bound of the exponential backoff of a shard after throttling or service errors.");

    public static final ConfigOption<Boolean> COMMIT_ON_CHECKPOINT = ConfigOptions
            .key("scan.subscription.commit-on-checkpoint")
            .booleanType()
            .defaultValue(true)
            .withDescription("Commit the next positions to the DataHub subscription after each completed checkpoint"
                    + " (needs a subscription id). Flink's checkpoint remains the source of truth.");
}
