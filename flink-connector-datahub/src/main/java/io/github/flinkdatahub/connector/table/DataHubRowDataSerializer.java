package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.ProjectedRowData;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The table sink's records: the physical columns (the leading fields of the consumed row) through a
 * tuple or blob serializer, plus the {@code attributes} metadata column when the table writes it.
 */
@Internal
final class DataHubRowDataSerializer implements DataHubSerializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final DataHubSerializationSchema<RowData> physical;
    private final int physicalArity;

    /** Position of the attributes column in the consumed row; -1 when not written. */
    private final int attributesPos;

    private transient ProjectedRowData physicalRow;

    DataHubRowDataSerializer(
            DataHubSerializationSchema<RowData> physical, int physicalArity, int attributesPos) {
        this.physical = physical;
        this.physicalArity = physicalArity;
        this.attributesPos = attributesPos;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        physical.open(context, topicPath, topicSchema);
        physicalRow = ProjectedRowData.from(IntStream.range(0, physicalArity).toArray());
    }

    @Override
    @Nullable
    public Record serialize(RowData row) throws IOException {
        Record r = physical.serialize(attributesPos < 0 ? row : physicalRow.replaceRow(row));
        if (r == null || attributesPos < 0 || row.isNullAt(attributesPos)) {
            return r;
        }
        Map<String, String> attributes = attributes(row.getMap(attributesPos));
        if (attributes.isEmpty()) {
            return r;
        }
        return r instanceof TupleRecord
                ? ((TupleRecord) r).toBuilder().attributes(attributes).build()
                : ((BlobRecord) r).toBuilder().attributes(attributes).build();
    }

    /** DataHub attributes are strings: entries with a null key or value are left out. */
    private static Map<String, String> attributes(MapData map) {
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < map.size(); i++) {
            if (!keys.isNullAt(i) && !values.isNullAt(i)) {
                out.put(keys.getString(i).toString(), values.getString(i).toString());
            }
        }
        return out;
    }
}
