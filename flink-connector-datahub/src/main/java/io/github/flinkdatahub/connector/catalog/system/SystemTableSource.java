package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.InputFormatProvider;
import org.apache.flink.table.connector.source.ScanTableSource;

import io.github.flinkdatahub.connector.common.DataHubConnection;

/** Scans a system table once: a bounded, insert-only source with a single reader. */
@Internal
public final class SystemTableSource implements ScanTableSource {
    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    private final SystemTable table;

    public SystemTableSource(
            DataHubConnection connection, String project, String topic, SystemTable table) {
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.table = table;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return InputFormatProvider.of(
                new SystemTableInputFormat(connection, project, topic, table.name()));
    }

    @Override
    public DynamicTableSource copy() {
        return new SystemTableSource(connection, project, topic, table);
    }

    @Override
    public String asSummaryString() {
        return "DataHub system table "
                + project
                + "."
                + topic
                + SystemTables.SEPARATOR
                + table.name();
    }
}
