package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;

import java.util.List;

/**
 * A read-only view of one kind of a topic's metadata, named {@code <topic>$<name>} in the catalog.
 * Read once, when the job runs: a snapshot, so the table is bounded.
 */
@Internal
public interface SystemTable {
    /** The suffix after {@code $}, e.g. {@code shards}. */
    String name();

    /** The row type of the table: a ROW of named fields. */
    DataType rowType();

    /** The rows as of now. */
    List<RowData> read(DataHubClient client, String project, String topic);
}
