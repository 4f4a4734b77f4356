package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import io.github.flinkdatahub.connector.DataHubConnectorOptions;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.DEFAULT_DATABASE;
import static io.github.flinkdatahub.connector.catalog.DataHubCatalogOptions.IDENTIFIER;

/**
 * Creates a {@link DataHubCatalog}: {@code CREATE CATALOG dh WITH ('type' = 'datahub', 'endpoint' =
 * '...', 'access-id' = '...', 'access-key' = '...', 'default-database' = '<project>')}.
 */
@PublicEvolving
public class DataHubCatalogFactory implements CatalogFactory {

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return DataHubConnectorOptions.requiredConnectionOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options =
                new LinkedHashSet<>(DataHubConnectorOptions.optionalConnectionOptions());
        options.add(DEFAULT_DATABASE);
        return options;
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        Map<String, String> connectionOptions = new HashMap<>(context.getOptions());
        connectionOptions.remove(DEFAULT_DATABASE.key());
        connectionOptions.remove(FactoryUtil.PROPERTY_VERSION.key());
        return new DataHubCatalog(
                context.getName(), helper.getOptions().get(DEFAULT_DATABASE), connectionOptions);
    }
}
