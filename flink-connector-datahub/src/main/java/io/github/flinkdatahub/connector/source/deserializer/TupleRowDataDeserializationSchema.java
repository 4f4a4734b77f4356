package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

import javax.annotation.Nullable;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Tuple records to {@link RowData}: each produced field takes the topic field of the same name
 * (ignoring case), converted exactly: DECIMAL keeps its digits (a value that does not fit the
 * declared precision fails naming the field), TIMESTAMP keeps microseconds. Produced fields the
 * record lacks are null.
 */
@Internal
final class TupleRowDataDeserializationSchema implements DataHubDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final RowType producedType;
    private final TypeInformation<RowData> typeInfo;
    private transient RecordSchema lastSchema;
    private transient int[] lastIndexes;

    TupleRowDataDeserializationSchema(RowType producedType, TypeInformation<RowData> typeInfo) {
        this.producedType = producedType;
        this.typeInfo = typeInfo;
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context,
            @Nullable RecordSchema topicSchema) {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "The topic is a blob topic; RowData columns need a tuple topic");
        }
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
            Object v = indexes[i] < 0 ? null : t.getValue(indexes[i]);
            row.setField(
                    i,
                    v == null
                            ? null
                            : convert(
                                    v,
                                    producedType.getTypeAt(i),
                                    producedType.getFieldNames().get(i)));
        }
        out.collect(row);
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

    static Object convert(Object v, LogicalType type, String field) throws IOException {
        switch (type.getTypeRoot()) {
            case TINYINT:
                return ((Number) v).byteValue();
            case SMALLINT:
                return ((Number) v).shortValue();
            case INTEGER:
                return ((Number) v).intValue();
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
                                        + "': value "
                                        + big.toPlainString()
                                        + " does not fit "
                                        + type.asSummaryString());
                    }
                    return data;
                }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
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
