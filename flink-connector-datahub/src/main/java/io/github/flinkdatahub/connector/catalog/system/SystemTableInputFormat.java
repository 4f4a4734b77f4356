package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.io.GenericInputFormat;
import org.apache.flink.api.common.io.NonParallelInput;
import org.apache.flink.core.io.GenericInputSplit;
import org.apache.flink.table.data.RowData;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.connector.common.DataHubConnection;

import java.io.IOException;
import java.util.Iterator;

/**
 * Reads a system table's rows when the task runs, through a client of its own; one split, so the
 * snapshot is read once whatever the parallelism.
 */
@Internal
final class SystemTableInputFormat extends GenericInputFormat<RowData> implements NonParallelInput {
    private static final long serialVersionUID = 1L;

    private final DataHubConnection connection;
    private final String project;
    private final String topic;

    /** By name: the tables are looked up again on the task manager. */
    private final String tableName;

    private transient Iterator<RowData> rows;

    SystemTableInputFormat(
            DataHubConnection connection, String project, String topic, String tableName) {
        this.connection = connection;
        this.project = project;
        this.topic = topic;
        this.tableName = tableName;
    }

    @Override
    public void open(GenericInputSplit split) throws IOException {
        super.open(split);
        SystemTable table =
                SystemTables.tableOf(SystemTables.SEPARATOR + tableName)
                        .orElseThrow(
                                () -> new IllegalStateException("No system table " + tableName));
        try (DataHubClient client = connection.openClient()) {
            rows = table.read(client, project, topic).iterator();
        } catch (DataHubException e) {
            throw new IOException(
                    "Cannot read system table "
                            + project
                            + "."
                            + topic
                            + SystemTables.SEPARATOR
                            + tableName
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean reachedEnd() {
        return !rows.hasNext();
    }

    @Override
    public RowData nextRecord(RowData reuse) {
        return rows.next();
    }
}
