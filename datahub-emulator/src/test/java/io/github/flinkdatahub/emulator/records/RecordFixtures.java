package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Schemas, records and read helpers shared by the record tests. */
final class RecordFixtures {
    /** One field of every type; {@code id} is NOT NULL. */
    static final RecordSchema ALL_TYPES =
            RecordSchema.fromLists(
                    List.of(
                            "id",
                            "f_tinyint",
                            "f_smallint",
                            "f_integer",
                            "f_float",
                            "f_double",
                            "f_decimal",
                            "f_string",
                            "f_boolean",
                            "f_timestamp"),
                    List.of(
                            FieldType.BIGINT,
                            FieldType.TINYINT,
                            FieldType.SMALLINT,
                            FieldType.INTEGER,
                            FieldType.FLOAT,
                            FieldType.DOUBLE,
                            FieldType.DECIMAL,
                            FieldType.STRING,
                            FieldType.BOOLEAN,
                            FieldType.TIMESTAMP),
                    List.of(false, true, true, true, true, true, true, true, true, true));

    private RecordFixtures() {}

    /** Every field set; the string is long enough to leave the batch slot and is not ASCII. */
    static TupleRecord full(long id) {
        return TupleRecord.builder(ALL_TYPES)
                .values(
                        id,
                        (byte) -3,
                        (short) 300,
                        70_000,
                        1.5f,
                        3.25,
                        new BigDecimal("12.5000"),
                        "hello wörld " + id,
                        true,
                        1_455_869_335_000_000L)
                .attribute("k", "v" + id)
                .build();
    }

    /** Only the NOT NULL field set. */
    static TupleRecord nulls(long id) {
        return TupleRecord.builder(ALL_TYPES).set("id", id).build();
    }

    static BlobRecord blob(int i) {
        byte[] data = ("blob-" + i + "-" + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
        return BlobRecord.builder(data).attribute("n", Integer.toString(i)).build();
    }

    /** Values in schema order. */
    static List<Object> values(Record r) {
        return new ArrayList<>(((TupleRecord) r).getValues());
    }

    static List<List<Object>> values(List<? extends Record> records) {
        List<List<Object>> out = new ArrayList<>();
        records.forEach(r -> out.add(values(r)));
        return out;
    }

    static List<byte[]> blobs(List<? extends Record> records) {
        List<byte[]> out = new ArrayList<>();
        records.forEach(r -> out.add(((BlobRecord) r).getData()));
        return out;
    }

    static List<String> blobTexts(List<? extends Record> records) {
        List<String> out = new ArrayList<>();
        blobs(records).forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
        return out;
    }

    static List<Long> sequences(List<? extends Record> records) {
        List<Long> out = new ArrayList<>();
        records.forEach(r -> out.add(r.getSequence()));
        return out;
    }

    static List<Long> range(long fromInclusive, long toExclusive) {
        Long[] out = new Long[(int) (toExclusive - fromInclusive)];
        for (int i = 0; i < out.length; i++) {
            out[i] = fromInclusive + i;
        }
        return Arrays.asList(out);
    }
}
