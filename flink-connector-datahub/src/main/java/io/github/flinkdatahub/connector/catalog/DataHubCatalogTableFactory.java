package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import io.github.flinkdatahub.connector.DataHubOptionsUtil;
import io.github.flinkdatahub.connector.catalog.system.SystemTableSource;
import io.github.flinkdatahub.connector.catalog.system.SystemTables;
import io.github.flinkdatahub.connector.table.DataHubDynamicTableFactory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.PROJECT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.TOPIC;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.LIFECYCLE;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.SHARD_COUNT;

/**
 * The table factory the catalog hands to the planner for its tables: the {@code 'connector' =
 * 'datahub'} factory ({@link DataHubDynamicTableFactory}), given the catalog's connection,
 * including the secrets, and the table's project and topic besides the table's own options. The
 * secrets stay out of the tables' options because Flink prints those unmasked ({@code SHOW CREATE
 * TABLE}) and masks only keys such as "password" or "secret" in error messages, never "access-key".
 * Completing the options here also serves tables the planner did not get from {@code getTable}: the
 * sink of {@code CREATE TABLE ... AS SELECT} carries only the CREATE options.
 */
@Internal
final class DataHubCatalogTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    /** Options of CREATE TABLE in the catalog, meaningless to the connector. */
    private static final Set<String> CREATE_ONLY = Set.of(SHARD_COUNT.key(), LIFECYCLE.key());

    private final DataHubDynamicTableFactory delegate = new DataHubDynamicTableFactory();
    private final Map<String, String> connectionOptions;

    /**
     * @param connectionOptions all connection options of the catalog, secrets included, by primary
     *     key
     */
    DataHubCatalogTableFactory(Map<String, String> connectionOptions) {
        this.connectionOptions = Collections.unmodifiableMap(new HashMap<>(connectionOptions));
    }

    @Override
    public String factoryIdentifier() {
        return DataHubDynamicTableFactory.IDENTIFIER;
    }

    /** Validated by the {@link DataHubDynamicTableFactory} this one delegates to. */
    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Collections.emptySet();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Collections.emptySet();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(DynamicTableFactory.Context context) {
        ObjectIdentifier id = context.getObjectIdentifier();
        if (SystemTables.isSystemTableName(id.getObjectName())) {
            return new SystemTableSource(
                    DataHubOptionsUtil.connection(Configuration.fromMap(connectionOptions)),
                    id.getDatabaseName(),
                    SystemTables.topicOf(id.getObjectName()),
                    SystemTables.tableOf(id.getObjectName())
                            .orElseThrow(() -> new ValidationException("No system table " + id)));
        }
        return delegate.createDynamicTableSource(completed(context));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(DynamicTableFactory.Context context) {
        ObjectIdentifier id = context.getObjectIdentifier();
        if (SystemTables.isSystemTableName(id.getObjectName())) {
            throw new ValidationException(
                    "System table "
                            + id.asSummaryString()
                            + " is read-only; change DataHub with the catalog's procedures"
                            + " (CALL <catalog>.sys.<procedure>(...)).");
        }
        return delegate.createDynamicTableSink(completed(context));
    }

    /**
     * The context with the connection and the table's project and topic; an option given on the
     * table (e.g. in a hint) wins.
     */
    private DynamicTableFactory.Context completed(DynamicTableFactory.Context context) {
        ObjectIdentifier id = context.getObjectIdentifier();
        Map<String, String> options = new HashMap<>(connectionOptions);
        options.put(FactoryUtil.CONNECTOR.key(), DataHubDynamicTableFactory.IDENTIFIER);
        options.put(PROJECT.key(), id.getDatabaseName());
        options.put(TOPIC.key(), id.getObjectName());
        context.getCatalogTable()
                .getOptions()
                .forEach(
                        (k, v) -> {
                            if (!CREATE_ONLY.contains(k)) {
                                options.put(k, v);
                            }
                        });
        return new FactoryUtil.DefaultDynamicTableContext(
                id,
                context.getCatalogTable().copy(options),
                context.getEnrichmentOptions(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
    }
}
