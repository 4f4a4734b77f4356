package io.github.flinkdatahub.connector.source.deserializer;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.DataHubConnectorOptions.LengthCheck;
import io.github.flinkdatahub.connector.common.TupleConversion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TupleRowDataDeserializationSchemaTest {
    static final RecordSchema TOPIC =
            RecordSchema.of(
                    new Field("t", FieldType.TINYINT),
                    new Field("s", FieldType.SMALLINT),
                    new Field("i", FieldType.INTEGER),
                    new Field("b", FieldType.BIGINT),
                    new Field("f", FieldType.FLOAT),
                    new Field("d", FieldType.DOUBLE),
                    new Field("dec", FieldType.DECIMAL),
                    new Field("str", FieldType.STRING),
                    new Field("bool", FieldType.BOOLEAN),
                    new Field("ts", FieldType.TIMESTAMP));
    static final RowType ROW =
            RowType.of(
                    new LogicalType[] {
                        new TinyIntType(),
                        new SmallIntType(),
                        new IntType(),
                        new BigIntType(),
                        new FloatType(),
                        new DoubleType(),
                        new DecimalType(38, 18),
                        new VarCharType(VarCharType.MAX_LENGTH),
                        new BooleanType(),
                        new TimestampType(6)
                    },
                    new String[] {"T", "s", "i", "b", "f", "d", "dec", "str", "bool", "ts"});

    private static List<RowData> read(
            DataHubDeserializationSchema<RowData> schema, TupleRecord record) throws IOException {
        List<RowData> out = new ArrayList<>();
        schema.deserialize(
                record,
                new Collector<RowData>() {
                    @Override
                    public void collect(RowData r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void everyFieldTypeConvertsExactly() throws Exception {
        BigDecimal dec = new BigDecimal("12345678901234567890.123456789012345678");
        long micros = -1_234_567L; // before the epoch, with sub-millisecond digits
        TupleRecord record =
                TupleRecord.of(
                        TOPIC,
                        (byte) -128,
                        (short) 32767,
                        Integer.MIN_VALUE,
                        Long.MAX_VALUE,
                        1.5f,
                        -2.25,
                        dec,
                        "中文 ✓",
                        true,
                        micros);
        RowData row =
                read(
                                DataHubDeserializationSchema.tupleToRowData(
                                        ROW, TypeInformation.of(RowData.class)),
                                record)
                        .get(0);

        assertThat(row.getByte(0)).isEqualTo((byte) -128);
        assertThat(row.getShort(1)).isEqualTo((short) 32767);
        assertThat(row.getInt(2)).isEqualTo(Integer.MIN_VALUE);
        assertThat(row.getLong(3)).isEqualTo(Long.MAX_VALUE);
        assertThat(row.getFloat(4)).isEqualTo(1.5f);
        assertThat(row.getDouble(5)).isEqualTo(-2.25);
        assertThat(row.getDecimal(6, 38, 18)).isEqualTo(DecimalData.fromBigDecimal(dec, 38, 18));
        assertThat(row.getDecimal(6, 38, 18).toBigDecimal()).isEqualByComparingTo(dec);
        assertThat(row.getString(7)).isEqualTo(StringData.fromString("中文 ✓"));
        assertThat(row.getBoolean(8)).isTrue();
        TimestampData ts = row.getTimestamp(9, 6);
        assertThat(ts.getMillisecond() * 1000 + ts.getNanoOfMillisecond() / 1000).isEqualTo(micros);
    }

    @Test
    void nullsAndMissingFieldsReadAsNull() throws Exception {
        RecordSchema older = RecordSchema.of(new Field("b", FieldType.BIGINT));
        RowData row =
                read(
                                DataHubDeserializationSchema.tupleToRowData(
                                        ROW, TypeInformation.of(RowData.class)),
                                TupleRecord.of(older, (Object) null))
                        .get(0);
        for (int i = 0; i < ROW.getFieldCount(); i++) {
            assertThat(row.isNullAt(i)).as("field %s", i).isTrue();
        }
    }

    @Test
    void aDecimalTooWideForTheColumnFailsNamingTheField() {
        RowType narrow =
                RowType.of(new LogicalType[] {new DecimalType(5, 2)}, new String[] {"dec"});
        TupleRecord record =
                TupleRecord.builder(TOPIC).set("dec", new BigDecimal("123456.7")).build();
        // Without columnErrorDebug: the column and its position, never the value.
        assertThatThrownBy(
                        () ->
                                read(
                                        DataHubDeserializationSchema.tupleToRowData(
                                                narrow, TypeInformation.of(RowData.class)),
                                        record))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'dec'")
                .hasMessageContaining("position 0")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("123456.7"));
        // With it: also the value and where the record is.
        TupleRecord located =
                TupleRecord.builder(TOPIC)
                        .set("dec", new BigDecimal("123456.7"))
                        .shardId("4")
                        .sequence(9)
                        .build();
        DataHubDeserializationSchema<RowData> debug =
                DataHubDeserializationSchema.tupleToRowData(
                        narrow,
                        TypeInformation.of(RowData.class),
                        TupleConversion.defaults().withColumnErrorDebug(true));
        assertThatThrownBy(() -> read(debug, located))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'dec'")
                .hasMessageContaining("123456.7")
                .hasMessageContaining("shard 4")
                .hasMessageContaining("sequence 9");
    }

    @Test
    void anIntegerTooWideForANarrowerColumnFailsNamingTheFieldInsteadOfWrapping() throws Exception {
        RowType tiny = RowType.of(new LogicalType[] {new TinyIntType()}, new String[] {"b"});
        DataHubDeserializationSchema<RowData> schema =
                DataHubDeserializationSchema.tupleToRowData(
                        tiny, TypeInformation.of(RowData.class));

        assertThat(read(schema, TupleRecord.of(OLDER, 127L)).get(0).getByte(0))
                .isEqualTo((byte) 127);
        assertThat(read(schema, TupleRecord.of(OLDER, -128L)).get(0).getByte(0))
                .isEqualTo((byte) -128);
        // 300 would wrap to 44 as a byte.
        assertThatThrownBy(() -> read(schema, TupleRecord.of(OLDER, 300L)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'b'")
                .hasMessageContaining("TINYINT");
    }

    private static final RecordSchema OLDER = RecordSchema.of(new Field("b", FieldType.BIGINT));
    private static final RowType B_AND_TS =
            RowType.of(
                    new LogicalType[] {new BigIntType(), new TimestampType(6)},
                    new String[] {"b", "ts"});

    private static TupleRowDataDeserializationSchema opened(LengthCheck check) {
        TupleRowDataDeserializationSchema d =
                (TupleRowDataDeserializationSchema)
                        DataHubDeserializationSchema.tupleToRowData(
                                B_AND_TS,
                                TypeInformation.of(RowData.class),
                                TupleConversion.defaults().withLengthCheck(check));
        d.open(null, "p.t", TOPIC);
        return d;
    }

    @Test
    void lengthCheckPadAndNoneReadAMissingFieldAsNull() throws Exception {
        for (LengthCheck check : new LengthCheck[] {LengthCheck.PAD, LengthCheck.NONE}) {
            List<RowData> rows = read(opened(check), TupleRecord.of(OLDER, 5L));
            assertThat(rows).as("%s", check).hasSize(1);
            assertThat(rows.get(0).getLong(0)).isEqualTo(5L);
            assertThat(rows.get(0).isNullAt(1)).isTrue();
        }
    }

    @Test
    void lengthCheckSkipDropsTheRecordAndCountsIt() throws Exception {
        TupleRowDataDeserializationSchema d = opened(LengthCheck.SKIP);

        assertThat(read(d, TupleRecord.of(OLDER, 5L))).isEmpty();
        assertThat(
                        read(
                                d,
                                TupleRecord.of(
                                        TOPIC, null, null, null, 6L, null, null, null, null, null,
                                        7L)))
                .hasSize(1);
        assertThat(d.skippedRecords()).isEqualTo(1);
    }

    @Test
    void lengthCheckExceptionNamesTopicShardSequenceAndColumn() {
        TupleRecord record =
                TupleRecord.builder(OLDER).set("b", 5L).shardId("2").sequence(11).build();

        assertThatThrownBy(() -> read(opened(LengthCheck.EXCEPTION), record))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("p.t")
                .hasMessageContaining("shard 2")
                .hasMessageContaining("sequence 11")
                .hasMessageContaining("column 'ts'");
    }

    @Test
    void timestampColumnsAreWallClockTimeInTheTimeZone() throws Exception {
        long micros = 1_704_067_200_123_456L; // 2024-01-01T00:00:00.123456Z
        DataHubDeserializationSchema<RowData> shanghai =
                DataHubDeserializationSchema.tupleToRowData(
                        B_AND_TS,
                        TypeInformation.of(RowData.class),
                        TupleConversion.defaults().withTimeZone(ZoneId.of("Asia/Shanghai")));
        RowData row = read(shanghai, TupleRecord.builder(TOPIC).set("ts", micros).build()).get(0);

        assertThat(row.getTimestamp(1, 6).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2024-01-01T08:00:00.123456"));
    }

    @Test
    void aBigintColumnReadsATimestampFieldsRawMicroseconds() throws Exception {
        RowType bigintTs = RowType.of(new LogicalType[] {new BigIntType()}, new String[] {"ts"});
        RowData row =
                read(
                                DataHubDeserializationSchema.tupleToRowData(
                                        bigintTs, TypeInformation.of(RowData.class)),
                                TupleRecord.builder(TOPIC)
                                        .set("ts", 1_704_067_200_123_456L)
                                        .build())
                        .get(0);

        assertThat(row.getLong(0)).isEqualTo(1_704_067_200_123_456L);
    }

    @Test
    void blobRecordsAreRejectedWithTheirPosition() {
        BlobRecord blob = BlobRecord.builder(new byte[] {1}).shardId("3").sequence(7).build();
        assertThatThrownBy(
                        () ->
                                DataHubDeserializationSchema.tupleToRowData(
                                                ROW, TypeInformation.of(RowData.class))
                                        .deserialize(blob, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shard 3")
                .hasMessageContaining("sequence 7");
    }
}
