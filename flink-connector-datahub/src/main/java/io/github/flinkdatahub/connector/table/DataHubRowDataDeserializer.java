package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;

import javax.annotation.Nullable;

import java.io.IOException;

/**
 * The table source's rows: the physical columns a tuple or blob deserializer produces (projected to
 * the columns the query reads), followed by the requested metadata columns.
 */
@Internal
final class DataHubRowDataDeserializer implements DataHubDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final DataHubDeserializationSchema<RowData> physical;
    private final RowType physicalType;

    /** Positions in the physical rows of the produced physical columns. */
    private final int[] projection;

    private final ReadableMetadata[] metadata;
    private final TypeInformation<RowData> producedType;

    private transient RowData.FieldGetter[] getters;
    private transient Record current;
    private transient Collector<RowData> downstream;
    private transient Collector<RowData> enriching;

    DataHubRowDataDeserializer(
            DataHubDeserializationSchema<RowData> physical,
            RowType physicalType,
            int[] projection,
            ReadableMetadata[] metadata,
            TypeInformation<RowData> producedType) {
        this.physical = physical;
        this.physicalType = physicalType;
        this.projection = projection.clone();
        this.metadata = metadata.clone();
        this.producedType = producedType;
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context, @Nullable RecordSchema topicSchema)
            throws Exception {
        open(context, "(unnamed topic)", topicSchema);
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        physical.open(context, topicPath, topicSchema);
        getters = new RowData.FieldGetter[projection.length];
        for (int i = 0; i < projection.length; i++) {
            getters[i] =
                    RowData.createFieldGetter(physicalType.getTypeAt(projection[i]), projection[i]);
        }
        enriching =
                new Collector<RowData>() {
                    @Override
                    public void collect(RowData row) {
                        downstream.collect(enrich(row));
                    }

                    @Override
                    public void close() {}
                };
    }

    @Override
    public void deserialize(Record record, Collector<RowData> out) throws IOException {
        current = record;
        downstream = out;
        physical.deserialize(record, enriching);
    }

    private RowData enrich(RowData row) {
        GenericRowData produced =
                new GenericRowData(row.getRowKind(), getters.length + metadata.length);
        for (int i = 0; i < getters.length; i++) {
            produced.setField(i, getters[i].getFieldOrNull(row));
        }
        for (int i = 0; i < metadata.length; i++) {
            produced.setField(getters.length + i, metadata[i].read(current));
        }
        return produced;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
