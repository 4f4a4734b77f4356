package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.PublicEvolving;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.RecordSchema;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a replication service puts a change's bookkeeping in a tuple record: the names of the
 * record-id, operation, timestamp and before/after flag fields (and, for DTS, instance, database
 * and table), and the prefix of the data fields. Field names match ignoring case, as columns do.
 */
@PublicEvolving
public enum CdcLayout {
    DTS_NEW(
            CdcFormat.DTS,
            DtsNaming.NEW,
            "new_dts_sync_dts_",
            "",
            "record_id",
            "operation_flag",
            "utc_timestamp",
            "before_flag",
            "after_flag",
            "instance_id",
            "db_name",
            "table_name"),
    DTS_PREVIOUS(
            CdcFormat.DTS,
            DtsNaming.PREVIOUS,
            "dts_",
            "dts_",
            "record_id",
            "operation_flag",
            "utc_timestamp",
            "before_flag",
            "after_flag",
            "instance_id",
            "db_name",
            "table_name"),
    DATAWORKS(
            CdcFormat.DATAWORKS,
            null,
            "_",
            "",
            "sequence_id_",
            "operation_type_",
            "execute_time_",
            "before_image_",
            "after_image_",
            null,
            null,
            null),
    /** DataWorks before {@code _sequence_id_}: the binlog position is the record id. */
    DATAWORKS_LOG_OFFSET(
            CdcFormat.DATAWORKS,
            null,
            "_",
            "",
            "log_file_name_offset_",
            "operation_type_",
            "execute_time_",
            "before_image_",
            "after_image_",
            null,
            null,
            null);

    private final CdcFormat format;
    @Nullable private final DtsNaming naming;
    private final String dataPrefix;
    private final String recordIdField;
    private final String operationField;
    private final String timestampField;
    private final String beforeFlagField;
    private final String afterFlagField;
    @Nullable private final String instanceIdField;
    @Nullable private final String databaseField;
    @Nullable private final String tableField;

    CdcLayout(
            CdcFormat format,
            @Nullable DtsNaming naming,
            String bookkeepingPrefix,
            String dataPrefix,
            String recordId,
            String operation,
            String timestamp,
            String beforeFlag,
            String afterFlag,
            @Nullable String instanceId,
            @Nullable String database,
            @Nullable String table) {
        this.format = format;
        this.naming = naming;
        this.dataPrefix = dataPrefix;
        this.recordIdField = bookkeepingPrefix + recordId;
        this.operationField = bookkeepingPrefix + operation;
        this.timestampField = bookkeepingPrefix + timestamp;
        this.beforeFlagField = bookkeepingPrefix + beforeFlag;
        this.afterFlagField = bookkeepingPrefix + afterFlag;
        this.instanceIdField = instanceId == null ? null : bookkeepingPrefix + instanceId;
        this.databaseField = database == null ? null : bookkeepingPrefix + database;
        this.tableField = table == null ? null : bookkeepingPrefix + table;
    }

    public CdcFormat format() {
        return format;
    }

    /** The DTS naming; null for DataWorks. */
    @Nullable
    public DtsNaming naming() {
        return naming;
    }

    public String recordIdField() {
        return recordIdField;
    }

    public String operationField() {
        return operationField;
    }

    public String timestampField() {
        return timestampField;
    }

    public String beforeFlagField() {
        return beforeFlagField;
    }

    public String afterFlagField() {
        return afterFlagField;
    }

    /** DTS only. */
    @Nullable
    public String instanceIdField() {
        return instanceIdField;
    }

    /** DTS only. */
    @Nullable
    public String databaseField() {
        return databaseField;
    }

    /** DTS only. */
    @Nullable
    public String tableField() {
        return tableField;
    }

    /** The bookkeeping fields, in the order the service writes them. */
    public List<String> bookkeepingFields() {
        return Arrays.stream(
                        new String[] {
                            recordIdField,
                            instanceIdField,
                            databaseField,
                            tableField,
                            operationField,
                            timestampField,
                            beforeFlagField,
                            afterFlagField
                        })
                .filter(Objects::nonNull)
                .collect(Collectors.toList());
    }

    public boolean isBookkeeping(String field) {
        return bookkeepingFields().stream().anyMatch(f -> f.equalsIgnoreCase(field));
    }

    /** The topic field holding a data column ({@code id} is {@code dts_id} in previous naming). */
    public String fieldOf(String column) {
        return dataPrefix + column;
    }

    /** The data column a field holds; empty for bookkeeping and for fields without the prefix. */
    public Optional<String> columnOf(String field) {
        if (isBookkeeping(field)
                || !field.toLowerCase(Locale.ROOT).startsWith(dataPrefix.toLowerCase(Locale.ROOT))
                || field.length() == dataPrefix.length()) {
            return Optional.empty();
        }
        return Optional.of(field.substring(dataPrefix.length()));
    }

    /** The data fields of a topic in this layout, in the topic's order. */
    public List<Field> dataFields(RecordSchema schema) {
        return schema.getFields().stream()
                .filter(f -> columnOf(f.getName()).isPresent())
                .collect(Collectors.toList());
    }

    /** Whether the topic has every bookkeeping field of this layout. */
    public boolean matches(RecordSchema schema) {
        return missingFields(schema).isEmpty();
    }

    private List<String> missingFields(RecordSchema schema) {
        return bookkeepingFields().stream()
                .filter(f -> schema.indexOf(f) < 0)
                .collect(Collectors.toList());
    }

    /** The layout a topic's fields match, if any (DTS new naming first). */
    public static Optional<CdcLayout> detect(RecordSchema schema) {
        return Arrays.stream(values()).filter(l -> l.matches(schema)).findFirst();
    }

    /**
     * The layout of {@code format} (and, for DTS, {@code naming}) the topic's fields match; fails
     * naming the missing fields.
     */
    public static CdcLayout resolve(
            CdcFormat format, DtsNaming naming, RecordSchema schema, String topicPath) {
        List<CdcLayout> candidates = new ArrayList<>();
        for (CdcLayout l : values()) {
            if (l.format == format
                    && (format != CdcFormat.DTS
                            || naming == DtsNaming.AUTO
                            || l.naming == naming)) {
                candidates.add(l);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(
                    "'cdc.format' = '" + format + "' names no change-record layout");
        }
        for (CdcLayout l : candidates) {
            if (l.matches(schema)) {
                return l;
            }
        }
        CdcLayout closest = candidates.get(0);
        throw new IllegalArgumentException(
                "DataHub topic "
                        + topicPath
                        + " does not have the fields of "
                        + candidates.stream()
                                .map(CdcLayout::toString)
                                .collect(Collectors.joining(" or "))
                        + ": "
                        + closest
                        + " lacks "
                        + closest.missingFields(schema)
                        + ". Check 'cdc.format'"
                        + (format == CdcFormat.DTS ? " and 'cdc.dts.naming'" : "")
                        + ", or remove it to read the records as plain inserts.");
    }

    /** E.g. {@code DTS (new naming)}; DESCRIBE and errors show it. */
    @Override
    public String toString() {
        switch (this) {
            case DTS_NEW:
                return "DTS (new naming)";
            case DTS_PREVIOUS:
                return "DTS (previous naming, data fields prefixed 'dts_')";
            case DATAWORKS:
                return "DataWorks";
            default:
                return "DataWorks (with _log_file_name_offset_)";
        }
    }
}
