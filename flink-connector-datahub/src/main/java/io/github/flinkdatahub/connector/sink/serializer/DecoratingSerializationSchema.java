package io.github.flinkdatahub.connector.sink.serializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.util.function.SerializableFunction;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.Map;

/** Adds attributes and/or a partition key to the records of another schema. */
@Internal
final class DecoratingSerializationSchema<T> implements DataHubSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final DataHubSerializationSchema<T> inner;
    @Nullable private final SerializableFunction<T, Map<String, String>> attributes;
    @Nullable private final SerializableFunction<T, String> partitionKey;

    DecoratingSerializationSchema(
            DataHubSerializationSchema<T> inner,
            @Nullable SerializableFunction<T, Map<String, String>> attributes,
            @Nullable SerializableFunction<T, String> partitionKey) {
        this.inner = inner;
        this.attributes = attributes;
        this.partitionKey = partitionKey;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        inner.open(context, topicPath, topicSchema);
    }

    @Override
    @Nullable
    public Record serialize(T element) throws IOException {
        Record r = inner.serialize(element);
        if (r == null) {
            return null;
        }
        Map<String, String> attrs = attributes == null ? null : attributes.apply(element);
        String key = partitionKey == null ? null : partitionKey.apply(element);
        if ((attrs == null || attrs.isEmpty()) && key == null) {
            return r;
        }
        if (r instanceof TupleRecord) {
            TupleRecord.Builder b = ((TupleRecord) r).toBuilder().attributes(attrs);
            return key == null ? b.build() : b.partitionKey(key).build();
        }
        BlobRecord.Builder b = ((BlobRecord) r).toBuilder().attributes(attrs);
        return key == null ? b.build() : b.partitionKey(key).build();
    }

    @Override
    public DataHubSerializationSchema<T> withAttributes(
            SerializableFunction<T, Map<String, String>> attributes) {
        return new DecoratingSerializationSchema<>(inner, attributes, partitionKey);
    }

    @Override
    public DataHubSerializationSchema<T> withPartitionKey(
            SerializableFunction<T, String> partitionKey) {
        return new DecoratingSerializationSchema<>(inner, attributes, partitionKey);
    }
}
