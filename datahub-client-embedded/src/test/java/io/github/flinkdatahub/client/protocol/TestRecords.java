package io.github.flinkdatahub.client.protocol;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Records covering every field type, nulls, edge values and non-ASCII text, shared by the codec
 * tests.
 */
public final class TestRecords {
    /** One field of each of the ten types. */
    public static final RecordSchema ALL_TYPES =
            RecordSchema.of(
                    new Field("f_tinyint", FieldType.TINYINT),
                    new Field("f_smallint", FieldType.SMALLINT),
                    new Field("f_integer", FieldType.INTEGER),
                    new Field("f_bigint", FieldType.BIGINT),
                    new Field("f_float", FieldType.FLOAT),
                    new Field("f_double", FieldType.DOUBLE),
                    new Field("f_decimal", FieldType.DECIMAL),
                    new Field("f_string", FieldType.STRING),
                    new Field("f_boolean", FieldType.BOOLEAN),
                    new Field("f_timestamp", FieldType.TIMESTAMP));

    private TestRecords() {}

    public static List<TupleRecord> tuples() {
        List<TupleRecord> records = new ArrayList<>();
        records.add(
                TupleRecord.builder(ALL_TYPES)
                        .values(
                                (byte) 7,
                                (short) 300,
                                70000,
                                1234567890123L,
                                1.5f,
                                3.25,
                                new BigDecimal("12345678901234567890.123456789012345678"),
                                "中文 text 🎉",
                                true,
                                1455869335000123L)
                        .attribute("k", "v")
                        .attribute("键", "值 🎈")
                        .build());
        records.add(TupleRecord.builder(ALL_TYPES).build());
        records.add(
                TupleRecord.of(
                        ALL_TYPES,
                        Byte.MIN_VALUE,
                        Short.MIN_VALUE,
                        Integer.MIN_VALUE,
                        -Long.MAX_VALUE,
                        -Float.MAX_VALUE,
                        Double.MIN_VALUE,
                        new BigDecimal("-0.000000000000000001"),
                        "abcdefg",
                        false,
                        FieldType.MIN_TIMESTAMP_MICROS));
        records.add(
                TupleRecord.builder(ALL_TYPES)
                        .values(
                                Byte.MAX_VALUE,
                                Short.MAX_VALUE,
                                Integer.MAX_VALUE,
                                Long.MAX_VALUE,
                                Float.MIN_VALUE,
                                -Double.MAX_VALUE,
                                new BigDecimal("99999999999999999999999999999999999999"),
                                "abcdefgh",
                                true,
                                FieldType.MAX_TIMESTAMP_MICROS)
                        .attribute("seven77", "8 bytes!")
                        .build());
        // 7 and 8 UTF-8 bytes of non-ASCII text, the empty string, NaN and -0.0.
        records.add(
                TupleRecord.of(
                        ALL_TYPES,
                        (byte) 0,
                        (short) -1,
                        -1,
                        0L,
                        Float.NaN,
                        -0.0,
                        BigDecimal.ZERO,
                        "中文a",
                        null,
                        0L));
        records.add(
                TupleRecord.of(
                        ALL_TYPES,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Double.NaN,
                        null,
                        "中文ab",
                        null,
                        null));
        records.add(
                TupleRecord.of(
                        ALL_TYPES, null, null, null, null, null, null, null, "", null, null));
        return records;
    }

    public static List<BlobRecord> blobs() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] large = new byte[100_000];
        new Random(42).nextBytes(large);
        return List.of(
                BlobRecord.of(new byte[0]),
                BlobRecord.builder(all).attribute("kind", "all bytes").attribute("ü", "ß").build(),
                BlobRecord.of(new byte[] {1, 2, 3, 4, 5, 6, 7}),
                BlobRecord.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                BlobRecord.of(large),
                BlobRecord.of(new byte[50_000]));
    }
}
