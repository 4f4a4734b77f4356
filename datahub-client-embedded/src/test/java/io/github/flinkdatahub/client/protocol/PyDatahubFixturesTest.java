package io.github.flinkdatahub.client.protocol;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes the protobuf and batch response bodies recorded by PyDatahub's authors against the real
 * service: a party we did not write, so a symmetric bug in our encoder and decoder cannot hide
 * here. The expected values were read from the bytes with {@code protoc --decode_raw} and by hand.
 */
class PyDatahubFixturesTest {
    /** The tuple topic of the fixtures (see projects.success.topics.tuple.json). */
    private static final RecordSchema TUPLE_SCHEMA =
            RecordSchema.of(
                    new Field("bigint_field", FieldType.BIGINT),
                    new Field("string_field", FieldType.STRING),
                    new Field("double_field", FieldType.DOUBLE),
                    new Field("bool_field", FieldType.BOOLEAN),
                    new Field("event_time1", FieldType.TIMESTAMP));

    @Test
    void protobufTupleRecordsDecode() {
        GetRecordsResult result =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        frame("projects.get.topics.tuple.shards.0.bin"),
                        RecordType.TUPLE,
                        TUPLE_SCHEMA,
                        "0");

        assertThat(result.getNextCursor()).isEqualTo("200000000000000000000000018c0030");
        assertThat(result.getRecordCount()).isEqualTo(3);
        assertThat(result.getStartSequence()).isZero();
        assertThat(result.getLatestSequence())
                .as("absent: the 2018 service did not send it")
                .isEqualTo(-1);
        assertThat(result.getLatestTime()).isEqualTo(-1);
        assertThat(result.getRecords())
                .extracting(r -> ((TupleRecord) r).getValues())
                .containsExactly(
                        List.of(99L, "yc1", 10.01, true, 1455869335000000L),
                        List.of(99L, "yc1", 10.01, true, 1455869335000000L),
                        List.of(99L, "yc2", 10.02, false, 1455869335000011L));
        assertPositions(
                result.getRecords(),
                new long[] {0, 1, 2},
                new long[] {1527161792134L, 1527161792602L, 1527161792617L},
                new String[] {
                    "20000000000000000000000000140000",
                    "20000000000000000000000000910010",
                    "200000000000000000000000010e0020",
                    "200000000000000000000000018c0030"
                });
        for (Record r : result.getRecords()) {
            assertThat(r.getShardId())
                    .as("entries name no shard: the URL's is used")
                    .isEqualTo("0");
            assertThat(r.getAttributes()).as("an empty attributes message").isEmpty();
            assertThat(r.getSerial()).isEqualTo(-1);
            assertThat(r.getBatchIndex()).isZero();
        }
    }

    @Test
    void protobufBlobRecordIsAPngImage() throws Exception {
        GetRecordsResult result =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        frame("projects.get.topics.blob.shards.0.bin"), RecordType.BLOB, null, "0");

        assertThat(result.getNextCursor()).isEqualTo("20000000000000000000000000140001");
        assertThat(result.getRecordCount()).isEqualTo(1);
        assertThat(result.getStartSequence()).isZero();
        assertThat(result.getRecords()).hasSize(1);
        BlobRecord png = (BlobRecord) result.getRecords().get(0);
        assertPositions(
                result.getRecords(),
                new long[] {0},
                new long[] {1527161646886L},
                new String[] {
                    "20000000000000000000000000140000", "20000000000000000000000000140001"
                });
        assertThat(png.getAttributes()).isEmpty();
        byte[] data = png.getData();
        assertThat(data).hasSize(352_811);
        assertThat(Arrays.copyOf(data, 16))
                .isEqualTo(Hex.parse("89504e470d0a1a0a 0000000d49484452"));
        assertThat(Arrays.copyOfRange(data, 16, 24))
                .as("1302 x 600 pixels")
                .isEqualTo(Hex.parse("00000516 00000258"));
        assertThat(Arrays.copyOfRange(data, data.length - 8, data.length))
                .as("IEND chunk")
                .isEqualTo(Hex.parse("49454e44ae426082"));
        assertThat(Hex.format(MessageDigest.getInstance("SHA-256").digest(data)))
                .isEqualTo("adf015f1fdaf23d081a4c9b2cb748e39f8e5c71f077d2cf170cba38f2fd7403b");
    }

    @Test
    void batchTupleRecordsShareOneSequence() {
        // The service stored -2^63 in a BIGINT although its documented range ends at -2^63+1.
        GetRecordsResult result =
                BatchRecordCodec.decodeGetBinaryRecordsResponse(
                        frame("projects.get.topics.tuple_batch.shards.0.bin"),
                        RecordType.TUPLE,
                        TUPLE_SCHEMA,
                        "0");

        assertThat(result.getNextCursor()).isEqualTo("300062f5b8bd00000000000000160001");
        assertThat(result.getRecordCount())
                .as("one entry holding a blob of three records")
                .isEqualTo(1);
        assertThat(result.getStartSequence()).isEqualTo(22);
        assertThat(result.getLatestSequence()).isEqualTo(22);
        assertThat(result.getLatestTime()).isEqualTo(1660270781252L);
        assertThat(result.getRecords())
                .extracting(r -> ((TupleRecord) r).getValues())
                .containsExactly(
                        List.of(1L, "yc1", 10.01, true, FieldType.MAX_TIMESTAMP_MICROS),
                        List.of(Long.MIN_VALUE, "yc1", 10.01, true, FieldType.MIN_TIMESTAMP_MICROS),
                        List.of(Long.MAX_VALUE, "yc1", 10.01, true, 1455869335000000L));
        assertThat(result.getRecords())
                .extracting(Record::getAttributes)
                .containsExactly(Map.of("key", "value"), Map.of(), Map.of());
        assertBatchPositions(
                result.getRecords(),
                22,
                1660270781252L,
                "300062f5b8bd00000000000000160000",
                "300062f5b8bd00000000000000160001");
    }

    @Test
    void batchTupleFixtureIsOneEntryWithAThreeRecordBlob() throws Exception {
        DataHubProtos.GetBinaryRecordsResponse response =
                DataHubProtos.GetBinaryRecordsResponse.parseFrom(
                        frame("projects.get.topics.tuple_batch.shards.0.bin"));
        byte[] blob = response.getRecords(0).getData().toByteArray();
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(response.getRecordsCount()).isEqualTo(1);
        assertThat(response.getRecords(0).getSequence()).isEqualTo(22);
        assertThat(blob).hasSize(258);
        assertThat(b.getInt(4)).as("version").isZero();
        assertThat(b.getInt(8)).as("length").isEqualTo(258);
        assertThat(b.getInt(12)).as("rawSize").isEqualTo(232);
        assertThat(b.getInt(16))
                .as("CRC-32C")
                .isEqualTo(DhubFrame.crc32c(blob, 26, 232))
                .isEqualTo(0x80A541DE);
        assertThat(b.getShort(20)).as("attributes: uncompressed").isEqualTo((short) 0x08);
        assertThat(b.getInt(22)).as("recordCount").isEqualTo(3);
        // Records of 88, 72 and 72 bytes with schema version 1 and the real field count 5.
        int[] starts = {26, 26 + 88, 26 + 88 + 72};
        for (int start : starts) {
            assertThat(b.getInt(start + 4)).as("schemaVersion").isEqualTo(1);
            assertThat(b.getInt(start + 12)).as("attrOffset").isEqualTo(68);
            assertThat(b.getInt(start + 16)).as("fieldCount").isEqualTo(5);
            assertThat(b.get(start + 20))
                    .as("null bitmap: all five present")
                    .isEqualTo((byte) 0x1F);
        }
        assertThat(b.getInt(starts[0] + 8)).isEqualTo(88);
        assertThat(b.getLong(starts[1] + 28))
                .as("bigint_field of record 1")
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void batchBlobRecordsShareOneSequence() {
        GetRecordsResult result =
                BatchRecordCodec.decodeGetBinaryRecordsResponse(
                        frame("projects.get.topics.blob_batch.shards.0.bin"),
                        RecordType.BLOB,
                        null,
                        "0");

        assertThat(result.getNextCursor()).isEqualTo("300062f4901900000000000000080001");
        assertThat(result.getRecordCount()).isEqualTo(1);
        assertThat(result.getStartSequence()).isEqualTo(8);
        assertThat(result.getLatestSequence()).isEqualTo(8);
        assertThat(result.getLatestTime()).isEqualTo(1660194841312L);
        assertThat(result.getRecords())
                .extracting(r -> new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8))
                .containsExactly("datatest-0", "datatest-1", "datatest-2");
        assertThat(result.getRecords())
                .extracting(Record::getAttributes)
                .containsOnly(Map.of("key", "value"));
        assertBatchPositions(
                result.getRecords(),
                8,
                1660194841312L,
                "300062f4901900000000000000080000",
                "300062f4901900000000000000080001");
    }

    @Test
    void putResponseReportsNoFailure() {
        PutRecordsResult result =
                ProtobufRecordCodec.decodePutRecordsResponse(
                        frame("projects.put.topics.success.shards.bin"));

        assertThat(result.getFailedRecordCount()).isZero();
        assertThat(result.getFailedRecords()).isEmpty();
        assertThat(result.isAllSucceeded()).isTrue();
    }

    /**
     * Records read one per sequence: cursors chain, the next cursor of one is the cursor of the
     * next.
     */
    private static void assertPositions(
            List<Record> records, long[] sequences, long[] systemTimes, String[] cursors) {
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            assertThat(r.getSequence()).isEqualTo(sequences[i]);
            assertThat(r.getSystemTime()).isEqualTo(systemTimes[i]);
            assertThat(r.getCursor()).isEqualTo(cursors[i]);
            assertThat(r.getNextCursor()).isEqualTo(cursors[i + 1]);
        }
    }

    private static void assertBatchPositions(
            List<Record> records,
            long sequence,
            long systemTime,
            String cursor,
            String nextCursor) {
        assertThat(records).hasSize(3);
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            assertThat(r.getShardId()).isEqualTo("0");
            assertThat(r.getSequence()).isEqualTo(sequence);
            assertThat(r.getSystemTime()).isEqualTo(systemTime);
            assertThat(r.getCursor()).isEqualTo(cursor);
            assertThat(r.getNextCursor()).isEqualTo(nextCursor);
            assertThat(r.getSerial()).as("sent explicitly as 0").isZero();
            assertThat(r.getBatchIndex()).isEqualTo(i);
            assertThat(r.getBatchSize()).isEqualTo(3);
        }
    }

    private static byte[] frame(String name) {
        try (InputStream in =
                PyDatahubFixturesTest.class.getResourceAsStream("/pydatahub-fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return DhubFrame.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
