package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import javax.annotation.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bookkeeping fields of a change record as metadata columns ({@code cdc.operation} etc.). The
 * timestamp keeps the type it is stored with: STRING (DTS), BIGINT (DataWorks), or TIMESTAMP_LTZ
 * for a TIMESTAMP field.
 */
@Internal
public enum CdcMetadata {
    OPERATION("cdc.operation"),
    RECORD_ID("cdc.record-id"),
    TIMESTAMP("cdc.timestamp"),
    DATABASE("cdc.database"),
    TABLE("cdc.table");

    public final String key;

    CdcMetadata(String key) {
        this.key = key;
    }

    /** The field this key reads in {@code layout}; null where the layout has none. */
    @Nullable
    public String field(CdcLayout layout) {
        switch (this) {
            case OPERATION:
                return layout.operationField();
            case RECORD_ID:
                return layout.recordIdField();
            case TIMESTAMP:
                return layout.timestampField();
            case DATABASE:
                return layout.databaseField();
            default:
                return layout.tableField();
        }
    }

    /** The keys a layout offers, in declaration order. */
    public static List<CdcMetadata> of(CdcLayout layout) {
        return Arrays.stream(values())
                .filter(m -> m.field(layout) != null)
                .collect(Collectors.toList());
    }

    /** The keys a layout offers, for messages. */
    public static List<String> keysOf(CdcLayout layout) {
        return of(layout).stream().map(m -> m.key).collect(Collectors.toList());
    }

    public static boolean isKey(String key) {
        return Arrays.stream(values()).anyMatch(m -> m.key.equals(key));
    }

    public static CdcMetadata ofKey(String key) {
        for (CdcMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown change-record metadata key " + key);
    }

    /** The column type: as the field is stored in {@code schema}. */
    public DataType type(CdcLayout layout, RecordSchema schema) {
        return typeOf(schema.getField(schema.indexOf(field(layout))).getType());
    }

    static DataType typeOf(FieldType stored) {
        switch (stored) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return DataTypes.BIGINT();
            case TIMESTAMP:
                return DataTypes.TIMESTAMP_LTZ(6);
            default:
                return DataTypes.STRING();
        }
    }

    /** The value in Flink's internal representation for a field at {@code index}. */
    static Object read(TupleRecord record, int index) {
        Object v = record.getValue(index);
        if (v == null) {
            return null;
        }
        switch (record.getSchema().getField(index).getType()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return ((Number) v).longValue();
            case TIMESTAMP:
                {
                    long micros = ((Number) v).longValue();
                    return TimestampData.fromEpochMillis(
                            Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
                }
            default:
                return StringData.fromString(v.toString());
        }
    }
}
