package io.github.flinkdatahub.benchmarks;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark records, a pure function of their index so that every side (codecs, our client, the
 * SDK child JVM, Flink jobs) writes the same data. The SDK side's copy ({@code
 * io.github.flinkdatahub.benchmarks.sdk.SdkRecords}) must stay identical; the harness checks it by
 * reading records written by the SDK back with our client.
 */
public enum RecordShapes {
    /** Five fields, about 40 bytes of values: a typical event. */
    TUPLE_SMALL(RecordType.TUPLE),
    /** The same five fields with a ~1000-character text instead of the boolean. */
    TUPLE_1KB(RecordType.TUPLE),
    /** 1024 bytes of text (compressible, like JSON or log lines). */
    BLOB_1KB(RecordType.BLOB);

    public static final RecordSchema SMALL_SCHEMA =
            RecordSchema.builder()
                    .addField("id", FieldType.BIGINT)
                    .addField("event_time", FieldType.TIMESTAMP)
                    .addField("user_name", FieldType.STRING)
                    .addField("score", FieldType.DOUBLE)
                    .addField("active", FieldType.BOOLEAN)
                    .build();

    public static final RecordSchema KB_SCHEMA =
            RecordSchema.builder()
                    .addField("id", FieldType.BIGINT)
                    .addField("event_time", FieldType.TIMESTAMP)
                    .addField("user_name", FieldType.STRING)
                    .addField("score", FieldType.DOUBLE)
                    .addField("payload", FieldType.STRING)
                    .build();

    private static final String[] WORDS = {
        "click",
        "view",
        "cart",
        "checkout",
        "search",
        "home",
        "product",
        "category",
        "mobile",
        "desktop",
        "campaign",
        "referrer",
        "session",
        "banner",
        "coupon",
        "region"
    };

    private final RecordType type;

    RecordShapes(RecordType type) {
        this.type = type;
    }

    public RecordType type() {
        return type;
    }

    /** Null for blob shapes. */
    public RecordSchema schema() {
        switch (this) {
            case TUPLE_SMALL:
                return SMALL_SCHEMA;
            case TUPLE_1KB:
                return KB_SCHEMA;
            default:
                return null;
        }
    }

    public Record record(long i) {
        switch (this) {
            case TUPLE_SMALL:
                return TupleRecord.of(
                        SMALL_SCHEMA, i, eventTime(i), userName(i), score(i), i % 2 == 0);
            case TUPLE_1KB:
                return TupleRecord.of(
                        KB_SCHEMA, i, eventTime(i), userName(i), score(i), text(i, 1000));
            default:
                return BlobRecord.of(text(i, 1024).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Records {@code from} .. {@code from + count - 1}. */
    public List<Record> records(long from, int count) {
        List<Record> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(record(from + k));
        }
        return out;
    }

    /**
     * The bytes of a record's values (8 per number and timestamp, 1 per boolean, UTF-8 length of
     * strings, blob length): the common measure behind every MB/s figure, whatever the encoding.
     */
    public int dataBytes() {
        switch (this) {
            case TUPLE_SMALL:
                return 8 + 8 + userName(0).length() + 8 + 1;
            case TUPLE_1KB:
                return 8 + 8 + userName(0).length() + 8 + 1000;
            default:
                return 1024;
        }
    }

    static long eventTime(long i) {
        // Microseconds, as DataHub TIMESTAMP values are.
        return 1_700_000_000_000_000L + i * 1000L;
    }

    static String userName(long i) {
        // Always 10 characters, so dataBytes() holds for every record.
        return "user-" + (10_000 + i % 10_000);
    }

    static double score(long i) {
        return (i % 1000) / 10.0;
    }

    /**
     * Words picked by a linear congruential generator seeded with {@code i}, cut to {@code length}.
     */
    static String text(long i, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        long x = i;
        while (sb.length() < length) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sb.append(WORDS[(int) ((x >>> 33) % WORDS.length)]).append(' ');
        }
        sb.setLength(length);
        return sb.toString();
    }
}
