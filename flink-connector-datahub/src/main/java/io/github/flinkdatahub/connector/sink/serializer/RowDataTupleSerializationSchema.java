package io.github.flinkdatahub.connector.sink.serializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.table.DataHubTypeMapping;

import javax.annotation.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows to tuple records by column name (ignoring case). The mapping is checked against the topic
 * schema when the writer starts; values are checked per row by the client's field types (range, NOT
 * NULL), so a bad value fails naming the field and the value.
 */
@Internal
final class RowDataTupleSerializationSchema implements DataHubSerializationSchema<RowData> {
    private static final long serialVersionUID = 2L;

    private final RowType rowType;

    /** The zone of TIMESTAMP columns' wall-clock time; null for UTC (no zone arithmetic). */
    @Nullable private final ZoneId timeZone;

    private transient RecordSchema schema;
    private transient String topicPath;

    /** Topic field index of each column. */
    private transient int[] targets;

    RowDataTupleSerializationSchema(RowType rowType, ZoneId timeZone) {
        this.rowType = rowType;
        this.timeZone = timeZone.normalized().equals(ZoneOffset.UTC) ? null : timeZone;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema) {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "DataHub topic "
                            + topicPath
                            + " is a blob topic; rows need a tuple"
                            + " topic (use DataHubSerializationSchema.blob(format) for blob topics)");
        }
        List<String> names = rowType.getFieldNames();
        int[] idx = new int[names.size()];
        boolean[] covered = new boolean[topicSchema.size()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = topicSchema.indexOf(names.get(i));
            if (idx[i] < 0) {
                problems.add("column '" + names.get(i) + "' is not a field of the topic");
                continue;
            }
            covered[idx[i]] = true;
            Field f = topicSchema.getField(idx[i]);
            LogicalType t = rowType.getTypeAt(i);
            if (!DataHubTypeMapping.compatible(t, f.getType())) {
                problems.add(
                        "column '"
                                + names.get(i)
                                + "' of type "
                                + t.asSummaryString()
                                + " cannot be written to"
                                + " field '"
                                + f.getName()
                                + "' of type "
                                + f.getType());
            }
        }
        for (int j = 0; j < covered.length; j++) {
            Field f = topicSchema.getField(j);
            if (!covered[j] && !f.isAllowNull()) {
                problems.add("NOT NULL field '" + f.getName() + "' has no column");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Rows of type "
                            + rowType.asSummaryString()
                            + " cannot be written to"
                            + " DataHub topic "
                            + topicPath
                            + " with fields "
                            + topicSchema
                            + ": "
                            + String.join("; ", problems));
        }
        this.schema = topicSchema;
        this.topicPath = topicPath;
        this.targets = idx;
    }

    @Override
    public Record serialize(RowData row) throws IOException {
        if (schema == null) {
            throw new IllegalStateException("open() was not called");
        }
        TupleRecord.Builder b = TupleRecord.builder(schema);
        for (int i = 0; i < targets.length; i++) {
            Field f = schema.getField(targets[i]);
            if (row.isNullAt(i)) {
                if (!f.isAllowNull()) {
                    throw new IllegalArgumentException(
                            "Field '"
                                    + f.getName()
                                    + "' of DataHub topic "
                                    + topicPath
                                    + " is NOT NULL, but column '"
                                    + rowType.getFieldNames().get(i)
                                    + "' is null");
                }
                continue;
            }
            b.set(targets[i], value(row, i, rowType.getTypeAt(i), timeZone));
        }
        return b.build();
    }

    /** The column's value as the client's Java type; ranges are checked by the field type. */
    static Object value(RowData row, int pos, LogicalType type, @Nullable ZoneId zone) {
        switch (type.getTypeRoot()) {
            case TINYINT:
                return row.getByte(pos);
            case SMALLINT:
                return row.getShort(pos);
            case INTEGER:
                return row.getInt(pos);
            case BIGINT:
                return row.getLong(pos);
            case FLOAT:
                return row.getFloat(pos);
            case DOUBLE:
                return row.getDouble(pos);
            case BOOLEAN:
                return row.getBoolean(pos);
            case CHAR:
            case VARCHAR:
                return row.getString(pos).toString();
            case DECIMAL:
                {
                    DecimalType d = (DecimalType) type;
                    return row.getDecimal(pos, d.getPrecision(), d.getScale()).toBigDecimal();
                }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                {
                    TimestampData ts = row.getTimestamp(pos, ((TimestampType) type).getPrecision());
                    if (zone == null) {
                        return micros(ts);
                    }
                    // Wall-clock time in the zone: the instant it names there.
                    Instant instant = ts.toLocalDateTime().atZone(zone).toInstant();
                    return Math.addExact(
                            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                            instant.getNano() / 1000);
                }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return micros(
                        row.getTimestamp(pos, ((LocalZonedTimestampType) type).getPrecision()));
            default:
                throw new IllegalStateException("Unchecked column type " + type.asSummaryString());
        }
    }

    /** Epoch microseconds; digits below a microsecond are dropped (DataHub keeps microseconds). */
    static long micros(TimestampData ts) {
        return Math.addExact(
                Math.multiplyExact(ts.getMillisecond(), 1000L), ts.getNanoOfMillisecond() / 1000);
    }

    @Override
    public String toString() {
        return "rowDataToTuple("
                + rowType.getFields().stream()
                        .map(f -> f.getName())
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
