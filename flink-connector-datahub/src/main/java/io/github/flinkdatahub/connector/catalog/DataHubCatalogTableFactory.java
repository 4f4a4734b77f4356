package io.github.flinkdatahub.connector.catalog;

import io.github.flinkdatahub.connector.table.DataHubDynamicTableFactory;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The table factory the catalog hands to the planner for its tables: the {@code 'connector' =
 * 'datahub'} factory ({@link DataHubDynamicTableFactory}), given the catalog's secrets besides the
 * table's options. The secrets stay
 * out of the tables' options because Flink prints those unmasked ({@code SHOW CREATE TABLE}) and
 * masks only keys such as "password" or "secret" in error messages, never "access-key".
 */
@Internal
final class DataHubCatalogTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    private final DataHubDynamicTableFactory delegate = new DataHubDynamicTableFactory();
    private final Map<String, String> secrets;

    DataHubCatalogTableFactory(Map<String, String> secrets) {
        this.secrets = Collections.unmodifiableMap(new HashMap<>(secrets));
    }

    @Override
    public String factoryIdentifier() {
        return DataHubCatalogOptions.IDENTIFIER;
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
        return delegate.createDynamicTableSource(withSecrets(context));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(DynamicTableFactory.Context context) {
        return delegate.createDynamicTableSink(withSecrets(context));
    }

    /** The context with the secrets added; an option given on the table (e.g. a hint) wins. */
    private DynamicTableFactory.Context withSecrets(DynamicTableFactory.Context context) {
        Map<String, String> options = new HashMap<>(secrets);
        options.putAll(context.getCatalogTable().getOptions());
        return new FactoryUtil.DefaultDynamicTableContext(context.getObjectIdentifier(),
                context.getCatalogTable().copy(options), context.getEnrichmentOptions(), context.getConfiguration(),
                context.getClassLoader(), context.isTemporary());
    }
}
