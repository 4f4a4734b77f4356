package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.TupleRecordData;

import java.math.BigDecimal;

/** Schemas and values shared by the tests: one field of each of the SDK's ten types. */
final class Schemas {
    private Schemas() {}

    /** Every type once; the first two not nullable, one with a comment. */
    static RecordSchema allTypes() {
        RecordSchema schema = new RecordSchema();
        schema.addField(new Field("f_bigint", FieldType.BIGINT, false, "the key"));
        schema.addField(new Field("f_string", FieldType.STRING, false));
        schema.addField(new Field("f_double", FieldType.DOUBLE));
        schema.addField(new Field("f_boolean", FieldType.BOOLEAN));
        schema.addField(new Field("f_timestamp", FieldType.TIMESTAMP));
        schema.addField(new Field("f_decimal", FieldType.DECIMAL));
        schema.addField(new Field("f_integer", FieldType.INTEGER));
        schema.addField(new Field("f_float", FieldType.FLOAT));
        schema.addField(new Field("f_tinyint", FieldType.TINYINT));
        schema.addField(new Field("f_smallint", FieldType.SMALLINT));
        return schema;
    }

    /**
     * Extreme and awkward values of every type (long and short strings, multi-byte text, large
     * decimals).
     */
    static TupleRecordData fullRow(RecordSchema schema, long key) {
        TupleRecordData data = new TupleRecordData(schema);
        data.setField("f_bigint", key);
        data.setField("f_string", "héllo wörld 数据 #" + key);
        data.setField("f_double", 1.0E10 + key);
        data.setField("f_boolean", key % 2 == 0);
        data.setField("f_timestamp", 1455869335000000L + key);
        data.setField("f_decimal", new BigDecimal("12345678901234567890.123456789"));
        data.setField("f_integer", Integer.MIN_VALUE);
        data.setField("f_float", 1.5f);
        data.setField("f_tinyint", (byte) -128);
        data.setField("f_smallint", (short) 32767);
        return data;
    }

    /** Only the non-nullable fields set; every other field null. */
    static TupleRecordData sparseRow(RecordSchema schema, long key) {
        TupleRecordData data = new TupleRecordData(schema);
        data.setField("f_bigint", key);
        data.setField("f_string", "s");
        return data;
    }

    /** Another set of boundary values: the other extremes and short inline strings. */
    static TupleRecordData otherExtremesRow(RecordSchema schema, long key) {
        TupleRecordData data = new TupleRecordData(schema);
        data.setField("f_bigint", key);
        data.setField("f_string", "");
        data.setField("f_double", -3.25);
        data.setField("f_boolean", false);
        data.setField("f_timestamp", -62135798400000000L);
        data.setField("f_decimal", new BigDecimal("-0.000000001"));
        data.setField("f_integer", Integer.MAX_VALUE);
        data.setField("f_float", -3.4E38f);
        data.setField("f_tinyint", (byte) 127);
        data.setField("f_smallint", (short) -32768);
        return data;
    }
}
