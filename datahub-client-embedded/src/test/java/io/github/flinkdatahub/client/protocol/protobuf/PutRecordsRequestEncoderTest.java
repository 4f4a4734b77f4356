package io.github.flinkdatahub.client.protocol.protobuf;

import com.google.protobuf.ByteString;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.Hex;
import io.github.flinkdatahub.client.protocol.TestRecords;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written put request encoder against the generated message it replaces: the same bytes
 * for every kind of record, value, routing, read position and attribute.
 */
class PutRecordsRequestEncoderTest {
    private static final RecordSchema TEXT =
            RecordSchema.of(new Field("a", FieldType.STRING), new Field("b", FieldType.STRING));

    @Test
    void everyTypeRoutingPositionAndAttributeIsWrittenAsTheGeneratedMessageWritesIt() {
        List<Record> records = new ArrayList<>();
        List<TupleRecord> tuples = TestRecords.tuples();
        for (int i = 0; i < tuples.size(); i++) {
            records.add(varied(tuples.get(i).toBuilder(), i).build());
        }
        List<BlobRecord> blobs = TestRecords.blobs();
        for (int i = 0; i < blobs.size(); i++) {
            records.add(varied(blobs.get(i).toBuilder(), i).build());
        }
        sameAsGenerated(records);
        sameAsGenerated(tuples);
        sameAsGenerated(blobs);
    }

    @Test
    void lengthsOfEveryVarintSizeAndEmptyOrNullValuesAreWrittenAsTheGeneratedMessageWritesThem() {
        List<Record> records = new ArrayList<>();
        for (int length : new int[] {0, 1, 127, 128, 16_383, 16_384, 2_097_152}) {
            byte[] blob = new byte[length];
            Arrays.fill(blob, (byte) 0xA7);
            records.add(BlobRecord.of(blob));
            records.add(
                    TupleRecord.of(TEXT, "x".repeat(Math.min(length, 2_000_000)), null).toBuilder()
                            .attribute("k".repeat(Math.max(1, Math.min(length, 200))), "")
                            .build());
        }
        records.add(TupleRecord.of(TEXT, "", ""));
        records.add(TupleRecord.of(TEXT, null, null));
        sameAsGenerated(records);
        sameAsGenerated(List.of());
    }

    @Test
    void textOfEveryUtf8LengthAndAnUnpairedSurrogateIsWrittenAsTheGeneratedMessageWritesIt() {
        List<Record> records = new ArrayList<>();
        for (String text :
                List.of(
                        "ascii",
                        "é ü ß",
                        "€ 中文",
                        "𝄞 😀",
                        "lone \uD834 high",
                        "lone \uDD1E low",
                        "\uDD1E\uD834 reversed")) {
            records.add(
                    TupleRecord.builder(TEXT)
                            .values(text, text + text)
                            .partitionKey(text)
                            .attribute(text, text)
                            .build());
        }
        sameAsGenerated(records);
    }

    @Test
    void integersOfEveryWidthAndSignAndBooleansAreWrittenAsTheirText() {
        RecordSchema schema =
                RecordSchema.of(
                        new Field("t", FieldType.TINYINT),
                        new Field("s", FieldType.SMALLINT),
                        new Field("i", FieldType.INTEGER),
                        new Field("b", FieldType.BIGINT),
                        new Field("ts", FieldType.TIMESTAMP),
                        new Field("ok", FieldType.BOOLEAN));
        List<Record> records = new ArrayList<>();
        long[] edges = {0, 1, -1, 9, 10, -9, -10, 99, 100, 12345, -12345};
        for (long v : edges) {
            records.add(TupleRecord.of(schema, v % 100, v, v, v, v * 1_000_000L, v % 2 == 0));
        }
        records.add(
                TupleRecord.of(
                        schema,
                        Byte.MIN_VALUE,
                        Short.MIN_VALUE,
                        Integer.MIN_VALUE,
                        Long.MIN_VALUE,
                        FieldType.MIN_TIMESTAMP_MICROS,
                        false));
        records.add(
                TupleRecord.of(
                        schema,
                        Byte.MAX_VALUE,
                        Short.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        FieldType.MAX_TIMESTAMP_MICROS,
                        true));
        // Every digit count, on both sides of each power of ten.
        for (long v = 1; v <= Long.MAX_VALUE / 10; v *= 10) {
            for (long b : new long[] {v - 1, v, -v, -(v - 1)}) {
                records.add(TupleRecord.of(schema, null, null, null, b, null, null));
            }
        }
        sameAsGenerated(records);
    }

    @Test
    void framedRequestIsTheFrameOfTheRequest() {
        List<TupleRecord> records = TestRecords.tuples();
        byte[] framed = ProtobufRecordCodec.encodeFramedPutRecordsRequest(records);
        assertThat(Hex.format(framed))
                .isEqualTo(
                        Hex.format(
                                DhubFrame.encode(
                                        ProtobufRecordCodec.encodePutRecordsRequest(records))));
        assertThat(Hex.format(DhubFrame.decode(framed))).isEqualTo(Hex.format(generated(records)));
    }

    private static <B extends Record.Builder<B>> B varied(B b, int i) {
        switch (i % 4) {
            case 0:
                b.shardId(String.valueOf(i));
                break;
            case 1:
                b.hashKey("0123456789abcdef0123456789ABCDEF");
                break;
            case 2:
                b.partitionKey("pk-" + i + "-键");
                break;
            default:
                // A record read back and put again keeps its read position.
                b.shardId("123456789012")
                        .cursor("30005af19b3800000000000000000000")
                        .nextCursor("30005af19b3800000000000000000001")
                        .sequence(i == 3 ? 0 : Long.MAX_VALUE)
                        .systemTime(1_700_000_000_000L + i)
                        .serial(i == 3 ? 0 : 4_294_967_295L);
        }
        return b.attribute("index", String.valueOf(i)).attribute("键", "✓ " + i);
    }

    private static void sameAsGenerated(List<? extends Record> records) {
        assertThat(ProtobufRecordCodec.encodePutRecordsRequest(records))
                .isEqualTo(generated(records));
    }

    /** The request as the generated message writes it: the encoding the encoder must keep. */
    private static byte[] generated(List<? extends Record> records) {
        DataHubProtos.PutRecordsRequest.Builder request =
                DataHubProtos.PutRecordsRequest.newBuilder();
        for (Record r : records) {
            DataHubProtos.RecordEntry.Builder e = DataHubProtos.RecordEntry.newBuilder();
            if (r.getShardId() != null) {
                e.setShardId(r.getShardId());
            }
            if (r.getHashKey() != null) {
                e.setHashKey(r.getHashKey());
            }
            if (r.getPartitionKey() != null) {
                e.setPartitionKey(r.getPartitionKey());
            }
            if (r.getCursor() != null) {
                e.setCursor(r.getCursor());
            }
            if (r.getNextCursor() != null) {
                e.setNextCursor(r.getNextCursor());
            }
            if (r.getSequence() >= 0) {
                e.setSequence(r.getSequence());
            }
            if (r.getSystemTime() >= 0) {
                e.setSystemTime(r.getSystemTime());
            }
            if (r.getSerial() >= 0) {
                e.setSerial(r.getSerial());
            }
            if (!r.getAttributes().isEmpty()) {
                DataHubProtos.RecordAttributes.Builder attrs =
                        DataHubProtos.RecordAttributes.newBuilder();
                for (Map.Entry<String, String> a : r.getAttributes().entrySet()) {
                    attrs.addAttributes(
                            DataHubProtos.StringPair.newBuilder()
                                    .setKey(a.getKey())
                                    .setValue(a.getValue()));
                }
                e.setAttributes(attrs);
            }
            DataHubProtos.RecordData.Builder data = DataHubProtos.RecordData.newBuilder();
            if (r instanceof BlobRecord) {
                data.addData(
                        DataHubProtos.FieldData.newBuilder()
                                .setValue(ByteString.copyFrom(((BlobRecord) r).getData())));
            } else {
                TupleRecord t = (TupleRecord) r;
                for (int i = 0; i < t.getSchema().size(); i++) {
                    DataHubProtos.FieldData.Builder fd = DataHubProtos.FieldData.newBuilder();
                    Object v = t.getValue(i);
                    if (v != null) {
                        fd.setValue(
                                ByteString.copyFromUtf8(
                                        t.getSchema().getField(i).getType().toText(v)));
                    }
                    data.addData(fd);
                }
            }
            request.addRecords(e.setData(data));
        }
        return request.build().toByteArray();
    }
}
