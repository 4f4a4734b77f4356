package io.github.flinkdatahub.connector.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.cdc.CdcLayout;
import io.github.flinkdatahub.connector.table.DataHubTypeMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Translates between topics and catalog table schemas: describe, create, append. */
@Internal
final class TopicTables {
    /** The one column of a blob topic's table. */
    static final String BLOB_COLUMN = "data";

    private TopicTables() {}

    /**
     * The table schema of a topic: its fields (NOT NULL and comments kept), or {@code data BYTES}.
     */
    static Schema schemaOf(GetTopicResult topic) {
        Schema.Builder schema = Schema.newBuilder();
        if (topic.getRecordType() == RecordType.BLOB) {
            return schema.column(BLOB_COLUMN, DataTypes.BYTES()).build();
        }
        for (Field field : topic.getRecordSchema().getFields()) {
            schema.column(field.getName(), DataHubTypeMapping.toFlinkType(field));
            String comment = field.getComment();
            if (comment != null && !comment.isEmpty()) {
                schema.withComment(comment);
            }
        }
        return schema.build();
    }

    /** The change-record layout a tuple topic's fields match, if any. */
    static Optional<CdcLayout> cdcLayoutOf(GetTopicResult topic) {
        return topic.getRecordType() == RecordType.TUPLE
                ? CdcLayout.detect(topic.getRecordSchema())
                : Optional.empty();
    }

    /**
     * The table schema of a topic of change records: the data columns only (named as in the source
     * database), each commented with the layout where its field has no comment of its own.
     */
    static Schema dataSchemaOf(GetTopicResult topic, CdcLayout layout) {
        Schema.Builder schema = Schema.newBuilder();
        for (Field field : layout.dataFields(topic.getRecordSchema())) {
            schema.column(
                    layout.columnOf(field.getName()).orElseThrow(),
                    DataHubTypeMapping.toFlinkType(field));
            String comment = field.getComment();
            schema.withComment(
                    comment != null && !comment.isEmpty()
                            ? comment
                            : layout + " data field '" + field.getName() + "'");
        }
        return schema.build();
    }

    /** The table options reading a topic in {@code layout} as a changelog. */
    static Map<String, String> cdcOptions(CdcLayout layout) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(DataHubConnectorOptions.CDC_FORMAT.key(), layout.format().toString());
        if (layout.naming() != null) {
            options.put(DataHubConnectorOptions.CDC_DTS_NAMING.key(), layout.naming().toString());
        }
        return options;
    }

    /**
     * The tuple schema of a table to create; fails naming the table or column DataHub cannot store.
     */
    static RecordSchema recordSchemaOf(ObjectPath path, ResolvedCatalogTable table) {
        if (table.isPartitioned()) {
            throw unsupported(path, "PARTITIONED BY (DataHub topics are not partitioned)");
        }
        if (table.getDistribution().isPresent()) {
            throw unsupported(
                    path, "DISTRIBUTED BY (choose the number of shards with 'shard-count')");
        }
        ResolvedSchema schema = table.getResolvedSchema();
        if (schema.getPrimaryKey().isPresent()) {
            throw unsupported(path, "PRIMARY KEY (a topic has no key)");
        }
        if (!schema.getWatermarkSpecs().isEmpty()) {
            throw unsupported(
                    path,
                    "WATERMARK (a topic stores no watermark; declare it on a temporary table"
                            + " with CREATE TEMPORARY TABLE ... LIKE)");
        }
        List<Field> fields = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            fields.add(fieldOf(path, column));
        }
        if (fields.isEmpty()) {
            throw new ValidationException(
                    "Table " + path.getFullName() + " needs at least one column.");
        }
        return RecordSchema.of(fields);
    }

    /**
     * The fields to append so that a topic with {@code current} fields gets the columns of {@code
     * altered}: the existing columns unchanged and in order, new nullable physical columns after
     * them. Anything else fails, naming the column.
     */
    static List<Field> appendedFields(
            ObjectPath path, RecordSchema current, ResolvedSchema altered) {
        if (altered.getPrimaryKey().isPresent() || !altered.getWatermarkSpecs().isEmpty()) {
            throw notAppendOnly(path, "a PRIMARY KEY or WATERMARK cannot be stored in a topic");
        }
        List<Column> columns = altered.getColumns();
        List<Field> fields = current.getFields();
        if (columns.size() < fields.size()) {
            throw notAppendOnly(path, "columns cannot be dropped");
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Column column = columns.get(i);
            if (!column.getName().equals(field.getName())) {
                throw notAppendOnly(
                        path,
                        "column "
                                + (i + 1)
                                + " is '"
                                + column.getName()
                                + "' but the topic's field "
                                + (i + 1)
                                + " is '"
                                + field.getName()
                                + "' (columns cannot be renamed, reordered or"
                                + " inserted before existing ones)");
            }
            LogicalType type = column.getDataType().getLogicalType();
            boolean sameType =
                    column.isPhysical()
                            && type.isNullable() == field.isAllowNull()
                            && mapsTo(column.getName(), type, field.getType());
            if (!sameType) {
                throw notAppendOnly(
                        path,
                        "column '"
                                + column.getName()
                                + "' cannot change from "
                                + DataHubTypeMapping.toFlinkType(field)
                                + " to "
                                + column);
            }
            if (!Objects.equals(
                    emptyToNull(column.getComment().orElse(null)),
                    emptyToNull(field.getComment()))) {
                throw notAppendOnly(
                        path, "the comment of column '" + column.getName() + "' cannot change");
            }
        }
        List<Field> added = new ArrayList<>();
        for (Column column : columns.subList(fields.size(), columns.size())) {
            if (!column.getDataType().getLogicalType().isNullable()) {
                throw notAppendOnly(
                        path,
                        "the new column '"
                                + column.getName()
                                + "' must be nullable, as the"
                                + " topic's existing records have no value for it; drop NOT NULL");
            }
            added.add(fieldOf(path, column));
        }
        return added;
    }

    private static Field fieldOf(ObjectPath path, Column column) {
        if (!column.isPhysical()) {
            throw new ValidationException(
                    "Column '"
                            + column.getName()
                            + "' of table "
                            + path.getFullName()
                            + " is a computed or metadata column; a DataHub topic stores only physical columns."
                            + " Declare it on a temporary table with CREATE TEMPORARY TABLE ... LIKE.");
        }
        LogicalType type = column.getDataType().getLogicalType();
        FieldType fieldType = DataHubTypeMapping.toDataHubType(column.getName(), type);
        return new Field(
                column.getName(), fieldType, type.isNullable(), column.getComment().orElse(""));
    }

    private static boolean mapsTo(String column, LogicalType type, FieldType fieldType) {
        try {
            return DataHubTypeMapping.toDataHubType(column, type) == fieldType;
        } catch (ValidationException e) {
            return false;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static ValidationException unsupported(ObjectPath path, String clause) {
        return new ValidationException(
                "CREATE TABLE "
                        + path.getFullName()
                        + " in the DataHub catalog does not"
                        + " support "
                        + clause
                        + ".");
    }

    private static ValidationException notAppendOnly(ObjectPath path, String why) {
        return new ValidationException(
                "ALTER TABLE "
                        + path.getFullName()
                        + ": a DataHub topic can only get new"
                        + " nullable columns appended at the end (ALTER TABLE ... ADD <column> <type>); "
                        + why
                        + ".");
    }
}
