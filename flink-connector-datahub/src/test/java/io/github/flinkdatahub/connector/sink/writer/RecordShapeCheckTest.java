package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordShapeCheckTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of("id", "name"), List.of(FieldType.BIGINT, FieldType.STRING));

    private final WriterStatus status = new WriterStatus("p/t");

    @Test
    void aTupleTopicTakesTuplesWithItsFields() {
        RecordShapeCheck tuples = new RecordShapeCheck("p/t", SCHEMA, 1000, status);
        tuples.checkType(TupleRecord.of(SCHEMA, 1L, "a"));
        tuples.checkType(
                TupleRecord.of(
                        RecordSchema.fromLists(
                                List.of("id", "name"), List.of(FieldType.BIGINT, FieldType.STRING)),
                        1L,
                        "equal fields, another instance"));
        assertThat(status.failed()).isFalse();
    }

    @Test
    void aTupleTopicRefusesABlobNamingItsFields() {
        RecordShapeCheck tuples = new RecordShapeCheck("p/t", SCHEMA, 1000, status);
        assertThatThrownBy(() -> tuples.checkType(BlobRecord.of(new byte[1])))
                .isInstanceOf(DataHubSinkException.class)
                .hasMessageContaining(
                        "produced a BLOB record, but DataHub topic p/t is a tuple topic with fields "
                                + SCHEMA);
        assertThat(status.failed()).isTrue();
    }

    @Test
    void aTupleTopicRefusesOtherFieldsNamingBoth() {
        RecordShapeCheck tuples = new RecordShapeCheck("p/t", SCHEMA, 1000, status);
        RecordSchema other = RecordSchema.fromLists(List.of("id"), List.of(FieldType.BIGINT));
        assertThatThrownBy(() -> tuples.checkType(TupleRecord.of(other, 1L)))
                .hasMessageContaining(
                        "built a record with fields "
                                + other
                                + ", but DataHub topic p/t has fields "
                                + SCHEMA)
                .hasMessageContaining("build records with the schema passed to open()");
        assertThat(status.failed()).isTrue();
    }

    @Test
    void aBlobTopicTakesOnlyBlobs() {
        RecordShapeCheck blobs = new RecordShapeCheck("p/t", null, 1000, status);
        blobs.checkType(BlobRecord.of(new byte[1]));
        assertThat(status.failed()).isFalse();
        assertThatThrownBy(() -> blobs.checkType(TupleRecord.of(SCHEMA, 1L, "a")))
                .hasMessageContaining(
                        "produced a TUPLE record, but DataHub topic p/t is a blob topic");
    }

    @Test
    void aRecordLargerThanAPutRequestFailsTheJobNamingItsSize() {
        RecordShapeCheck check = new RecordShapeCheck("p/t", null, 1000, status);
        BlobRecord record = BlobRecord.of(new byte[1]);
        check.checkSize(record, 1000);
        assertThat(status.failed()).isFalse();
        assertThatThrownBy(() -> check.checkSize(record, 1001))
                .hasMessageContaining(
                        "A record of about 1001 bytes cannot be written to DataHub topic p/t");
        assertThat(status.failed()).isTrue();
    }
}
