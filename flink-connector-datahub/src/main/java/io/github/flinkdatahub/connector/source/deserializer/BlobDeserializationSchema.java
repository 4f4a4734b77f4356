package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;

import javax.annotation.Nullable;

import java.io.IOException;

/** Blob records as bytes, or through a wrapped Flink {@link DeserializationSchema}. */
@Internal
final class BlobDeserializationSchema<T> implements DataHubDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Null: emit the bytes themselves. */
    @Nullable private final DeserializationSchema<T> inner;

    BlobDeserializationSchema(@Nullable DeserializationSchema<T> inner) {
        this.inner = inner;
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context, @Nullable RecordSchema topicSchema)
            throws Exception {
        if (topicSchema != null) {
            throw new IllegalArgumentException(
                    "A blob deserializer cannot read a tuple topic (schema "
                            + topicSchema
                            + "); use DataHubDeserializationSchema.tupleToRowData or tupleToValue");
        }
        if (inner != null) {
            inner.open(context);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void deserialize(Record record, Collector<T> out) throws IOException {
        if (!(record instanceof BlobRecord)) {
            throw new IOException(
                    "Expected a blob record in shard "
                            + record.getShardId()
                            + " at sequence "
                            + record.getSequence()
                            + ", got "
                            + record.getRecordType());
        }
        byte[] data = ((BlobRecord) record).dataUnsafe();
        if (inner == null) {
            out.collect((T) data.clone());
        } else {
            inner.deserialize(data, out);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeInformation<T> getProducedType() {
        return inner == null
                ? (TypeInformation<T>) PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO
                : inner.getProducedType();
    }
}
