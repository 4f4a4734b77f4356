package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import io.github.flinkdatahub.connector.DataHubConnectorOptions;

/**
 * Options of the DataHub catalog ({@code 'type' = 'datahub'}) and of {@code CREATE TABLE} in it.
 * The catalog's connection options are those of {@link DataHubConnectorOptions}.
 */
@PublicEvolving
public final class DataHubCatalogOptions {
    private DataHubCatalogOptions() {}

    /** The catalog type: {@code 'type' = 'datahub'}. */
    public static final String IDENTIFIER = "datahub";

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key("default-database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The project used when a statement names no database. Without it, qualify"
                                    + " tables with their project or run USE <project> first.");

    /** {@code CREATE TABLE} option: shards of the new topic. */
    public static final ConfigOption<Integer> SHARD_COUNT =
            ConfigOptions.key("shard-count")
                    .intType()
                    .defaultValue(1)
                    .withDescription("CREATE TABLE: number of shards of the new topic.");

    /** {@code CREATE TABLE} option: retention of the new topic. */
    public static final ConfigOption<Integer> LIFECYCLE =
            ConfigOptions.key("lifecycle")
                    .intType()
                    .defaultValue(7)
                    .withDescription("CREATE TABLE: days the new topic keeps records.");
}
