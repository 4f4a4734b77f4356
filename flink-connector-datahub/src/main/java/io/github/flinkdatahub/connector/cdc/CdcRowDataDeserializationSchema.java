package io.github.flinkdatahub.connector.cdc;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Change records of a DTS or DataWorks topic to a Flink changelog: each record becomes one row of
 * the data columns with the {@link org.apache.flink.types.RowKind} its operation and before/after
 * flags say, followed by the requested {@link CdcMetadata} values. The layout is resolved from the
 * topic's fields when the reader opens. A record whose flags make no sense fails the job naming
 * shard, sequence and flags, or is skipped and counted in {@value #SKIPPED_METRIC}.
 */
@PublicEvolving
public final class CdcRowDataDeserializationSchema
        implements DataHubDeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG =
            LoggerFactory.getLogger(CdcRowDataDeserializationSchema.class);

    /**
     * Records skipped by {@code cdc.ignore-parse-errors}, under the reader's "deserializer" group.
     */
    public static final String SKIPPED_METRIC = "numRecordsSkippedByCdcParseErrors";

    private final CdcFormat format;
    private final DtsNaming naming;
    private final RowType dataColumns;
    private final CdcMetadata[] metadata;
    private final TypeInformation<RowData> producedType;
    private final TupleConversion conversion;
    private final boolean ignoreParseErrors;

    private transient CdcLayout layout;
    private transient DataHubDeserializationSchema<RowData> data;
    private transient String topicPath;
    private transient Counter skipped;
    private transient RecordSchema lastSchema;

    /** Operation, before flag, after flag, then the metadata fields: indexes in lastSchema. */
    private transient int[] fieldIndexes;

    private transient Emitter emitter;
    private transient RowData.FieldGetter[] getters;

    private CdcRowDataDeserializationSchema(Builder b) {
        this.format = b.format;
        this.naming = b.naming;
        this.dataColumns = b.dataColumns;
        this.metadata = b.metadata.toArray(new CdcMetadata[0]);
        this.producedType = b.producedType;
        this.conversion = b.conversion;
        this.ignoreParseErrors = b.ignoreParseErrors;
    }

    /**
     * A schema for topics in {@code format} producing the columns {@code dataColumns} (named as in
     * the source database; DTS's previous naming adds the {@code dts_} prefix itself).
     */
    public static Builder builder(CdcFormat format, RowType dataColumns) {
        return new Builder(format, dataColumns);
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context, @Nullable RecordSchema topicSchema)
            throws Exception {
        open(context, "(unnamed topic)", topicSchema);
    }

    @Override
    public void open(
            DeserializationSchema.InitializationContext context,
            String topicPath,
            @Nullable RecordSchema topicSchema)
            throws Exception {
        if (topicSchema == null) {
            throw new IllegalArgumentException(
                    "DataHub topic "
                            + topicPath
                            + " is a blob topic; 'cdc.format' = '"
                            + format
                            + "' needs a tuple topic");
        }
        this.layout = CdcLayout.resolve(format, naming, topicSchema, topicPath);
        for (CdcMetadata m : metadata) {
            if (m.field(layout) == null) {
                throw new IllegalArgumentException(
                        "Metadata '"
                                + m.key
                                + "' is not part of the "
                                + layout
                                + " layout of DataHub topic "
                                + topicPath
                                + "; it offers "
                                + CdcMetadata.keysOf(layout));
            }
        }
        this.getters = new RowData.FieldGetter[dataColumns.getFieldCount()];
        for (int i = 0; i < getters.length; i++) {
            getters[i] = RowData.createFieldGetter(dataColumns.getTypeAt(i), i);
        }
        this.topicPath = topicPath;
        List<String> fieldNames = new ArrayList<>();
        for (String column : dataColumns.getFieldNames()) {
            fieldNames.add(layout.fieldOf(column));
        }
        RowType byField =
                RowType.of(
                        dataColumns.getChildren().toArray(new LogicalType[0]),
                        fieldNames.toArray(new String[0]));
        this.data = DataHubDeserializationSchema.tupleToRowData(byField, producedType, conversion);
        data.open(context, topicPath, topicSchema);
        this.skipped =
                context == null || context.getMetricGroup() == null
                        ? new SimpleCounter()
                        : context.getMetricGroup().counter(SKIPPED_METRIC);
        this.emitter = new Emitter();
        LOG.info("DataHub topic {}: reading change records in the layout {}", topicPath, layout);
    }

    /** The layout resolved at {@link #open}. */
    CdcLayout layout() {
        return layout;
    }

    /** Records skipped so far (for tests without a metric group). */
    long skippedRecords() {
        return skipped == null ? 0 : skipped.getCount();
    }

    @Override
    public void deserialize(Record record, Collector<RowData> out) throws IOException {
        if (!(record instanceof TupleRecord)) {
            throw new IOException(
                    "Expected a tuple record in shard "
                            + record.getShardId()
                            + " at sequence "
                            + record.getSequence()
                            + ", got "
                            + record.getRecordType());
        }
        TupleRecord t = (TupleRecord) record;
        int[] idx = indexes(t.getSchema());
        Object operation = t.getValue(idx[0]);
        Object before = t.getValue(idx[1]);
        Object after = t.getValue(idx[2]);
        ChangeFlags flags = ChangeFlags.parse(operation, before, after);
        if (flags == null) {
            if (ignoreParseErrors) {
                skipped.inc();
                LOG.debug(
                        "DataHub topic {}, shard {}, sequence {}: skipped a change record with operation '{}', before '{}', after '{}'",
                        topicPath,
                        record.getShardId(),
                        record.getSequence(),
                        operation,
                        before,
                        after);
                return;
            }
            throw new IOException(
                    "DataHub topic "
                            + topicPath
                            + ", shard "
                            + record.getShardId()
                            + ", sequence "
                            + record.getSequence()
                            + ": a "
                            + layout
                            + " change record has operation '"
                            + operation
                            + "' ("
                            + layout.operationField()
                            + "), before flag '"
                            + before
                            + "' ("
                            + layout.beforeFlagField()
                            + ") and after flag '"
                            + after
                            + "' ("
                            + layout.afterFlagField()
                            + "), which make no change (expected "
                            + ChangeFlags.EXPECTED
                            + "). Set '"
                            + DataHubConnectorOptions.CDC_IGNORE_PARSE_ERRORS.key()
                            + "' = 'true' to skip such records.");
        }
        emitter.flags = flags;
        emitter.record = t;
        emitter.indexes = idx;
        emitter.downstream = out;
        data.deserialize(record, emitter);
    }

    private int[] indexes(RecordSchema schema) {
        if (schema != lastSchema) {
            int[] idx = new int[3 + metadata.length];
            idx[0] = required(schema, layout.operationField());
            idx[1] = required(schema, layout.beforeFlagField());
            idx[2] = required(schema, layout.afterFlagField());
            for (int i = 0; i < metadata.length; i++) {
                idx[3 + i] = required(schema, metadata[i].field(layout));
            }
            lastSchema = schema;
            fieldIndexes = idx;
        }
        return fieldIndexes;
    }

    private int required(RecordSchema schema, @Nullable String field) {
        int i = field == null ? -1 : schema.indexOf(field);
        if (i < 0) {
            throw new IllegalStateException(
                    "DataHub topic "
                            + topicPath
                            + ": a record lacks the "
                            + layout
                            + " field '"
                            + field
                            + "'; its fields are "
                            + schema);
        }
        return i;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /** Gives the data row its kind and appends the metadata values. */
    private final class Emitter implements Collector<RowData> {
        ChangeFlags flags;
        TupleRecord record;
        int[] indexes;
        Collector<RowData> downstream;

        @Override
        public void collect(RowData row) {
            if (metadata.length == 0) {
                row.setRowKind(flags.kind());
                downstream.collect(row);
                return;
            }
            int arity = getters.length;
            GenericRowData joined = new GenericRowData(flags.kind(), arity + metadata.length);
            for (int i = 0; i < arity; i++) {
                joined.setField(i, getters[i].getFieldOrNull(row));
            }
            for (int i = 0; i < metadata.length; i++) {
                joined.setField(arity + i, CdcMetadata.read(record, indexes[3 + i]));
            }
            downstream.collect(joined);
        }

        @Override
        public void close() {}
    }

    /** Builds a {@link CdcRowDataDeserializationSchema}. */
    @PublicEvolving
    public static final class Builder {
        private final CdcFormat format;
        private final RowType dataColumns;
        private DtsNaming naming = DtsNaming.AUTO;
        private List<CdcMetadata> metadata = List.of();
        private TypeInformation<RowData> producedType;
        private TupleConversion conversion = TupleConversion.defaults();
        private boolean ignoreParseErrors;

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

        /**
         * Metadata keys ({@code cdc.operation}, {@code cdc.record-id}, {@code cdc.timestamp},
         * {@code cdc.database}, {@code cdc.table}) appended to each row in this order.
         */
        public Builder setMetadataKeys(List<String> keys) {
            List<CdcMetadata> m = new ArrayList<>();
            for (String k : keys) {
                m.add(CdcMetadata.ofKey(k));
            }
            this.metadata = List.copyOf(m);
            return this;
        }

        /** The produced rows' type information, e.g. {@code InternalTypeInfo.of(rowType)}. */
        public Builder setProducedType(TypeInformation<RowData> producedType) {
            this.producedType = producedType;
            return this;
        }

        public Builder setConversion(TupleConversion conversion) {
            this.conversion = Preconditions.checkNotNull(conversion, "conversion");
            return this;
        }

        /** Skip (and count) records whose flags make no sense instead of failing. */
        public Builder setIgnoreParseErrors(boolean ignore) {
            this.ignoreParseErrors = ignore;
            return this;
        }

        public CdcRowDataDeserializationSchema build() {
            Preconditions.checkNotNull(
                    producedType,
                    "Set the produced type information (setProducedType), e.g. InternalTypeInfo.of(rowType)");
            return new CdcRowDataDeserializationSchema(this);
        }
    }
}
