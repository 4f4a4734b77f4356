package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubConnectorOptions.LengthCheck;
import io.github.flinkdatahub.connector.common.TupleConversion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Tuple records to {@link RowData}: each produced field takes the topic field of the same name
 * (ignoring case), converted exactly: DECIMAL keeps its digits (a value that does not fit the
 * declared precision fails naming the field), TIMESTAMP keeps microseconds (wall-clock time in the
 * conversion's zone), a BIGINT column reads a TIMESTAMP field's raw microseconds. A record without
 * a produced field is handled by the conversion's {@link LengthCheck}.
 */
@Internal
final class TupleRowDataDeserializationSchema implements DataHubDeserializationSchema<RowData> {
    private static final long serialVersionUID = 2L;

    private static final Logger LOG =
            LoggerFactory.getLogger(TupleRowDataDeserializationSchema.class);

    /** Records dropped by {@code lengthCheck = SKIP}, under the reader's "deserializer" group. */
    static final String SKIPPED_METRIC = "numRecordsSkippedByLengthCheck";

    private final RowType producedType;
    private final TypeInformation<RowData> typeInfo;
    private final TupleConversion conversion;
    private transient RecordSchema lastSchema;
    private transient int[] lastIndexes;
    private transient String topicPath;
    private transient Counter skipped;

    TupleRowDataDeserializationSchema(
            RowType producedType, TypeInformation<RowData> typeInfo, TupleConversion conversion) {
        this.producedType = producedType;
        this.typeInfo = typeInfo;
        this.conversion = conversion;
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context,
            @Nullable RecordSchema topicSchema) {
        open(context, "(unnamed topic)", topicSchema);
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema) {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "The topic is a blob topic; RowData columns need a tuple topic");
        }
        this.topicPath = topicPath;
        this.skipped =
                context == null || context.getMetricGroup() == null
                        ? new SimpleCounter()
                        : context.getMetricGroup().counter(SKIPPED_METRIC);
    }

    /** Records dropped by {@code lengthCheck = SKIP} so far (for tests without a metric group). */
    long skippedRecords() {
        return skipped == null ? 0 : skipped.getCount();
    }

    @Override
    public void deserialize(Record record, Collector<RowData> out) throws IOException {
        if (!(record instanceof TupleRecord)) {
            throw new IOException(
                    "Expected a tuple record in shard "
                            + record.getShardId()
                            + " at sequence "
                            + record.getSequence()
                            + ", got "
                            + record.getRecordType());
        }
        TupleRecord t = (TupleRecord) record;
        int[] indexes = indexes(t.getSchema());
        GenericRowData row = new GenericRowData(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            // No field for the column, or a record written before the field was appended.
            if (indexes[i] < 0 || indexes[i] >= t.getWrittenFieldCount()) {
                switch (conversion.lengthCheck()) {
                    case SKIP:
                        if (skipped == null) {
                            skipped = new SimpleCounter();
                        }
                        skipped.inc();
                        return;
                    case EXCEPTION:
                        throw new IOException(
                                "DataHub topic "
                                        + topicPath
                                        + ", shard "
                                        + record.getShardId()
                                        + ", sequence "
                                        + record.getSequence()
                                        + ": the record has no field for column '"
                                        + producedType.getFieldNames().get(i)
                                        + "' (it was written with "
                                        + t.getWrittenFieldCount()
                                        + " fields); "
                                        + DataHubConnectorOptions.SCAN_LENGTH_CHECK.key()
                                        + " is EXCEPTION.");
                    default:
                        // PAD and NONE: the column is null.
                        continue;
                }
            }
            Object v = t.getValue(indexes[i]);
            row.setField(i, v == null ? null : convertColumn(v, i, record));
        }
        out.collect(row);
    }

    private Object convertColumn(Object v, int i, Record record) throws IOException {
        LogicalType type = producedType.getTypeAt(i);
        String column = producedType.getFieldNames().get(i);
        try {
            return convert(v, type, column, conversion.timeZone(), conversion.isUtc());
        } catch (IOException | RuntimeException e) {
            String message;
            if (conversion.columnErrorDebug()) {
                message =
                        "Cannot convert value '"
                                + v
                                + "' of DataHub topic "
                                + topicPath
                                + ", shard "
                                + record.getShardId()
                                + ", sequence "
                                + record.getSequence()
                                + " to column '"
                                + column
                                + "' (position "
                                + i
                                + ") of type "
                                + type.asSummaryString()
                                + ": "
                                + e.getMessage();
            } else {
                message =
                        "Cannot convert a value to column '"
                                + column
                                + "' (position "
                                + i
                                + ") of type "
                                + type.asSummaryString()
                                + "; set '"
                                + DataHubConnectorOptions.SCAN_COLUMN_ERROR_DEBUG.key()
                                + "' (or 'columnErrorDebug') = 'true' to see the value, shard and sequence.";
            }
            LOG.error(message);
            throw conversion.columnErrorDebug()
                    ? new IOException(message, e)
                    : new IOException(message);
        }
    }

    private int[] indexes(RecordSchema schema) {
        if (schema != lastSchema) {
            int[] idx = new int[producedType.getFieldCount()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = schema.indexOf(producedType.getFieldNames().get(i));
            }
            lastSchema = schema;
            lastIndexes = idx;
        }
        return lastIndexes;
    }

    /** An integer field read into a narrower column fails rather than wrap around. */
    private static long integerWithin(Object v, long min, long max, String field, LogicalType type)
            throws IOException {
        long x = ((Number) v).longValue();
        if (x < min || x > max) {
            throw new IOException(
                    "Field '" + field + "': the value does not fit " + type.asSummaryString());
        }
        return x;
    }

    static Object convert(Object v, LogicalType type, String field, ZoneId zone, boolean utc)
            throws IOException {
        switch (type.getTypeRoot()) {
            case TINYINT:
                return (byte) integerWithin(v, Byte.MIN_VALUE, Byte.MAX_VALUE, field, type);
            case SMALLINT:
                return (short) integerWithin(v, Short.MIN_VALUE, Short.MAX_VALUE, field, type);
            case INTEGER:
                return (int) integerWithin(v, Integer.MIN_VALUE, Integer.MAX_VALUE, field, type);
            case BIGINT:
                return ((Number) v).longValue();
            case FLOAT:
                return ((Number) v).floatValue();
            case DOUBLE:
                return ((Number) v).doubleValue();
            case BOOLEAN:
                return v;
            case CHAR:
            case VARCHAR:
                return StringData.fromString(v.toString());
            case DECIMAL:
                {
                    DecimalType d = (DecimalType) type;
                    BigDecimal big =
                            v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
                    DecimalData data =
                            DecimalData.fromBigDecimal(big, d.getPrecision(), d.getScale());
                    if (data == null) {
                        throw new IOException(
                                "Field '"
                                        + field
                                        + "': the value does not fit "
                                        + type.asSummaryString());
                    }
                    return data;
                }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                {
                    long micros = ((Number) v).longValue();
                    if (utc) {
                        return TimestampData.fromEpochMillis(
                                Math.floorDiv(micros, 1000),
                                (int) Math.floorMod(micros, 1000) * 1000);
                    }
                    // Wall-clock time in the zone of the instant DataHub stores.
                    Instant instant =
                            Instant.ofEpochSecond(
                                    Math.floorDiv(micros, 1_000_000),
                                    Math.floorMod(micros, 1_000_000) * 1000L);
                    return TimestampData.fromLocalDateTime(LocalDateTime.ofInstant(instant, zone));
                }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                {
                    long micros = ((Number) v).longValue();
                    return TimestampData.fromEpochMillis(
                            Math.floorDiv(micros, 1000), (int) Math.floorMod(micros, 1000) * 1000);
                }
            default:
                throw new IOException(
                        "Field '"
                                + field
                                + "': DataHub values cannot be read as "
                                + type.asSummaryString());
        }
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return typeInfo;
    }
}
