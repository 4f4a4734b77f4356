package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.exception.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TupleRecordTest {
    static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("id", "name", "tiny"),
                    List.of(FieldType.BIGINT, FieldType.STRING, FieldType.TINYINT),
                    List.of(false, true, true));

    @Test
    void valuesAreSetByIndexOrNameAndNormalised() {
        TupleRecord r =
                TupleRecord.builder(SCHEMA)
                        .set(0, 1)
                        .set("NAME", "x")
                        .set("tiny", 3L)
                        .attribute("k", "v")
                        .partitionKey("pk")
                        .build();
        assertThat(r.getValues()).containsExactly(1L, "x", (byte) 3);
        assertThat(r.getValue("tiny")).isEqualTo((byte) 3);
        assertThat(r.getAttributes()).containsEntry("k", "v");
        assertThat(r.getPartitionKey()).isEqualTo("pk");
        assertThat(r.getSequence()).isEqualTo(-1);
    }

    @Test
    void nullInANotNullFieldIsRejectedNamingTheField() {
        assertThatThrownBy(() -> TupleRecord.of(SCHEMA, null, "x", null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'id' is NOT NULL");
    }

    @Test
    void wrongValueCountAndUnknownFieldsAreRejected() {
        assertThatThrownBy(() -> TupleRecord.of(SCHEMA, 1L))
                .hasMessageContaining("3 fields but 1 values");
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).set("nope", 1))
                .hasMessageContaining("No field 'nope'");
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).set("tiny", 300))
                .hasMessageContaining("'tiny'");
    }

    @Test
    void attributesNeedAKeyAndAValueNamingTheKey() {
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).attribute("", "v"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("attribute key must not be empty");
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).attribute("source", null))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("value of attribute 'source' must not be null");
    }

    @Test
    void routingKeysAreChecked() {
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).hashKey("123"))
                .hasMessageContaining("32 hexadecimal");
        assertThatThrownBy(() -> TupleRecord.builder(SCHEMA).shardId("a"))
                .hasMessageContaining("decimal shard id");
        assertThat(
                        TupleRecord.builder(SCHEMA)
                                .set(0, 1L)
                                .hashKey("0123456789abcdef0123456789ABCDEF")
                                .build()
                                .getHashKey())
                .isEqualTo("0123456789ABCDEF0123456789ABCDEF");
    }

    @Test
    void recordsAreImmutableCopies() {
        TupleRecord r = TupleRecord.of(SCHEMA, 1L, "x", null);
        TupleRecord changed = r.toBuilder().set("name", "y").shardId("3").build();
        assertThat(r.getValue("name")).isEqualTo("x");
        assertThat(changed.getValue("name")).isEqualTo("y");
        assertThat(changed.getShardId()).isEqualTo("3");
        byte[] data = {1, 2};
        BlobRecord b = BlobRecord.of(data);
        data[0] = 9;
        assertThat(b.getData()).containsExactly(1, 2);
        assertThatThrownBy(() -> r.getValues().set(0, 2L))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
