package io.github.flinkdatahub.benchmarks.sdk;

import com.aliyun.datahub.client.model.BlobRecordData;
import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.TupleRecordData;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark records in the SDK's model: must stay identical to the harness's {@code
 * io.github.flinkdatahub.benchmarks.RecordShapes} (which reads SDK-written records back to check).
 */
final class SdkRecords {
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

    private SdkRecords() {}

    /** Null for BLOB_1KB. */
    static RecordSchema schema(String shape) {
        switch (shape) {
            case "TUPLE_SMALL":
                return schema("active", FieldType.BOOLEAN);
            case "TUPLE_1KB":
                return schema("payload", FieldType.STRING);
            case "BLOB_1KB":
                return null;
            default:
                throw new IllegalArgumentException("Unknown record shape " + shape);
        }
    }

    private static RecordSchema schema(String lastName, FieldType lastType) {
        RecordSchema schema = new RecordSchema();
        schema.addField(new Field("id", FieldType.BIGINT));
        schema.addField(new Field("event_time", FieldType.TIMESTAMP));
        schema.addField(new Field("user_name", FieldType.STRING));
        schema.addField(new Field("score", FieldType.DOUBLE));
        schema.addField(new Field(lastName, lastType));
        return schema;
    }

    static List<RecordEntry> records(String shape, RecordSchema schema, long from, int count) {
        List<RecordEntry> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(record(shape, schema, from + k));
        }
        return out;
    }

    static RecordEntry record(String shape, RecordSchema schema, long i) {
        RecordEntry entry = new RecordEntry();
        if (schema == null) {
            entry.setRecordData(
                    new BlobRecordData(text(i, 1024).getBytes(StandardCharsets.US_ASCII)));
            return entry;
        }
        TupleRecordData data = new TupleRecordData(schema);
        data.setField("id", i);
        data.setField("event_time", 1_700_000_000_000_000L + i * 1000L);
        data.setField("user_name", "user-" + (10_000 + i % 10_000));
        data.setField("score", (i % 1000) / 10.0);
        if ("TUPLE_SMALL".equals(shape)) {
            data.setField("active", i % 2 == 0);
        } else {
            data.setField("payload", text(i, 1000));
        }
        entry.setRecordData(data);
        return entry;
    }

    private static String text(long i, int length) {
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
