package io.github.flinkdatahub.connector.catalog.system;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.connector.table.DataHubTypeMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.connector.catalog.system.SystemTables.string;

/**
 * {@code topic$schemas}: the registered schema versions, their fields written as Flink columns
 * ({@code id BIGINT NOT NULL, name STRING}).
 */
@Internal
final class SchemasTable implements SystemTable {
    private static final DataType ROW =
            DataTypes.ROW(
                    DataTypes.FIELD("version_id", DataTypes.INT().notNull()),
                    DataTypes.FIELD("fields", DataTypes.STRING()),
                    DataTypes.FIELD("create_time", DataTypes.BIGINT()),
                    DataTypes.FIELD("creator", DataTypes.STRING()));

    @Override
    public String name() {
        return "schemas";
    }

    @Override
    public DataType rowType() {
        return ROW;
    }

    @Override
    public List<RowData> read(DataHubClient client, String project, String topic) {
        List<RowData> rows = new ArrayList<>();
        for (GetTopicSchemaResult version :
                client.listTopicSchema(project, topic).getRecordSchemaList()) {
            rows.add(
                    GenericRowData.of(
                            version.getVersionId(),
                            string(columns(version.getRecordSchema().getFields())),
                            version.getCreateTime(),
                            string(version.getCreator())));
        }
        return rows;
    }

    static String columns(List<Field> fields) {
        return fields.stream()
                .map(f -> f.getName() + " " + DataHubTypeMapping.toFlinkType(f))
                .collect(Collectors.joining(", "));
    }
}
