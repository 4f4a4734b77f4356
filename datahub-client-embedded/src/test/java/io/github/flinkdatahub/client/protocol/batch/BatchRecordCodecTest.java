package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.TestRecords;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRecordCodecTest {
    @Test
    void putRequestIsOneEntryHoldingOnlyTheBlob() throws Exception {
        byte[] blob =
                BatchSerializer.serialize(
                        TestRecords.tuples(),
                        RecordType.TUPLE,
                        TestRecords.ALL_TYPES,
                        CompressFormat.LZ4,
                        0);

        byte[] payload = BatchRecordCodec.encodePutBinaryRecordsRequest(blob);

        DataHubProtos.PutBinaryRecordsRequest request =
                DataHubProtos.PutBinaryRecordsRequest.parseFrom(payload);
        assertThat(request.getRecordsCount()).isEqualTo(1);
        DataHubProtos.BinaryRecordEntry entry = request.getRecords(0);
        assertThat(entry.toBuilder().clearData().build().toByteArray())
                .as("nothing but data")
                .isEmpty();
        assertThat(BatchRecordCodec.decodePutBinaryRecordsRequest(payload)).containsExactly(blob);
    }

    @Test
    void getResponseGroupsRecordsIntoOneEntryPerBatch() throws Exception {
        List<TupleRecord> tuples = TestRecords.tuples();
        List<Record> records = new ArrayList<>();
        // Batch of 3 at sequence 10, then a batch of 1 at sequence 11, then the rest at sequence
        // 12.
        int[][] batches = {{0, 3}, {3, 4}, {4, tuples.size()}};
        for (int b = 0; b < batches.length; b++) {
            int from = batches[b][0];
            int to = batches[b][1];
            for (int i = from; i < to; i++) {
                records.add(
                        tuples.get(i).toBuilder()
                                .sequence(10 + b)
                                .systemTime(1660270781252L + b)
                                .cursor("c" + b)
                                .nextCursor("c" + (b + 1))
                                .serial(b)
                                .batchIndex(i - from, to - from)
                                .buildUnchecked());
            }
        }
        GetRecordsResult result = new GetRecordsResult("c3", 3, 10, 12, 1660270781254L, records);

        byte[] payload =
                BatchRecordCodec.encodeGetBinaryRecordsResponse(
                        result, RecordType.TUPLE, TestRecords.ALL_TYPES, CompressFormat.LZ4, 0);
        GetRecordsResult decoded =
                BatchRecordCodec.decodeGetBinaryRecordsResponse(
                        payload, RecordType.TUPLE, TestRecords.ALL_TYPES, "7");

        DataHubProtos.GetBinaryRecordsResponse raw =
                DataHubProtos.GetBinaryRecordsResponse.parseFrom(payload);
        assertThat(raw.getRecordCount()).as("entries, not records").isEqualTo(3);
        assertThat(raw.getRecordsList())
                .extracting(DataHubProtos.BinaryRecordEntry::getSequence)
                .containsExactly(10L, 11L, 12L);
        assertThat(decoded.getRecordCount()).isEqualTo(3);
        assertThat(decoded.getNextCursor()).isEqualTo("c3");
        assertThat(decoded.getStartSequence()).isEqualTo(10);
        assertThat(decoded.getLatestSequence()).isEqualTo(12);
        assertThat(decoded.getLatestTime()).isEqualTo(1660270781254L);
        assertThat(decoded.getRecords()).isEqualTo(records);
        for (int i = 0; i < records.size(); i++) {
            Record expected = records.get(i);
            Record actual = decoded.getRecords().get(i);
            assertThat(actual.getShardId()).isEqualTo("7");
            assertThat(actual.getSequence()).isEqualTo(expected.getSequence());
            assertThat(actual.getSystemTime()).isEqualTo(expected.getSystemTime());
            assertThat(actual.getCursor()).isEqualTo(expected.getCursor());
            assertThat(actual.getNextCursor()).isEqualTo(expected.getNextCursor());
            assertThat(actual.getSerial()).isEqualTo(expected.getSerial());
            assertThat(actual.getBatchIndex()).isEqualTo(expected.getBatchIndex());
            assertThat(actual.getBatchSize()).isEqualTo(expected.getBatchSize());
        }
    }

    @Test
    void recordsReadOneByOneBecomeOneEntryEach() throws Exception {
        List<Record> records = new ArrayList<>();
        for (var blob : TestRecords.blobs()) {
            records.add(blob.toBuilder().sequence(records.size()).build());
        }

        byte[] payload =
                BatchRecordCodec.encodeGetBinaryRecordsResponse(
                        new GetRecordsResult("n", records.size(), 0, -1, -1, records),
                        RecordType.BLOB,
                        null,
                        CompressFormat.ZLIB,
                        0);

        assertThat(DataHubProtos.GetBinaryRecordsResponse.parseFrom(payload).getRecordCount())
                .isEqualTo(records.size());
        assertThat(
                        BatchRecordCodec.decodeGetBinaryRecordsResponse(
                                        payload, RecordType.BLOB, null, "0")
                                .getRecords())
                .isEqualTo(records);
    }

    @Test
    void recordsThatDoNotFormWholeBatchesAreRejected() {
        Record orphan = TestRecords.tuples().get(0).toBuilder().batchIndex(1, 2).build();

        assertThatThrownBy(
                        () ->
                                BatchRecordCodec.encodeGetBinaryRecordsResponse(
                                        new GetRecordsResult("n", 1, 0, -1, -1, List.of(orphan)),
                                        RecordType.TUPLE,
                                        TestRecords.ALL_TYPES,
                                        CompressFormat.NONE,
                                        0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("batch index 1 of 2");
    }

    @Test
    void responseMissingRecordCountIsCorrupted() {
        byte[] payload =
                DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .buildPartial()
                        .toByteArray();

        assertThatThrownBy(
                        () ->
                                BatchRecordCodec.decodeGetBinaryRecordsResponse(
                                        payload, RecordType.BLOB, null, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("record_count");
    }
}
