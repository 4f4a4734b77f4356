package io.github.flinkdatahub.connector.sink.serializer;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowDataTupleSerializationSchemaTest {
    private static final RecordSchema TOPIC =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT, false),
                    new Field("ts", FieldType.TIMESTAMP),
                    new Field("extra", FieldType.STRING));

    private static DataHubSerializationSchema<org.apache.flink.table.data.RowData> open(
            RowType type) {
        DataHubSerializationSchema<org.apache.flink.table.data.RowData> s =
                DataHubSerializationSchema.rowDataToTuple(type);
        try {
            s.open(null, "p/t", TOPIC);
        } catch (Exception e) {
            throw e instanceof RuntimeException
                    ? (RuntimeException) e
                    : new IllegalStateException(e);
        }
        return s;
    }

    @Test
    void columnsMapByNameIgnoringCaseAndMissingNullableFieldsStayNull() throws Exception {
        RowType type =
                RowType.of(
                        new LogicalType[] {new TimestampType(9), new BigIntType()},
                        new String[] {"TS", "Id"});
        TupleRecord r =
                (TupleRecord)
                        open(type)
                                .serialize(
                                        GenericRowData.of(
                                                TimestampData.fromLocalDateTime(
                                                        LocalDateTime.of(
                                                                1969,
                                                                12,
                                                                31,
                                                                23,
                                                                59,
                                                                59,
                                                                999_999_999)),
                                                7L));
        // Below a microsecond is dropped, rounding toward the past like the epoch micros of the
        // instant.
        assertThat(r.getValues()).containsExactly(7L, -1L, null);
    }

    @Test
    void mappingProblemsAreAllNamedWhenTheWriterStarts() {
        RowType type =
                RowType.of(
                        new LogicalType[] {new BooleanType(), new IntType()},
                        new String[] {"ts", "other"});
        assertThatThrownBy(() -> open(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p/t")
                .hasMessageContaining(
                        "column 'ts' of type BOOLEAN cannot be written to field 'ts' of type TIMESTAMP")
                .hasMessageContaining("column 'other' is not a field of the topic")
                .hasMessageContaining("NOT NULL field 'id' has no column");
    }

    @Test
    void aBlobTopicIsRefused() {
        DataHubSerializationSchema<org.apache.flink.table.data.RowData> s =
                DataHubSerializationSchema.rowDataToTuple(RowType.of(new BigIntType()));
        assertThatThrownBy(() -> s.open(null, "p/blobs", null))
                .hasMessageContaining("p/blobs is a blob topic");
    }

    @Test
    void attributesAndPartitionKeyDecorateAnySchema() throws Exception {
        DataHubSerializationSchema<byte[]> s =
                DataHubSerializationSchema.blobBytes()
                        .withAttributes(b -> java.util.Map.of("len", String.valueOf(b.length)))
                        .withPartitionKey(b -> "k" + b[0]);
        s.open(null, "p/blobs", null);
        var r = s.serialize(new byte[] {4, 2});
        assertThat(r.getAttributes()).containsEntry("len", "2");
        assertThat(r.getPartitionKey()).isEqualTo("k4");
    }
}
