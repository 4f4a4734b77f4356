package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches written into one growing record area: records far larger or smaller than the area's first
 * guess, and sizes that change within a batch, come back unchanged in every compression.
 */
class BatchSerializerAreaTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT),
                    new Field("text", FieldType.STRING),
                    new Field("amount", FieldType.DECIMAL));

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void tupleRecordsOfChangingSizesRoundTrip(CompressFormat compression) {
        List<Record> records = new ArrayList<>();
        int[] lengths = {0, 1, 7, 8, 3000, 2, 70_000, 0, 500, 9};
        for (int i = 0; i < lengths.length; i++) {
            records.add(
                    TupleRecord.builder(SCHEMA)
                            .values((long) i, "é".repeat(lengths[i]), null)
                            .attribute("i", "x".repeat(i * 50))
                            .build());
        }

        byte[] blob = BatchSerializer.serialize(records, RecordType.TUPLE, SCHEMA, compression, 0);

        assertThat(BatchDeserializer.deserialize(blob, RecordType.TUPLE, SCHEMA))
                .isEqualTo(records);
        assertThat(headerLength(blob)).isEqualTo(blob.length);
    }

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void blobRecordsFromTinyToLargeRoundTrip(CompressFormat compression) {
        List<Record> records = new ArrayList<>();
        for (int size : new int[] {1, 1, 1, 1, 200_000, 0, 64, 65}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i % 251);
            }
            records.add(BlobRecord.of(data));
        }

        byte[] blob = BatchSerializer.serialize(records, RecordType.BLOB, null, compression, 0);

        assertThat(BatchDeserializer.deserialize(blob, RecordType.BLOB, null)).isEqualTo(records);
        assertThat(headerLength(blob)).isEqualTo(blob.length);
    }

    private static int headerLength(byte[] blob) {
        return ByteBuffer.wrap(blob)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt(BatchFormat.LENGTH_OFFSET);
    }
}
