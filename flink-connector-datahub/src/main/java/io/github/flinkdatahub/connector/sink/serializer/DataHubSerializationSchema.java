package io.github.flinkdatahub.connector.sink.serializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.function.SerializableFunction;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.connector.common.TupleConversion;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * Turns the sink's input into DataHub records: a {@code TupleRecord} built against the topic schema
 * handed to {@link #open} ({@code TupleRecord.builder(schema)}), or a {@code BlobRecord}. A record
 * may carry attributes, and routing of its own (shard id, hash key or partition key), which then
 * wins over the sink's routing.
 *
 * <p>Ready-made: {@link #rowDataToTuple}, {@link #blobBytes()}, {@link #blob(SerializationSchema)};
 * any of them can add attributes and a partition key with {@link #withAttributes} and {@link
 * #withPartitionKey}.
 */
@PublicEvolving
public interface DataHubSerializationSchema<T> extends Serializable {

    /**
     * Called once per writer before the first element, with the tuple topic's schema as read when
     * the writer started (null for a blob topic). Throw to refuse a topic the schema cannot write.
     */
    default void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {}

    /** The record for {@code element}; null skips it. */
    @Nullable
    Record serialize(T element) throws IOException;

    /**
     * This schema with the attributes {@code attributes} computes per element (null or empty:
     * none).
     */
    default DataHubSerializationSchema<T> withAttributes(
            SerializableFunction<T, Map<String, String>> attributes) {
        return new DecoratingSerializationSchema<>(this, attributes, null);
    }

    /**
     * This schema with a partition key per element: the service routes by its MD5, so equal keys
     * land on one shard (null: the sink's routing applies).
     */
    default DataHubSerializationSchema<T> withPartitionKey(
            SerializableFunction<T, String> partitionKey) {
        return new DecoratingSerializationSchema<>(this, null, partitionKey);
    }

    /**
     * Rows to tuple records: each column goes to the topic field of the same name (ignoring case);
     * topic fields without a column are null. Checked when the writer starts (missing fields,
     * types, nullability). Values are converted exactly: integers within the field's range, DECIMAL
     * digits unchanged, TIMESTAMP and TIMESTAMP_LTZ to microseconds.
     */
    static DataHubSerializationSchema<RowData> rowDataToTuple(RowType rowType) {
        return rowDataToTuple(rowType, TupleConversion.defaults());
    }

    /**
     * As {@link #rowDataToTuple(RowType)}, with TIMESTAMP columns (without time zone) taken as
     * wall-clock time in {@code conversion}'s zone.
     */
    static DataHubSerializationSchema<RowData> rowDataToTuple(
            RowType rowType, TupleConversion conversion) {
        return new RowDataTupleSerializationSchema(rowType, conversion.timeZone());
    }

    /** Bytes to blob records (blob topics). */
    static DataHubSerializationSchema<byte[]> blobBytes() {
        return new BlobSerializationSchema<>(null);
    }

    /**
     * Any Flink {@link SerializationSchema} (JSON, Avro, CSV, ...) to blob records (blob topics).
     */
    static <T> DataHubSerializationSchema<T> blob(SerializationSchema<T> schema) {
        return new BlobSerializationSchema<>(schema);
    }
}
