package io.github.flinkdatahub.connector.cdc;

import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes change records the way DTS and DataWorks do, for a table {@code (id BIGINT, grp STRING,
 * amount BIGINT)}. The field names are spelled out here, independently of {@link CdcLayout}, so the
 * tests check the production layouts against the services' documented names.
 */
enum ChangeRecordWriter {
    DTS_NEW("dts", "new_dts_sync_dts_", "") {
        @Override
        List<String> bookkeeping() {
            return dts("new_dts_sync_");
        }
    },
    DTS_PREVIOUS("dts", "dts_", "dts_") {
        @Override
        List<String> bookkeeping() {
            return dts("");
        }
    },
    DATAWORKS("dataworks", "_", "") {
        @Override
        List<String> bookkeeping() {
            return List.of(
                    "_sequence_id_",
                    "_operation_type_",
                    "_execute_time_",
                    "_before_image_",
                    "_after_image_");
        }
    };

    final String format;
    final String bookkeepingPrefix;
    final String dataPrefix;

    ChangeRecordWriter(String format, String bookkeepingPrefix, String dataPrefix) {
        this.format = format;
        this.bookkeepingPrefix = bookkeepingPrefix;
        this.dataPrefix = dataPrefix;
    }

    abstract List<String> bookkeeping();

    CdcFormat cdcFormat() {
        return CdcFormat.valueOf(format.toUpperCase(Locale.ROOT));
    }

    /** The field holding the record id. */
    String recordIdField() {
        return bookkeeping().get(0);
    }

    private static List<String> dts(String prefix) {
        List<String> out = new ArrayList<>();
        for (String f :
                List.of(
                        "record_id",
                        "instance_id",
                        "db_name",
                        "table_name",
                        "operation_flag",
                        "utc_timestamp",
                        "before_flag",
                        "after_flag")) {
            out.add(prefix + "dts_" + f);
        }
        return out;
    }

    /** The topic schema: bookkeeping fields (DataWorks' time BIGINT, the rest STRING), data. */
    RecordSchema schema() {
        RecordSchema.Builder b = RecordSchema.builder();
        for (String f : bookkeeping()) {
            b.addField(f, f.equals("_execute_time_") ? FieldType.BIGINT : FieldType.STRING);
        }
        b.addField(dataPrefix + "id", FieldType.BIGINT);
        b.addField(dataPrefix + "grp", FieldType.STRING);
        b.addField(dataPrefix + "amount", FieldType.BIGINT);
        return b.build();
    }

    /**
     * One record: {@code operation} I/U/D with the before/after flags, the row's values; routed by
     * the id so that a key's changes stay on one shard in order (as the services write them).
     */
    TupleRecord record(
            RecordSchema schema,
            long recordId,
            String operation,
            String before,
            String after,
            SimulatedTable.Row row) {
        TupleRecord.Builder b = TupleRecord.builder(schema);
        if (this == DATAWORKS) {
            b.set("_sequence_id_", Long.toString(recordId));
            b.set("_operation_type_", operation);
            b.set("_execute_time_", 1_700_000_000_000L + recordId);
            b.set("_before_image_", before);
            b.set("_after_image_", after);
        } else {
            String p = this == DTS_NEW ? "new_dts_sync_dts_" : "dts_";
            b.set(p + "record_id", Long.toString(recordId));
            b.set(p + "instance_id", "dts-test");
            b.set(p + "db_name", "shop");
            b.set(p + "table_name", "orders");
            b.set(p + "operation_flag", operation);
            b.set(p + "utc_timestamp", Long.toString(1_700_000_000L + recordId));
            b.set(p + "before_flag", before);
            b.set(p + "after_flag", after);
        }
        b.set(dataPrefix + "id", row.id);
        b.set(dataPrefix + "grp", row.grp);
        b.set(dataPrefix + "amount", row.amount);
        return b.partitionKey(Long.toString(row.id)).build();
    }
}
