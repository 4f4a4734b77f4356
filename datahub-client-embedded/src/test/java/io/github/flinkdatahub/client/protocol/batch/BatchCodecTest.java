package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.protocol.Hex;
import io.github.flinkdatahub.client.protocol.TestRecords;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch blob format: the worked example of §3.4.3, round trips, and rejection of damaged blobs.
 */
class BatchCodecTest {
    private static final RecordSchema EXAMPLE_SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT),
                    new Field("s", FieldType.STRING),
                    new Field("t", FieldType.STRING));

    /** The 82-byte record of §3.4.3 with fieldCount 3, as PyDatahub and the service write it. */
    private static final String EXAMPLE_RECORD =
            "00000000 00000000 52000000 44000000"
                    + "03000000"
                    + "07000000 00000000"
                    + "01000000 00000000"
                    + "68690000 00000082"
                    + "0c000000 24000000"
                    + "68656c6c 6f20776f 726c6421 00000000"
                    + "01000000 01000000 6b 01000000 76";

    private static final String EXAMPLE_HEADER =
            "44485542 00000000 6c000000 52000000 deadb0e1 0800 01000000";

    private static TupleRecord exampleRecord() {
        return TupleRecord.builder(EXAMPLE_SCHEMA)
                .values(1L, "hi", "hello world!")
                .attribute("k", "v")
                .build();
    }

    @Test
    void serializingTheSpecExampleGivesItsExactBytes() {
        byte[] blob =
                BatchSerializer.serialize(
                        List.of(exampleRecord()),
                        RecordType.TUPLE,
                        EXAMPLE_SCHEMA,
                        CompressFormat.NONE,
                        0);

        assertThat(blob).hasSize(108);
        assertThat(Hex.format(blob))
                .isEqualTo(Hex.format(Hex.parse(EXAMPLE_HEADER + EXAMPLE_RECORD)));
        assertThat(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getInt(16))
                .isEqualTo(0xE1B0ADDE);
    }

    @Test
    void deserializingTheSpecExampleGivesItsValues() {
        List<Record> records =
                BatchDeserializer.deserialize(
                        Hex.parse(EXAMPLE_HEADER + EXAMPLE_RECORD),
                        RecordType.TUPLE,
                        EXAMPLE_SCHEMA);

        assertThat(records).containsExactly(exampleRecord());
        assertThat(((TupleRecord) records.get(0)).getValues())
                .containsExactly(1L, "hi", "hello world!");
        assertThat(records.get(0).getAttributes()).containsExactly(Map.entry("k", "v"));
        assertThat(records.get(0).getBatchIndex()).isZero();
        assertThat(records.get(0).getBatchSize()).isEqualTo(1);
    }

    @Test
    void fieldCountSlotOfZeroAsJavaWritesItIsRead() {
        byte[] blob = Hex.parse(EXAMPLE_HEADER + EXAMPLE_RECORD);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(26 + 16, 0);
        withCrc(blob);

        assertThat(BatchDeserializer.deserialize(blob, RecordType.TUPLE, EXAMPLE_SCHEMA))
                .containsExactly(exampleRecord());
    }

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void tuplesOfEveryTypeRoundTrip(CompressFormat compression) {
        List<TupleRecord> records = TestRecords.tuples();

        byte[] blob =
                BatchSerializer.serialize(
                        records, RecordType.TUPLE, TestRecords.ALL_TYPES, compression, 3);
        List<Record> decoded =
                BatchDeserializer.deserialize(blob, RecordType.TUPLE, TestRecords.ALL_TYPES);

        assertThat(decoded).isEqualTo(records);
        for (int i = 0; i < decoded.size(); i++) {
            assertThat(decoded.get(i).getBatchIndex()).isEqualTo(i);
            assertThat(decoded.get(i).getBatchSize()).isEqualTo(records.size());
        }
        assertThat(header(blob).getInt(22)).isEqualTo(records.size());
    }

    @Test
    void schemaVersionIsWrittenIntoTupleRecordsAndMinusOneIntoBlobRecords() {
        byte[] tuples =
                BatchSerializer.serialize(
                        TestRecords.tuples(),
                        RecordType.TUPLE,
                        TestRecords.ALL_TYPES,
                        CompressFormat.NONE,
                        3);
        byte[] blobs =
                BatchSerializer.serialize(
                        TestRecords.blobs(), RecordType.BLOB, null, CompressFormat.NONE, 3);

        assertThat(header(tuples).getInt(26 + 4)).isEqualTo(3);
        assertThat(header(blobs).getInt(26 + 4)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void blobsRoundTrip(CompressFormat compression) {
        List<BlobRecord> records = TestRecords.blobs();

        byte[] blob = BatchSerializer.serialize(records, RecordType.BLOB, null, compression, 0);

        assertThat(BatchDeserializer.deserialize(blob, RecordType.BLOB, null)).isEqualTo(records);
    }

    @ParameterizedTest
    @EnumSource(CompressFormat.class)
    void attributesSayTheCompressionWithBit3AlwaysSet(CompressFormat compression) {
        List<BlobRecord> records = List.of(BlobRecord.of(new byte[10_000]));

        byte[] blob = BatchSerializer.serialize(records, RecordType.BLOB, null, compression, 0);

        int expected =
                compression == CompressFormat.NONE
                        ? 0x08
                        : compression == CompressFormat.LZ4 ? 0x0A : 0x09;
        ByteBuffer h = header(blob);
        assertThat(h.getShort(20)).isEqualTo((short) expected);
        assertThat(h.getInt(8)).isEqualTo(blob.length);
        assertThat(h.getInt(12)).as("rawSize").isGreaterThan(10_000);
        if (compression != CompressFormat.NONE) {
            assertThat(blob.length).isLessThan(1_000);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressFormat.class,
            names = {"LZ4", "ZLIB", "DEFLATE"})
    void compressionThatWouldEnlargeTheDataIsDropped(CompressFormat compression) {
        byte[] random = new byte[5_000];
        new Random(1).nextBytes(random);

        byte[] blob =
                BatchSerializer.serialize(
                        List.of(BlobRecord.of(random)), RecordType.BLOB, null, compression, 0);

        assertThat(header(blob).getShort(20)).isEqualTo((short) 0x08);
        assertThat(header(blob).getInt(12)).isEqualTo(blob.length - 26);
        assertThat(
                        ((BlobRecord)
                                        BatchDeserializer.deserialize(blob, RecordType.BLOB, null)
                                                .get(0))
                                .getData())
                .isEqualTo(random);
    }

    @Test
    void pythonZlibCodeThreeIsAccepted() {
        byte[] plain = Hex.parse(EXAMPLE_HEADER + EXAMPLE_RECORD);
        byte[] area = Arrays.copyOfRange(plain, 26, plain.length);
        byte[] zlib = Compression.compress(CompressFormat.ZLIB, area);
        byte[] blob = Arrays.copyOf(plain, 26 + zlib.length);
        System.arraycopy(zlib, 0, blob, 26, zlib.length);
        ByteBuffer.wrap(blob)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(8, blob.length)
                .putShort(20, (short) 0x0B);
        withCrc(blob);

        assertThat(BatchDeserializer.deserialize(blob, RecordType.TUPLE, EXAMPLE_SCHEMA))
                .containsExactly(exampleRecord());
    }

    @Test
    void shortStringsAreInlineAndLongerOnesOutOfLine() {
        RecordSchema schema =
                RecordSchema.of(
                        new Field("a", FieldType.STRING),
                        new Field("b", FieldType.STRING),
                        new Field("c", FieldType.DECIMAL));
        TupleRecord r =
                TupleRecord.of(schema, "1234567", "12345678", new java.math.BigDecimal("-1.5"));

        byte[] blob =
                BatchSerializer.serialize(
                        List.of(r), RecordType.TUPLE, schema, CompressFormat.NONE, 0);

        ByteBuffer rec =
                ByteBuffer.wrap(blob, 26, blob.length - 26).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(rec.getInt(16)).as("fieldCount").isEqualTo(3);
        assertThat(Hex.format(Arrays.copyOfRange(blob, 26 + 28, 26 + 36)))
                .isEqualTo("3132333435363787");
        assertThat(rec.getInt(36)).as("length of the 8-byte string").isEqualTo(8);
        assertThat(rec.getInt(40)).as("offset after the 16-byte header").isEqualTo(52 - 16);
        assertThat(Hex.format(Arrays.copyOfRange(blob, 26 + 44, 26 + 52)))
                .as("DECIMAL as text")
                .isEqualTo("2d312e3500000084");
        assertThat(Hex.format(Arrays.copyOfRange(blob, 26 + 52, 26 + 60)))
                .isEqualTo(Hex.format("12345678".getBytes()));
        assertThat(rec.getInt(12)).as("attrOffset").isEqualTo(60);
    }

    @Test
    void numbersUseTheirSlotLayout() {
        RecordSchema schema =
                RecordSchema.of(
                        new Field("t", FieldType.TINYINT),
                        new Field("f", FieldType.FLOAT),
                        new Field("b", FieldType.BOOLEAN),
                        new Field("s", FieldType.SMALLINT),
                        new Field("i", FieldType.INTEGER));
        TupleRecord r = TupleRecord.of(schema, (byte) -1, 1.5f, true, (short) -2, -3);

        byte[] blob =
                BatchSerializer.serialize(
                        List.of(r), RecordType.TUPLE, schema, CompressFormat.NONE, 0);

        int slots = 26 + 28;
        assertThat(Hex.format(Arrays.copyOfRange(blob, slots, slots + 40)))
                .isEqualTo(
                        "ffffffffffffffff"
                                + "0000c03f00000000"
                                + "0100000000000000"
                                + "feffffffffffffff"
                                + "fdffffffffffffff");
        assertThat(
                        ((TupleRecord)
                                        BatchDeserializer.deserialize(
                                                        blob, RecordType.TUPLE, schema)
                                                .get(0))
                                .getValues())
                .containsExactly((byte) -1, 1.5f, true, (short) -2, -3);

        // Every writer stores the int64: one outside the field's range is refused, as the service
        // does, never cut to its low bytes.
        for (int field : new int[] {0, 3, 4}) {
            byte[] wide = blob.clone();
            wide[slots + 8 * field + 7] = 0x12;
            withCrc(wide);
            assertThatThrownBy(() -> BatchDeserializer.deserialize(wide, RecordType.TUPLE, schema))
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("Field '" + schema.getField(field).getName() + "'")
                    .hasMessageContaining("cannot hold the value");
        }
    }

    @Test
    void manyFieldsUseAWiderNullBitmap() {
        Field[] fields = new Field[70];
        Object[] values = new Object[70];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field("f" + i, FieldType.INTEGER);
            values[i] = i % 3 == 0 ? null : i;
        }
        RecordSchema schema = RecordSchema.of(fields);
        TupleRecord r = TupleRecord.of(schema, values);

        byte[] blob =
                BatchSerializer.serialize(
                        List.of(r), RecordType.TUPLE, schema, CompressFormat.NONE, 0);

        assertThat(header(blob).getInt(26 + 12)).as("attrOffset").isEqualTo(20 + 16 + 8 * 70);
        assertThat(BatchDeserializer.deserialize(blob, RecordType.TUPLE, schema))
                .containsExactly(r);
    }

    @Test
    void wrongMagicIsRejected() {
        byte[] blob = exampleBlob();
        blob[3] = 'X';

        assertCorrupted(blob, "magic");
    }

    @Test
    void otherVersionIsRejected() {
        byte[] blob = exampleBlob();
        blob[4] = 1;

        assertCorrupted(blob, "expected 0, actual 1");
    }

    @Test
    void lengthMismatchIsRejected() {
        assertCorrupted(Arrays.copyOf(exampleBlob(), 109), "header says 108 bytes, actual 109");
        assertCorrupted(Arrays.copyOf(exampleBlob(), 20), "actual 20");
    }

    @Test
    void crcMismatchIsRejected() {
        byte[] blob = exampleBlob();
        blob[blob.length - 1] = 'w';

        assertCorrupted(blob, "expected 0x");
    }

    @Test
    void crcOfZeroIsRejected() {
        byte[] blob = exampleBlob();
        ByteBuffer.wrap(blob).putInt(16, 0);

        assertCorrupted(blob, "actual 0x00000000");
    }

    @Test
    void damagedCompressedAreaIsRejected() {
        byte[] blob =
                BatchSerializer.serialize(
                        List.of(BlobRecord.of(new byte[10_000])),
                        RecordType.BLOB,
                        null,
                        CompressFormat.LZ4,
                        0);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 10_001);
        withCrc(blob);

        assertThatThrownBy(() -> BatchDeserializer.deserialize(blob, RecordType.BLOB, null))
                .isInstanceOf(CorruptedResponseException.class);
    }

    @Test
    void recordSizesOutsideTheAreaAreRejected() {
        byte[] tooLong = exampleBlob();
        ByteBuffer.wrap(tooLong).order(ByteOrder.LITTLE_ENDIAN).putInt(26 + 8, 83);
        assertCorrupted(withCrc(tooLong), "totalSize 83");

        byte[] badOffset = exampleBlob();
        ByteBuffer.wrap(badOffset).order(ByteOrder.LITTLE_ENDIAN).putInt(26 + 44, 60);
        assertCorrupted(withCrc(badOffset), "outside its variable area");

        for (int negative : new int[] {-1, -16}) {
            byte[] intoTheHeader = exampleBlob();
            ByteBuffer.wrap(intoTheHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(26 + 44, negative);
            assertCorrupted(withCrc(intoTheHeader), "outside its variable area");
        }

        byte[] badAttribute = exampleBlob();
        ByteBuffer.wrap(badAttribute).order(ByteOrder.LITTLE_ENDIAN).putInt(26 + 72, 2);
        assertCorrupted(withCrc(badAttribute), "attribute");

        byte[] moreRecords = exampleBlob();
        ByteBuffer.wrap(moreRecords).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 2);
        assertCorrupted(withCrc(moreRecords), "record 1");
    }

    @Test
    void serializerRejectsRecordsThatDoNotFitTheBatch() {
        RecordSchema other =
                RecordSchema.of(
                        new Field("id", FieldType.STRING),
                        new Field("s", FieldType.STRING),
                        new Field("t", FieldType.STRING));

        assertThatThrownBy(
                        () ->
                                BatchSerializer.serialize(
                                        List.of(exampleRecord()),
                                        RecordType.TUPLE,
                                        other,
                                        CompressFormat.NONE,
                                        0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Field 0 of record 0");
        assertThatThrownBy(
                        () ->
                                BatchSerializer.serialize(
                                        List.of(exampleRecord()),
                                        RecordType.BLOB,
                                        null,
                                        CompressFormat.NONE,
                                        0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("BLOB");
    }

    private static byte[] exampleBlob() {
        return Hex.parse(EXAMPLE_HEADER + EXAMPLE_RECORD);
    }

    private static ByteBuffer header(byte[] blob) {
        return ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Rewrites the CRC after a deliberate change, so that the change itself is what gets checked.
     */
    private static byte[] withCrc(byte[] blob) {
        header(blob).putInt(16, DhubFrame.crc32c(blob, 26, blob.length - 26));
        return blob;
    }

    private static void assertCorrupted(byte[] blob, String message) {
        assertThatThrownBy(
                        () -> BatchDeserializer.deserialize(blob, RecordType.TUPLE, EXAMPLE_SCHEMA))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageContaining(message);
    }

    private static final RecordSchema FIRST_TWO =
            RecordSchema.of(EXAMPLE_SCHEMA.getFields().subList(0, 2));

    private static byte[] blobOf(RecordSchema schema, int version, Object... values) {
        return BatchSerializer.serialize(
                List.of(TupleRecord.of(schema, values)),
                RecordType.TUPLE,
                schema,
                CompressFormat.NONE,
                version);
    }

    private static TupleRecord onlyRecord(List<Record> records) {
        assertThat(records).hasSize(1);
        return (TupleRecord) records.get(0);
    }

    @Test
    void aRecordWithFewerFieldsThanTheSchemaReadsTheRestAsNullAndSaysHowManyItHad() {
        TupleRecord r =
                onlyRecord(
                        BatchDeserializer.deserialize(
                                blobOf(FIRST_TWO, 0, 1L, "hi"), RecordType.TUPLE, EXAMPLE_SCHEMA));

        assertThat(r.getSchema()).isEqualTo(EXAMPLE_SCHEMA);
        assertThat(r.getValues()).containsExactly(1L, "hi", null);
        assertThat(r.getWrittenFieldCount()).isEqualTo(2);
    }

    @Test
    void aRecordWithMoreFieldsThanTheSchemaReadsTheSchemasFields() {
        TupleRecord r =
                onlyRecord(
                        BatchDeserializer.deserialize(
                                blobOf(EXAMPLE_SCHEMA, 0, 1L, "hi", "hello world!"),
                                RecordType.TUPLE,
                                FIRST_TWO));

        assertThat(r.getValues()).containsExactly(1L, "hi");
        assertThat(r.getWrittenFieldCount()).isEqualTo(2);
    }

    @Test
    void aVersionLookupReadsEachRecordWithTheSchemaOfTheVersionItNames() {
        byte[] blob = blobOf(FIRST_TWO, 5, 1L, "hi");

        TupleRecord r =
                onlyRecord(
                        BatchDeserializer.deserialize(
                                blob,
                                RecordType.TUPLE,
                                EXAMPLE_SCHEMA,
                                v -> v == 5 ? FIRST_TWO : null));

        assertThat(r.getSchema()).isEqualTo(FIRST_TWO);
        assertThat(r.getValues()).containsExactly(1L, "hi");
        assertThat(r.getWrittenFieldCount()).isEqualTo(2);
    }

    @Test
    void recordHeadersGetTheVersionAndFieldCountAJavaSdkWriterLeftZero() {
        byte[] blob = blobOf(EXAMPLE_SCHEMA, 0, 1L, "hi", "hello world!");
        // As the Java SDK writes it: fieldCount 0 (and so another CRC).
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int record = BatchFormat.HEADER_SIZE;
        b.putInt(record + BatchFormat.RECORD_HEADER_SIZE, 0);
        b.putInt(
                BatchFormat.CRC_OFFSET,
                DhubFrame.crc32c(
                        blob, BatchFormat.HEADER_SIZE, blob.length - BatchFormat.HEADER_SIZE));

        byte[] fixed = BatchRecordHeaders.withShapes(blob, new int[] {7}, new int[] {3});

        ByteBuffer f = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(f.getInt(record + 4)).isEqualTo(7);
        assertThat(f.getInt(record + BatchFormat.RECORD_HEADER_SIZE)).isEqualTo(3);
        assertThat(
                        onlyRecord(
                                BatchDeserializer.deserialize(
                                        fixed, RecordType.TUPLE, EXAMPLE_SCHEMA)))
                .isEqualTo(TupleRecord.of(EXAMPLE_SCHEMA, 1L, "hi", "hello world!"));
        assertThat(BatchRecordHeaders.withShapes(fixed, new int[] {7}, new int[] {3}))
                .isSameAs(fixed);
    }
}
