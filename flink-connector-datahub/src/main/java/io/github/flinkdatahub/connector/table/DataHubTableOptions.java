package io.github.flinkdatahub.connector.table;

import io.github.flinkdatahub.connector.source.StartingPosition.OffsetResetStrategy;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

import static org.apache.flink.configuration.description.TextElement.text;

/**
 * The SQL options of {@code 'connector' = 'datahub'} besides the connection ({@link
 * io.github.flinkdatahub.connector.common.DataHubConnectionOptions}) and the source and sink tuning
 * options ({@link io.github.flinkdatahub.connector.source.DataHubSourceOptions}, {@link
 * io.github.flinkdatahub.connector.sink.DataHubSinkOptions}). Fallback keys are the names of
 * Alibaba's hosted connector.
 */
@PublicEvolving
public final class DataHubTableOptions {
    private DataHubTableOptions() {}

    /** The format of the hosted connector's {@code startTime} / {@code endTime}. */
    public static final String VVR_TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";

    public static final ConfigOption<String> PROJECT = ConfigOptions
            .key("project")
            .stringType()
            .noDefaultValue()
            .withDescription("DataHub project of the topic.");

    public static final ConfigOption<String> TOPIC = ConfigOptions
            .key("topic")
            .stringType()
            .noDefaultValue()
            .withDescription("DataHub topic (tuple or blob).");

    public static final ConfigOption<String> SUBSCRIPTION_ID = ConfigOptions
            .key("scan.subscription.id")
            .stringType()
            .noDefaultValue()
            .withFallbackKeys("subId")
            .withDescription("DataHub subscription to start from (scan.startup.mode 'subscription') and to commit"
                    + " positions to after each checkpoint.");

    public static final ConfigOption<StartupMode> STARTUP_MODE = ConfigOptions
            .key("scan.startup.mode")
            .enumType(StartupMode.class)
            .noDefaultValue()
            .withDescription("Where the source starts. Default: 'timestamp' when a start time is set,"
                    + " 'specific-sequences' when sequences are set, 'subscription' when a subscription id is set,"
                    + " else 'latest' (as the hosted connector, which starts at the current time).");

    public static final ConfigOption<OffsetResetStrategy> STARTUP_SUBSCRIPTION_RESET = ConfigOptions
            .key("scan.startup.subscription.reset")
            .enumType(OffsetResetStrategy.class)
            .defaultValue(OffsetResetStrategy.EARLIEST)
            .withDescription("In mode 'subscription', where shards without a committed offset start.");

    public static final ConfigOption<Long> STARTUP_TIMESTAMP_MILLIS = ConfigOptions
            .key("scan.startup.timestamp-millis")
            .longType()
            .noDefaultValue()
            .withFallbackKeys("startTimeMs")
            .withDescription("In mode 'timestamp', the system time (ms since the epoch) of the first records read.");

    public static final ConfigOption<String> STARTUP_TIME = ConfigOptions
            .key("startTime")
            .stringType()
            .noDefaultValue()
            .withDescription("The hosted connector's start time, '" + VVR_TIME_PATTERN + "' in the session time"
                    + " zone (table.local-time-zone); the same as scan.startup.timestamp-millis.");

    public static final ConfigOption<String> STARTUP_SPECIFIC_SEQUENCES = ConfigOptions
            .key("scan.startup.specific-sequences")
            .stringType()
            .noDefaultValue()
            .withDescription("In mode 'specific-sequences', the first sequence to read per shard, e.g."
                    + " 'shard:0,sequence:42;shard:1,sequence:7'. Shards not listed start at their oldest record.");

    public static final ConfigOption<BoundedMode> BOUNDED_MODE = ConfigOptions
            .key("scan.bounded.mode")
            .enumType(BoundedMode.class)
            .noDefaultValue()
            .withDescription("Where a bounded source stops. Default: 'timestamp' when an end time is set, else"
                    + " 'unbounded'.");

    public static final ConfigOption<Long> BOUNDED_TIMESTAMP_MILLIS = ConfigOptions
            .key("scan.bounded.timestamp-millis")
            .longType()
            .noDefaultValue()
            .withFallbackKeys("endTimeMs")
            .withDescription("In bounded mode 'timestamp', the system time (ms since the epoch) after which the"
                    + " source stops.");

    public static final ConfigOption<String> BOUNDED_TIME = ConfigOptions
            .key("endTime")
            .stringType()
            .noDefaultValue()
            .withDescription("The hosted connector's end time, '" + VVR_TIME_PATTERN + "' in the session time"
                    + " zone; the same as scan.bounded.timestamp-millis.");

    /** Where a table source starts. */
    @PublicEvolving
    public enum StartupMode implements DescribedEnum {
        SUBSCRIPTION("subscription", "After the offsets committed to scan.subscription.id."),
        EARLIEST("earliest", "At the oldest retained record of every shard."),
        LATEST("latest", "After the newest record of every shard when the job starts."),
        TIMESTAMP("timestamp", "At the first record received at or after the start time."),
        SPECIFIC_SEQUENCES("specific-sequences", "At the sequences in scan.startup.specific-sequences.");

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
}
