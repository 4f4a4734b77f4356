package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The change-record deserializer and serializer without a cluster. */
class CdcRowDataSchemasTest {
    private static final RowType DATA =
            RowType.of(
                    new LogicalType[] {
                        new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH), new BigIntType()
                    },
                    new String[] {"id", "grp", "amount"});
    private static final SimulatedTable.Row ROW = new SimulatedTable.Row(7, "g3", 42);

    private static CdcRowDataDeserializationSchema opened(
            ChangeRecordWriter layout, boolean ignoreErrors, String... metadata) throws Exception {
        CdcRowDataDeserializationSchema d =
                CdcRowDataDeserializationSchema.builder(layout.cdcFormat(), DATA)
                        .setIgnoreParseErrors(ignoreErrors)
                        .setMetadataKeys(List.of(metadata))
                        .setProducedType(TypeInformation.of(RowData.class))
                        .build();
        d.open(null, "p.t", layout.schema());
        return d;
    }

    private static List<RowData> read(CdcRowDataDeserializationSchema d, Record... records)
            throws IOException {
        List<RowData> out = new ArrayList<>();
        Collector<RowData> c =
                new Collector<>() {
                    @Override
                    public void collect(RowData r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {}
                };
        for (Record r : records) {
            d.deserialize(r, c);
        }
        return out;
    }

    private static TupleRecord record(
            ChangeRecordWriter layout, long recordId, String op, String before, String after) {
        TupleRecord r = layout.record(layout.schema(), recordId, op, before, after, ROW);
        return r.toBuilder().shardId("2").sequence(recordId + 100).build();
    }

    @ParameterizedTest
    @EnumSource(ChangeRecordWriter.class)
    void operationAndFlagsGiveTheRowKind(ChangeRecordWriter layout) throws Exception {
        List<RowData> rows =
                read(
                        opened(layout, false),
                        record(layout, 1, "I", "N", "Y"),
                        record(layout, 2, "U", "Y", "N"),
                        record(layout, 3, "U", "N", "Y"),
                        record(layout, 4, "D", "Y", "N"));

        assertThat(rows)
                .extracting(RowData::getRowKind)
                .containsExactly(
                        RowKind.INSERT,
                        RowKind.UPDATE_BEFORE,
                        RowKind.UPDATE_AFTER,
                        RowKind.DELETE);
        for (RowData r : rows) {
            assertThat(r.getLong(0)).isEqualTo(7L);
            assertThat(r.getString(1).toString()).isEqualTo("g3");
            assertThat(r.getLong(2)).isEqualTo(42L);
        }
    }

    @Test
    void dtsBookkeepingFieldsAreMetadataValuesAsStored() throws Exception {
        List<RowData> rows =
                read(
                        opened(
                                ChangeRecordWriter.DTS_PREVIOUS,
                                false,
                                "cdc.operation",
                                "cdc.record-id",
                                "cdc.timestamp",
                                "cdc.database",
                                "cdc.table"),
                        record(ChangeRecordWriter.DTS_PREVIOUS, 5, "D", "Y", "N"));

        RowData r = rows.get(0);
        assertThat(r.getArity()).isEqualTo(8);
        assertThat(r.getString(3)).isEqualTo(StringData.fromString("D"));
        assertThat(r.getString(4)).isEqualTo(StringData.fromString("5"));
        assertThat(r.getString(5)).isEqualTo(StringData.fromString("1700000005"));
        assertThat(r.getString(6)).isEqualTo(StringData.fromString("shop"));
        assertThat(r.getString(7)).isEqualTo(StringData.fromString("orders"));
    }

    @Test
    void dataWorksTimeIsABigintAndItHasNoDatabaseMetadata() throws Exception {
        List<RowData> rows =
                read(
                        opened(ChangeRecordWriter.DATAWORKS, false, "cdc.timestamp"),
                        record(ChangeRecordWriter.DATAWORKS, 5, "I", "N", "Y"));
        assertThat(rows.get(0).getLong(3)).isEqualTo(1_700_000_000_005L);

        assertThatThrownBy(() -> opened(ChangeRecordWriter.DATAWORKS, false, "cdc.database"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cdc.database")
                .hasMessageContaining("DataWorks");
    }

    @Test
    void flagsThatMakeNoChangeFailNamingShardSequenceAndFlags() throws Exception {
        CdcRowDataDeserializationSchema d = opened(ChangeRecordWriter.DTS_NEW, false);

        assertThatThrownBy(() -> read(d, record(ChangeRecordWriter.DTS_NEW, 9, "I", "Y", "Y")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("p.t")
                .hasMessageContaining("shard 2")
                .hasMessageContaining("sequence 109")
                .hasMessageContaining("operation 'I'")
                .hasMessageContaining("before flag 'Y' (new_dts_sync_dts_before_flag)")
                .hasMessageContaining("after flag 'Y'");
    }

    @Test
    void withIgnoreParseErrorsBadRecordsAreSkippedAndCounted() throws Exception {
        CdcRowDataDeserializationSchema d = opened(ChangeRecordWriter.DATAWORKS, true);

        List<RowData> rows =
                read(
                        d,
                        record(ChangeRecordWriter.DATAWORKS, 1, "X", "N", "Y"),
                        record(ChangeRecordWriter.DATAWORKS, 2, "D", "N", "N"),
                        record(ChangeRecordWriter.DATAWORKS, 3, "I", "N", "Y"));

        assertThat(rows).extracting(RowData::getRowKind).containsExactly(RowKind.INSERT);
        assertThat(d.skippedRecords()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ChangeRecordWriter.class)
    void eachRowKindIsWrittenWithItsFlagsAndReadBackAsItself(ChangeRecordWriter layout)
            throws Exception {
        RecordSchema schema = layout.schema();
        long[] clock = {1_700_000_123_456L};
        CdcRowDataSerializationSchema s =
                CdcRowDataSerializationSchema.builder(layout.cdcFormat(), DATA)
                        .setSourceTable("shop", "orders")
                        .setClock(() -> clock[0])
                        .build();
        s.open(null, "p.t", schema);
        List<Record> written = new ArrayList<>();
        for (RowKind kind : RowKind.values()) {
            written.add(
                    s.serialize(GenericRowData.ofKind(kind, 7L, StringData.fromString("g3"), 42L)));
        }

        String[][] flags = {{"I", "N", "Y"}, {"U", "Y", "N"}, {"U", "N", "Y"}, {"D", "Y", "N"}};
        long previousId = Long.MIN_VALUE;
        for (int i = 0; i < written.size(); i++) {
            TupleRecord t = (TupleRecord) written.get(i);
            assertThat(t.getValue(layout.dataPrefix + "id")).isEqualTo(7L);
            assertThat(t.getValue(layout.dataPrefix + "grp")).isEqualTo("g3");
            if (layout == ChangeRecordWriter.DATAWORKS) {
                assertThat(t.getValue("_operation_type_")).isEqualTo(flags[i][0]);
                assertThat(t.getValue("_before_image_")).isEqualTo(flags[i][1]);
                assertThat(t.getValue("_after_image_")).isEqualTo(flags[i][2]);
                assertThat(t.getValue("_execute_time_")).isEqualTo(1_700_000_123_456L);
                long id = Long.parseLong((String) t.getValue("_sequence_id_"));
                assertThat(id).isGreaterThan(previousId);
                previousId = id;
            } else {
                String p = layout == ChangeRecordWriter.DTS_NEW ? "new_dts_sync_dts_" : "dts_";
                assertThat(t.getValue(p + "operation_flag")).isEqualTo(flags[i][0]);
                assertThat(t.getValue(p + "before_flag")).isEqualTo(flags[i][1]);
                assertThat(t.getValue(p + "after_flag")).isEqualTo(flags[i][2]);
                assertThat(t.getValue(p + "utc_timestamp")).isEqualTo("1700000123");
                assertThat(t.getValue(p + "db_name")).isEqualTo("shop");
                assertThat(t.getValue(p + "table_name")).isEqualTo("orders");
                long id = Long.parseLong((String) t.getValue(p + "record_id"));
                assertThat(id).isGreaterThan(previousId);
                previousId = id;
            }
        }

        assertThat(read(opened(layout, false), written.toArray(new Record[0])))
                .extracting(RowData::getRowKind)
                .containsExactly(RowKind.values());
    }
}
