package io.github.flinkdatahub.client.protocol.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.protocol.protobuf.generated.DataHubProtos;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The hand-written GetRecords decoder: values, nulls, unknown fields and broken payloads. */
class GetRecordsResponseDecoderTest {
    private static final RecordSchema EVERY_TYPE =
            RecordSchema.of(
                    new Field("t", FieldType.TINYINT),
                    new Field("s", FieldType.SMALLINT),
                    new Field("i", FieldType.INTEGER),
                    new Field("b", FieldType.BIGINT),
                    new Field("f", FieldType.FLOAT),
                    new Field("d", FieldType.DOUBLE),
                    new Field("dec", FieldType.DECIMAL),
                    new Field("str", FieldType.STRING),
                    new Field("ok", FieldType.BOOLEAN),
                    new Field("ts", FieldType.TIMESTAMP));

    /** Texts of every kind: the fast paths' bounds and what only {@code fromText} accepts. */
    private static final List<String> TEXTS =
            List.of(
                    "0",
                    "-0",
                    "7",
                    "007",
                    "-1",
                    "127",
                    "128",
                    "-128",
                    "-129",
                    "32767",
                    "32768",
                    "-32769",
                    "2147483647",
                    "2147483648",
                    "-2147483649",
                    "999999999999999999",
                    "-999999999999999999",
                    "9223372036854775807",
                    "-9223372036854775808",
                    "9223372036854775808",
                    "12345678901234567890",
                    " 42",
                    "42 ",
                    "+7",
                    "-",
                    "--1",
                    "1-",
                    "",
                    "1.5",
                    "-0.0",
                    "1.001e+01",
                    "NaN",
                    "Infinity",
                    "1e400",
                    "12345678901234567890.123",
                    "true",
                    "false",
                    "TRUE",
                    "False",
                    "1",
                    "yes",
                    "héllo wörld €",
                    "😀",
                    "a\u0000b",
                    "x".repeat(300));

    @Test
    void everyTypeReadsEveryTextAsFromTextDoesWithTheSameErrors() {
        for (Field f : EVERY_TYPE.getFields()) {
            for (String text : TEXTS) {
                RecordSchema one = RecordSchema.of(f);
                byte[] payload = response(entry(text)).toByteArray();
                // Before this decoder: fromText, then the builder's check of the value.
                Object expected;
                try {
                    expected =
                            f.getType()
                                    .normalize(
                                            f.getType().fromText(text, f.getName()), f.getName());
                } catch (RuntimeException e) {
                    Throwable actual =
                            catchThrowable(
                                    () ->
                                            ProtobufRecordCodec.decodeGetRecordsResponse(
                                                    payload, RecordType.TUPLE, one, "0"));
                    assertThat(actual)
                            .as("%s '%s'", f.getType(), text)
                            .isInstanceOf(e.getClass())
                            .hasMessage(e.getMessage());
                    continue;
                }
                TupleRecord r =
                        (TupleRecord)
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                                payload, RecordType.TUPLE, one, "0")
                                        .getRecords()
                                        .get(0);
                assertThat(r.getValue(0)).as("%s '%s'", f.getType(), text).isEqualTo(expected);
                assertThat(r.getValue(0).getClass()).isEqualTo(f.getType().javaClass());
            }
        }
    }

    @Test
    void valuesOfEveryTypeNullsAndEmptyStringsKeepTheirMeaning() {
        String[] texts = {
            "-5", "300", "70000", "-9000000000", "2.5", "-1.25E-7", "3.14", "", "true", "0"
        };
        byte[] payload = response(entry(texts), entry(new String[EVERY_TYPE.size()])).toByteArray();

        List<Record> records =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                                payload, RecordType.TUPLE, EVERY_TYPE, "0")
                        .getRecords();

        assertThat(((TupleRecord) records.get(0)).getValues())
                .containsExactly(
                        (byte) -5,
                        (short) 300,
                        70000,
                        -9000000000L,
                        2.5f,
                        -1.25E-7,
                        new BigDecimal("3.14"),
                        "",
                        true,
                        0L);
        assertThat(((TupleRecord) records.get(1)).getValues())
                .hasSize(EVERY_TYPE.size())
                .containsOnlyNulls();
    }

    @Test
    void unicodeInValuesAttributesAndCursorsRoundTrips() {
        RecordSchema schema = RecordSchema.of(new Field("s", FieldType.STRING));
        TupleRecord written =
                TupleRecord.builder(schema)
                        .set(0, "日本語 ✓ 😀 ë")
                        .attribute("ключ", "值 😀")
                        .shardId("3")
                        .cursor("cürsor")
                        .nextCursor("next 😀")
                        .sequence(5)
                        .systemTime(6)
                        .build();
        byte[] payload =
                ProtobufRecordCodec.encodeGetRecordsResponse(
                        new GetRecordsResult("n", 1, 5, 5, 6, List.of(written)));

        Record read =
                ProtobufRecordCodec.decodeGetRecordsResponse(payload, RecordType.TUPLE, schema, "9")
                        .getRecords()
                        .get(0);

        assertThat(read).isEqualTo(written);
        assertThat(read.getAttributes()).containsExactly(Map.entry("ключ", "值 😀"));
        assertThat(read.getShardId()).isEqualTo("3");
        assertThat(read.getCursor()).isEqualTo("cürsor");
        assertThat(read.getNextCursor()).isEqualTo("next 😀");
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkippedAtEveryLevel() {
        UnknownFieldSet unknown =
                UnknownFieldSet.newBuilder()
                        .addField(
                                99,
                                UnknownFieldSet.Field.newBuilder()
                                        .addVarint(-1)
                                        .addFixed32(7)
                                        .addFixed64(8)
                                        .addLengthDelimited(ByteString.copyFromUtf8("junk"))
                                        .addGroup(
                                                UnknownFieldSet.newBuilder()
                                                        .addField(
                                                                1,
                                                                UnknownFieldSet.Field.newBuilder()
                                                                        .addVarint(1)
                                                                        .build())
                                                        .build())
                                        .build())
                        .build();
        DataHubProtos.RecordData.Builder data =
                DataHubProtos.RecordData.newBuilder()
                        .addData(
                                DataHubProtos.FieldData.newBuilder()
                                        .setValue(ByteString.copyFromUtf8("42"))
                                        .setUnknownFields(unknown))
                        .addData(DataHubProtos.FieldData.newBuilder().setUnknownFields(unknown))
                        .setUnknownFields(unknown);
        DataHubProtos.RecordEntry entry =
                DataHubProtos.RecordEntry.newBuilder()
                        .setSequence(3)
                        .setAttributes(
                                DataHubProtos.RecordAttributes.newBuilder()
                                        .addAttributes(
                                                DataHubProtos.StringPair.newBuilder()
                                                        .setKey("k")
                                                        .setValue("v")
                                                        .setUnknownFields(unknown))
                                        .setUnknownFields(unknown))
                        .setData(data)
                        .setUnknownFields(unknown)
                        .build();
        byte[] payload =
                response(entry).toBuilder().setUnknownFields(unknown).build().toByteArray();
        RecordSchema schema =
                RecordSchema.of(new Field("a", FieldType.BIGINT), new Field("b", FieldType.STRING));

        GetRecordsResult result =
                ProtobufRecordCodec.decodeGetRecordsResponse(
                        payload, RecordType.TUPLE, schema, "0");

        Record r = result.getRecords().get(0);
        assertThat(((TupleRecord) r).getValues()).containsExactly(42L, null);
        assertThat(r.getSequence()).isEqualTo(3);
        assertThat(r.getAttributes()).containsExactly(Map.entry("k", "v"));
        assertThat(result.getNextCursor()).isEqualTo("next");
    }

    @Test
    void blobValuesAreCopiedAndAnAbsentValueIsEmpty() {
        byte[] payload = response(entry("blob ✓"), entry((String) null), entry("")).toByteArray();

        List<Record> records =
                ProtobufRecordCodec.decodeGetRecordsResponse(payload, RecordType.BLOB, null, "2")
                        .getRecords();
        Arrays.fill(payload, (byte) 0);

        assertThat(records)
                .extracting(r -> new String(((BlobRecord) r).getData(), StandardCharsets.UTF_8))
                .containsExactly("blob ✓", "", "");
        assertThat(records).allSatisfy(r -> assertThat(r.getShardId()).isEqualTo("2"));
    }

    @Test
    void missingRequiredFieldsAreACorruptedResponseNamingThem() {
        byte[] noCursor =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setRecordCount(0)
                        .buildPartial()
                        .toByteArray();
        byte[] noData =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(
                                DataHubProtos.RecordEntry.newBuilder()
                                        .setSequence(1)
                                        .buildPartial())
                        .buildPartial()
                        .toByteArray();
        byte[] noAttributeValue =
                DataHubProtos.GetRecordsResponse.newBuilder()
                        .setNextCursor("n")
                        .setRecordCount(1)
                        .addRecords(
                                entry("1").toBuilder()
                                        .setAttributes(
                                                DataHubProtos.RecordAttributes.newBuilder()
                                                        .addAttributes(
                                                                DataHubProtos.StringPair
                                                                        .newBuilder()
                                                                        .setKey("k")
                                                                        .buildPartial())
                                                        .buildPartial())
                                        .buildPartial())
                        .buildPartial()
                        .toByteArray();
        RecordSchema schema = RecordSchema.of(new Field("a", FieldType.BIGINT));

        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        noCursor, RecordType.TUPLE, schema, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("not a valid GetRecordsResponse")
                .hasMessageContaining("next_cursor");
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        noData, RecordType.TUPLE, schema, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("records[0].data");
        assertThatThrownBy(
                        () ->
                                ProtobufRecordCodec.decodeGetRecordsResponse(
                                        noAttributeValue, RecordType.TUPLE, schema, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining("records[0].attributes.attributes[0].value");
    }

    @Test
    void everyTruncationOfAValidPayloadIsACorruptedResponse() {
        byte[] payload =
                response(entry("1", "a"), entry("2", null)).toBuilder()
                        .setStartSequence(1)
                        .setLatestSequence(2)
                        .build()
                        .toByteArray();
        RecordSchema schema =
                RecordSchema.of(new Field("a", FieldType.BIGINT), new Field("b", FieldType.STRING));

        for (int length = 0; length < payload.length; length++) {
            int cut = length;
            boolean generatedParses = parsesWithGeneratedMessage(payload, cut);
            Throwable actual =
                    catchThrowable(
                            () ->
                                    ProtobufRecordCodec.decodeGetRecordsResponse(
                                            payload, 0, cut, RecordType.TUPLE, schema, "0"));
            if (generatedParses) {
                assertThat(actual).as("first %d bytes", cut).isNull();
            } else {
                assertThat(actual)
                        .as("first %d bytes", cut)
                        .isInstanceOf(CorruptedResponseException.class)
                        .hasMessageContaining("Payload of " + cut + " bytes is not a valid");
            }
        }
    }

    private static boolean parsesWithGeneratedMessage(byte[] payload, int length) {
        try {
            DataHubProtos.GetRecordsResponse.parser().parseFrom(payload, 0, length);
            return true;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static DataHubProtos.GetRecordsResponse response(DataHubProtos.RecordEntry... entries) {
        return DataHubProtos.GetRecordsResponse.newBuilder()
                .setNextCursor("next")
                .setRecordCount(entries.length)
                .addAllRecords(Arrays.asList(entries))
                .build();
    }

    /** An entry with one {@code FieldData} per text; a null text is a value-less one. */
    private static DataHubProtos.RecordEntry entry(String... texts) {
        DataHubProtos.RecordData.Builder data = DataHubProtos.RecordData.newBuilder();
        for (String t : texts) {
            DataHubProtos.FieldData.Builder fd = DataHubProtos.FieldData.newBuilder();
            if (t != null) {
                fd.setValue(ByteString.copyFromUtf8(t));
            }
            data.addData(fd);
        }
        return DataHubProtos.RecordEntry.newBuilder().setData(data).build();
    }
}
