package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import io.github.flinkdatahub.connector.cdc.CdcRowDataSerializationSchema;
import io.github.flinkdatahub.connector.cdc.CdcSettings;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;

import javax.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A DataHub topic as a SQL sink: rows to tuple records by column name, or to blobs (a single BYTES
 * column or a format), with the {@code attributes} metadata column as record attributes. The
 * planner gives the sink operator its uid.
 */
@Internal
final class DataHubDynamicSink implements DynamicTableSink, SupportsWritingMetadata {
    static final String ATTRIBUTES = "attributes";

    /** The sink with every option applied, given its serializer. */
    private final Function<DataHubSerializationSchema<RowData>, DataHubSink<RowData>> sinkFactory;

    private final DataType physicalType;

    /** Null for tuple topics and single-BYTES-column blob tables. */
    @Nullable private final EncodingFormat<SerializationSchema<RowData>> format;

    private final boolean tupleTopic;
    private final TupleConversion conversion;
    @Nullable private final Integer parallelism;

    /** Null unless the sink writes change records ({@code cdc.format}). */
    @Nullable private final CdcSettings cdc;

    /** The table, whose database and name DTS change records carry. */
    private final ObjectIdentifier table;

    private List<String> metadataKeys = List.of();

    DataHubDynamicSink(
            Function<DataHubSerializationSchema<RowData>, DataHubSink<RowData>> sinkFactory,
            DataType physicalType,
            @Nullable EncodingFormat<SerializationSchema<RowData>> format,
            boolean tupleTopic,
            TupleConversion conversion,
            @Nullable Integer parallelism,
            @Nullable CdcSettings cdc,
            ObjectIdentifier table) {
        this.conversion = conversion;
        this.cdc = cdc;
        this.table = table;
        this.sinkFactory = sinkFactory;
        this.physicalType = physicalType;
        this.format = format;
        this.tupleTopic = tupleTopic;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        // DataHub appends; only change records or a format (e.g. debezium-json) can carry
        // updates and deletes.
        if (cdc != null) {
            return ChangelogMode.all();
        }
        return format == null ? ChangelogMode.insertOnly() : format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        RowType physicalRow = (RowType) physicalType.getLogicalType();
        DataHubSerializationSchema<RowData> physical;
        if (cdc != null) {
            physical =
                    CdcRowDataSerializationSchema.builder(cdc.format(), physicalRow)
                            .setDtsNaming(cdc.naming())
                            .setConversion(conversion)
                            .setSourceTable(table.getDatabaseName(), table.getObjectName())
                            .build();
        } else if (tupleTopic) {
            physical = DataHubSerializationSchema.rowDataToTuple(physicalRow, conversion);
        } else if (format == null) {
            physical =
                    DataHubSerializationSchema.blob(
                            new BytesRowSchema(
                                    physicalRow.getFieldNames().get(0),
                                    context.createTypeInformation(physicalType)));
        } else {
            physical =
                    DataHubSerializationSchema.blob(
                            format.createRuntimeEncoder(context, physicalType));
        }
        int attributesPos = metadataKeys.contains(ATTRIBUTES) ? physicalRow.getFieldCount() : -1;
        DataHubSink<RowData> sink =
                sinkFactory.apply(
                        new DataHubRowDataSerializer(
                                physical, physicalRow.getFieldCount(), attributesPos));
        return parallelism == null ? SinkV2Provider.of(sink) : SinkV2Provider.of(sink, parallelism);
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        Map<String, DataType> out = new LinkedHashMap<>();
        out.put(ATTRIBUTES, DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING()));
        return out;
    }

    @Override
    public void applyWritableMetadata(List<String> metadataKeys, DataType consumedDataType) {
        this.metadataKeys = List.copyOf(metadataKeys);
    }

    @Override
    public DynamicTableSink copy() {
        DataHubDynamicSink copy =
                new DataHubDynamicSink(
                        sinkFactory,
                        physicalType,
                        format,
                        tupleTopic,
                        conversion,
                        parallelism,
                        cdc,
                        table);
        copy.metadataKeys = metadataKeys;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "DataHub";
    }
}
