package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Preconditions;
import org.apache.flink.util.function.SerializableSupplier;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.List;

/**
 * A Flink changelog to change records of a DTS or DataWorks topic: each row (+I, -U, +U, -D)
 * becomes one record with its data fields, the operation and before/after flags of its kind, a
 * record id that increases per writer (starting at the writer's start time in microseconds) and the
 * write time. Route by the primary key ({@code setHashFields}) so that every change of a key lands
 * on one shard in order (the sink keeps one put per shard in flight); the SQL sink does so.
 */
@PublicEvolving
public final class CdcRowDataSerializationSchema implements DataHubSerializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final CdcFormat format;
    private final DtsNaming naming;
    private final RowType dataColumns;
    private final TupleConversion conversion;
    @Nullable private final String database;
    @Nullable private final String table;
    private final SerializableSupplier<Long> clockMillis;

    private transient CdcLayout layout;
    private transient RecordSchema schema;
    private transient DataHubSerializationSchema<RowData> data;

    /** Topic field index of each field of the data schema. */
    private transient int[] dataTargets;

    private transient long nextRecordId;

    private CdcRowDataSerializationSchema(Builder b) {
        this.format = b.format;
        this.naming = b.naming;
        this.dataColumns = b.dataColumns;
        this.conversion = b.conversion;
        this.database = b.database;
        this.table = b.table;
        this.clockMillis = b.clockMillis;
    }

    /**
     * A schema writing rows of {@code dataColumns} (named as in the source database; DTS's previous
     * naming adds the {@code dts_} prefix itself) as change records in {@code format}.
     */
    public static Builder builder(CdcFormat format, RowType dataColumns) {
        return new Builder(format, dataColumns);
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "DataHub topic "
                            + topicPath
                            + " is a blob topic; change records in the '"
                            + format
                            + "' layout need a tuple topic");
        }
        layout = CdcLayout.resolve(format, naming, topicSchema, topicPath);
        List<Field> dataFields = layout.dataFields(topicSchema);
        if (dataFields.isEmpty()) {
            throw new IllegalArgumentException(
                    "DataHub topic "
                            + topicPath
                            + " has no data fields besides the "
                            + layout
                            + " ones");
        }
        RecordSchema dataSchema = RecordSchema.of(dataFields);
        String[] fieldNames = new String[dataColumns.getFieldCount()];
        for (int i = 0; i < fieldNames.length; i++) {
            fieldNames[i] = layout.fieldOf(dataColumns.getFieldNames().get(i));
        }
        RowType byField =
                RowType.of(dataColumns.getChildren().toArray(new LogicalType[0]), fieldNames);
        data = DataHubSerializationSchema.rowDataToTuple(byField, conversion);
        data.open(context, topicPath, dataSchema);
        dataTargets = new int[dataSchema.size()];
        for (int j = 0; j < dataTargets.length; j++) {
            dataTargets[j] = topicSchema.indexOf(dataSchema.getField(j).getName());
        }
        schema = topicSchema;
        nextRecordId = Math.multiplyExact(clockMillis.get(), 1000L);
    }

    @Override
    public Record serialize(RowData row) throws IOException {
        if (schema == null) {
            throw new IllegalStateException("open() was not called");
        }
        TupleRecord values = (TupleRecord) data.serialize(row);
        TupleRecord.Builder b = TupleRecord.builder(schema);
        for (int j = 0; j < dataTargets.length; j++) {
            Object v = values.getValue(j);
            if (v != null) {
                b.set(dataTargets[j], v);
            }
        }
        ChangeFlags flags = ChangeFlags.of(row.getRowKind());
        set(b, layout.operationField(), flags.operation());
        set(b, layout.beforeFlagField(), flags.beforeFlag());
        set(b, layout.afterFlagField(), flags.afterFlag());
        set(b, layout.recordIdField(), Long.toString(nextRecordId++));
        setTime(b, clockMillis.get());
        if (layout.databaseField() != null) {
            set(b, layout.databaseField(), database);
            set(b, layout.tableField(), table);
        }
        return b.build();
    }

    /**
     * DTS stores seconds, DataWorks milliseconds (see the README); a TIMESTAMP field an instant.
     */
    private void setTime(TupleRecord.Builder b, long millis) {
        Field f = schema.getField(layout.timestampField());
        long value;
        if (f.getType() == FieldType.TIMESTAMP) {
            value = Math.multiplyExact(millis, 1000L);
        } else {
            value = format == CdcFormat.DTS ? Math.floorDiv(millis, 1000L) : millis;
        }
        set(b, f.getName(), Long.toString(value));
    }

    private void set(TupleRecord.Builder b, String fieldName, @Nullable String text) {
        int i = schema.indexOf(fieldName);
        Field f = schema.getField(i);
        if (text == null) {
            // A NOT NULL bookkeeping field without a value gets the empty text.
            if (f.isAllowNull() || f.getType() != FieldType.STRING) {
                return;
            }
            text = "";
        }
        b.set(i, f.getType().fromText(text, f.getName()));
    }

    @VisibleForTesting
    CdcLayout layout() {
        return layout;
    }

    @Override
    public String toString() {
        return "cdc(" + format + ", " + dataColumns.asSummaryString() + ")";
    }

    /** Builds a {@link CdcRowDataSerializationSchema}. */
    @PublicEvolving
    public static final class Builder {
        private final CdcFormat format;
        private final RowType dataColumns;
        private DtsNaming naming = DtsNaming.AUTO;
        private TupleConversion conversion = TupleConversion.defaults();
        @Nullable private String database;
        @Nullable private String table;
        private SerializableSupplier<Long> clockMillis = System::currentTimeMillis;

        private Builder(CdcFormat format, RowType dataColumns) {
            Preconditions.checkArgument(
                    format == CdcFormat.DTS || format == CdcFormat.DATAWORKS,
                    "The change-record format must be DTS or DATAWORKS, got %s",
                    format);
            this.format = format;
            this.dataColumns = Preconditions.checkNotNull(dataColumns, "dataColumns");
        }

        /** Which DTS naming the topic uses; {@link DtsNaming#AUTO} (the default) detects it. */
        public Builder setDtsNaming(DtsNaming naming) {
            this.naming = Preconditions.checkNotNull(naming, "naming");
            return this;
        }

        public Builder setConversion(TupleConversion conversion) {
            this.conversion = Preconditions.checkNotNull(conversion, "conversion");
            return this;
        }

        /** What DTS records name as their source database and table (null: left empty). */
        public Builder setSourceTable(@Nullable String database, @Nullable String table) {
            this.database = database;
            this.table = table;
            return this;
        }

        @VisibleForTesting
        Builder setClock(SerializableSupplier<Long> clockMillis) {
            this.clockMillis = clockMillis;
            return this;
        }

        public CdcRowDataSerializationSchema build() {
            return new CdcRowDataSerializationSchema(this);
        }
    }
}
