package io.github.flinkdatahub.client.protocol.batch;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Batch answers read in place: positions, unknown fields, broken messages, no shared bytes. */
class GetBinaryRecordsResponseDecoderTest {
    private static final UnknownFieldSet UNKNOWN =
            UnknownFieldSet.newBuilder()
                    .addField(
                            77,
                            UnknownFieldSet.Field.newBuilder()
                                    .addVarint(3)
                                    .addFixed32(4)
                                    .addFixed64(5)
                                    .addLengthDelimited(ByteString.copyFromUtf8("junk"))
                                    .build())
                    .build();

    @Test
    void entriesInEveryCompressionKeepTheirPositionsAndSkipUnknownFields() {
        byte[] first = blob(CompressFormat.NONE, "a", "bb");
        byte[] second = blob(CompressFormat.LZ4, "ccc");
        byte[] payload =
                DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                        .setNextCursor("next")
                        .setRecordCount(2)
                        .setStartSequence(40)
                        .addRecords(
                                DataHubProtos.BinaryRecordEntry.newBuilder()
                                        .setCursor("c40")
                                        .setNextCursor("c41")
                                        .setSequence(40)
                                        .setSystemTime(1700000000000L)
                                        .setSerial(-1) // 0xFFFFFFFF as uint32
                                        .setData(ByteString.copyFrom(first))
                                        .setUnknownFields(UNKNOWN))
                        .addRecords(
                                DataHubProtos.BinaryRecordEntry.newBuilder()
                                        .setData(ByteString.copyFrom(second)))
                        .setUnknownFields(UNKNOWN)
                        .build()
                        .toByteArray();
        byte[] framed = new byte[payload.length + 9];
        System.arraycopy(payload, 0, framed, 5, payload.length);

        GetRecordsResult result =
                BatchRecordCodec.decodeGetBinaryRecordsResponse(
                        framed, 5, payload.length, RecordType.BLOB, null, "6");
        Arrays.fill(framed, (byte) 0);

        List<Record> records = result.getRecords();
        assertThat(records)
                .extracting(r -> new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8))
                .containsExactly("a", "bb", "ccc");
        Record r = records.get(1);
        assertThat(r.getShardId()).isEqualTo("6");
        assertThat(r.getCursor()).isEqualTo("c40");
        assertThat(r.getNextCursor()).isEqualTo("c41");
        assertThat(r.getSequence()).isEqualTo(40);
        assertThat(r.getSystemTime()).isEqualTo(1700000000000L);
        assertThat(r.getSerial()).isEqualTo(4294967295L);
        assertThat(r.getBatchIndex()).isEqualTo(1);
        assertThat(r.getBatchSize()).isEqualTo(2);
        Record last = records.get(2);
        assertThat(last.getCursor()).isNull();
        assertThat(last.getSequence()).isEqualTo(-1);
        assertThat(last.getSystemTime()).isEqualTo(-1);
        assertThat(last.getSerial()).isEqualTo(-1);
        assertThat(result.getNextCursor()).isEqualTo("next");
        assertThat(result.getRecordCount()).isEqualTo(2);
        assertThat(result.getStartSequence()).isEqualTo(40);
        assertThat(result.getLatestSequence()).isEqualTo(-1);
    }

    @Test
    void aMissingRecordCountIsACorruptedResponse() {
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
                .hasMessageContaining("not a valid GetBinaryRecordsResponse")
                .hasMessageContaining("record_count");
    }

    @Test
    void everyTruncationFailsAsTheGeneratedMessageOrTheBlobCheckDoes() {
        byte[] payload =
                DataHubProtos.GetBinaryRecordsResponse.newBuilder()
                        .setNextCursor("next")
                        .setRecordCount(1)
                        .addRecords(
                                DataHubProtos.BinaryRecordEntry.newBuilder()
                                        .setSequence(3)
                                        .setData(
                                                ByteString.copyFrom(
                                                        blob(CompressFormat.NONE, "xyz"))))
                        .setLatestTime(9)
                        .build()
                        .toByteArray();

        for (int length = 0; length < payload.length; length++) {
            int cut = length;
            Throwable actual =
                    catchThrowable(
                            () ->
                                    BatchRecordCodec.decodeGetBinaryRecordsResponse(
                                            payload, 0, cut, RecordType.BLOB, null, "0"));
            if (parses(payload, cut)) {
                assertThat(actual).as("first %d bytes", cut).isNull();
            } else {
                assertThat(actual)
                        .as("first %d bytes", cut)
                        .isInstanceOf(CorruptedResponseException.class)
                        .hasMessageContaining("not a valid GetBinaryRecordsResponse");
            }
        }
    }

    private static boolean parses(byte[] payload, int length) {
        try {
            DataHubProtos.GetBinaryRecordsResponse.parser().parseFrom(payload, 0, length);
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static byte[] blob(CompressFormat compression, String... values) {
        List<BlobRecord> records =
                Arrays.stream(values)
                        .map(v -> BlobRecord.of(v.getBytes(StandardCharsets.UTF_8)))
                        .collect(Collectors.toList());
        return BatchSerializer.serialize(records, RecordType.BLOB, null, compression, 0);
    }
}
