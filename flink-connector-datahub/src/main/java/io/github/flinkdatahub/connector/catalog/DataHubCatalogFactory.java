package io.github.flinkdatahub.connector.catalog;

import io.github.flinkdatahub.connector.common.DataHubConnectionOptions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link DataHubCatalog}: {@code CREATE CATALOG dh WITH ('type' = 'datahub', 'endpoint' =
 * '...', 'access-id' = '...', 'access-key' = '...', 'default-database' = '<project>')}.
 */
@PublicEvolving
public class DataHubCatalogFactory implements CatalogFactory {

    @Override
    public String factoryIdentifier() {
        return DataHubCatalogOptions.IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return DataHubConnectionOptions.requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(DataHubConnectionOptions.optionalOptions());
        options.add(DataHubCatalogOptions.DEFAULT_DATABASE);
        return options;
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper = FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        Map<String, String> connectionOptions = new HashMap<>(context.getOptions());
        connectionOptions.remove(DataHubCatalogOptions.DEFAULT_DATABASE.key());
        connectionOptions.remove(FactoryUtil.PROPERTY_VERSION.key());
        return new DataHubCatalog(context.getName(), helper.getOptions().get(DataHubCatalogOptions.DEFAULT_DATABASE),
                connectionOptions);
    }
}
