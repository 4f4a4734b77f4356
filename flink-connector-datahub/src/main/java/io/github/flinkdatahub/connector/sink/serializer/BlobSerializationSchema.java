package io.github.flinkdatahub.connector.sink.serializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;

import javax.annotation.Nullable;

import java.io.IOException;

/** Blob records from bytes, or through a wrapped Flink {@link SerializationSchema}. */
@Internal
final class BlobSerializationSchema<T> implements DataHubSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Null: the elements are the bytes themselves. */
    @Nullable private final SerializationSchema<T> inner;

    BlobSerializationSchema(@Nullable SerializationSchema<T> inner) {
        this.inner = inner;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        if (topicSchema != null) {
            throw new IllegalArgumentException(
                    "A blob serializer cannot write tuple topic "
                            + topicPath
                            + " (fields "
                            + topicSchema
                            + "); use DataHubSerializationSchema.rowDataToTuple or build TupleRecords");
        }
        if (inner != null) {
            inner.open(context);
        }
    }

    @Override
    @Nullable
    public Record serialize(T element) throws IOException {
        byte[] data = inner == null ? (byte[]) element : inner.serialize(element);
        return data == null ? null : BlobRecord.of(data);
    }
}
