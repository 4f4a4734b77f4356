package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.connector.common.TupleConversion;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns DataHub records into the source's output. Each {@link Record} carries its values (a {@code
 * TupleRecord} or {@code BlobRecord}), attributes, shard id, sequence, system time and, in batch
 * topics, its index in the batch. May emit zero, one or many elements per record.
 */
@PublicEvolving
public interface DataHubDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    /**
     * Called once before the first record. {@code topicSchema} is the tuple topic's schema at start
     * (null for blob topics); records read later may carry fields appended since.
     */
    default void open(
            DeserializationSchema.InitializationContext context, @Nullable RecordSchema topicSchema)
            throws Exception {}

    /**
     * As {@link #open(DeserializationSchema.InitializationContext, RecordSchema)}, also naming the
     * topic ({@code project.topic}) for error messages; the source calls this one.
     */
    default void open(
            DeserializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        open(context, topicSchema);
    }

    void deserialize(Record record, Collector<T> out) throws IOException;

    /**
     * Tuple records to {@code RowData} with the fields of {@code producedType} (taken from the
     * topic fields of the same names, ignoring case); {@code typeInfo} is the row's type
     * information, e.g. {@code InternalTypeInfo.of(producedType)}.
     */
    static DataHubDeserializationSchema<org.apache.flink.table.data.RowData> tupleToRowData(
            org.apache.flink.table.types.logical.RowType producedType,
            TypeInformation<org.apache.flink.table.data.RowData> typeInfo) {
        return tupleToRowData(producedType, typeInfo, TupleConversion.defaults());
    }

    /**
     * As {@link #tupleToRowData(org.apache.flink.table.types.logical.RowType, TypeInformation)},
     * converting values as {@code conversion} says (time zone of TIMESTAMP columns, records without
     * a column's field, detail of conversion errors).
     */
    static DataHubDeserializationSchema<org.apache.flink.table.data.RowData> tupleToRowData(
            org.apache.flink.table.types.logical.RowType producedType,
            TypeInformation<org.apache.flink.table.data.RowData> typeInfo,
            TupleConversion conversion) {
        return new TupleRowDataDeserializationSchema(producedType, typeInfo, conversion);
    }

    /** Tuple records to {@link DataHubTuple} values carrying values, names and position. */
    static DataHubDeserializationSchema<DataHubTuple> tupleToValue() {
        return new TupleValueDeserializationSchema();
    }

    /** Blob records to their bytes. */
    static DataHubDeserializationSchema<byte[]> blobBytes() {
        return new BlobDeserializationSchema<>(null);
    }

    /** Blob records through any Flink {@link DeserializationSchema} (JSON, Avro, CSV, ...). */
    static <T> DataHubDeserializationSchema<T> blob(DeserializationSchema<T> schema) {
        return new BlobDeserializationSchema<>(schema);
    }
}
