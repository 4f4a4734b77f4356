package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

/**
 * A blob topic read into, and written from, a table with a single BYTES column: the blob is the
 * column's value.
 */
@Internal
final class BytesRowSchema implements DeserializationSchema<RowData>, SerializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final TypeInformation<RowData> producedType;

    BytesRowSchema(String column, TypeInformation<RowData> producedType) {
        this.column = column;
        this.producedType = producedType;
    }

    @Override
    public RowData deserialize(byte[] message) {
        return GenericRowData.of((Object) message);
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public byte[] serialize(RowData row) {
        if (row.isNullAt(0)) {
            throw new IllegalArgumentException(
                    "Column '"
                            + column
                            + "' is null, but a DataHub blob cannot be null;"
                            + " filter null rows out or use COALESCE");
        }
        return row.getBinary(0);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
