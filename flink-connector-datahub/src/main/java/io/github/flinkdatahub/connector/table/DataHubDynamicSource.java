package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.connector.cdc.CdcLayout;
import io.github.flinkdatahub.connector.cdc.CdcMetadata;
import io.github.flinkdatahub.connector.cdc.CdcRowDataDeserializationSchema;
import io.github.flinkdatahub.connector.cdc.CdcSettings;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A DataHub topic as a SQL source. Reads only the projected columns; metadata columns are appended
 * by {@link DataHubRowDataDeserializer}; a pushed-down watermark strategy runs per shard (the
 * source's readers emit per-split watermarks).
 */
@Internal
final class DataHubDynamicSource
        implements ScanTableSource,
                SupportsProjectionPushDown,
                SupportsReadingMetadata,
                SupportsWatermarkPushDown {
    /** Name of the source operator in the uid the planner generates for it. */
    static final String SOURCE_TRANSFORMATION = "datahub-source";

    private final String tableName;

    /** The source with every option applied, given its deserializer. */
    private final Function<DataHubDeserializationSchema<RowData>, DataHubSource<RowData>>
            sourceFactory;

    private final DataType physicalType;

    /** Null for tuple topics and single-BYTES-column blob tables. */
    @Nullable private final DecodingFormat<DeserializationSchema<RowData>> format;

    private final boolean tupleTopic;
    private final TupleConversion conversion;
    @Nullable private final Integer parallelism;

    /** Null unless the topic holds change records ({@code cdc.format}). */
    @Nullable private final ChangeRecords changeRecords;

    private int[] projection;
    private List<String> metadataKeys = List.of();
    private DataType producedType;
    @Nullable private WatermarkStrategy<RowData> watermarkStrategy;

    DataHubDynamicSource(
            String tableName,
            Function<DataHubDeserializationSchema<RowData>, DataHubSource<RowData>> sourceFactory,
            DataType physicalType,
            @Nullable DecodingFormat<DeserializationSchema<RowData>> format,
            boolean tupleTopic,
            TupleConversion conversion,
            @Nullable Integer parallelism,
            @Nullable ChangeRecords changeRecords) {
        this.conversion = conversion;
        this.changeRecords = changeRecords;
        this.tableName = tableName;
        this.sourceFactory = sourceFactory;
        this.physicalType = physicalType;
        this.format = format;
        this.tupleTopic = tupleTopic;
        this.parallelism = parallelism;
        this.projection = IntStream.range(0, DataType.getFieldCount(physicalType)).toArray();
        this.producedType = physicalType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        if (changeRecords != null) {
            return ChangelogMode.all();
        }
        return format == null ? ChangelogMode.insertOnly() : format.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        RowType physicalRow = (RowType) physicalType.getLogicalType();
        // Change-record keys come first: the planner orders keys as listReadableMetadata does.
        List<String> cdcKeys =
                metadataKeys.stream().filter(CdcMetadata::isKey).collect(Collectors.toList());
        ReadableMetadata[] metadata =
                metadataKeys.stream()
                        .filter(k -> !CdcMetadata.isKey(k))
                        .map(ReadableMetadata::of)
                        .toArray(ReadableMetadata[]::new);
        DataHubDeserializationSchema<RowData> inner;
        RowType innerType;
        int[] innerProjection;
        if (changeRecords != null) {
            RowType dataType = (RowType) Projection.of(projection).project(physicalRow);
            List<RowType.RowField> fields = new ArrayList<>(dataType.getFields());
            for (String key : cdcKeys) {
                fields.add(
                        new RowType.RowField(
                                key, changeRecords.metadataType(key).getLogicalType()));
            }
            innerType = new RowType(fields);
            inner =
                    CdcRowDataDeserializationSchema.builder(
                                    changeRecords.settings.format(), dataType)
                            .setDtsNaming(changeRecords.settings.naming())
                            .setIgnoreParseErrors(changeRecords.settings.ignoreParseErrors())
                            .setMetadataKeys(cdcKeys)
                            .setConversion(conversion)
                            .setProducedType(context.createTypeInformation(innerType))
                            .build();
            innerProjection = IntStream.range(0, fields.size()).toArray();
        } else if (tupleTopic) {
            // The tuple deserializer reads only the projected fields: no need to decode the others.
            innerType = (RowType) Projection.of(projection).project(physicalRow);
            inner =
                    DataHubDeserializationSchema.tupleToRowData(
                            innerType, context.createTypeInformation(innerType), conversion);
            innerProjection = IntStream.range(0, projection.length).toArray();
        } else {
            DeserializationSchema<RowData> decoder =
                    format == null
                            ? new BytesRowSchema(
                                    physicalRow.getFieldNames().get(0),
                                    context.createTypeInformation(physicalType))
                            : format.createRuntimeDecoder(context, physicalType);
            inner = DataHubDeserializationSchema.blob(decoder);
            innerType = physicalRow;
            innerProjection = projection;
        }
        DataHubDeserializationSchema<RowData> deserializer =
                new DataHubRowDataDeserializer(
                        inner,
                        innerType,
                        innerProjection,
                        metadata,
                        context.createTypeInformation(producedType));
        DataHubSource<RowData> source = sourceFactory.apply(deserializer);
        WatermarkStrategy<RowData> watermarks =
                watermarkStrategy == null ? WatermarkStrategy.noWatermarks() : watermarkStrategy;
        String name = "DataHubSource-" + tableName;
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment execEnv) {
                DataStreamSource<RowData> stream = execEnv.fromSource(source, watermarks, name);
                providerContext.generateUid(SOURCE_TRANSFORMATION).ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return source.getBoundedness() == Boundedness.BOUNDED;
            }

            @Override
            public Optional<Integer> getParallelism() {
                return Optional.ofNullable(parallelism);
            }
        };
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.projection = Arrays.stream(projectedFields).mapToInt(p -> p[0]).toArray();
        this.producedType = producedDataType;
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> out = new LinkedHashMap<>();
        if (changeRecords != null) {
            for (CdcMetadata m : CdcMetadata.of(changeRecords.layout)) {
                out.put(m.key, changeRecords.metadataType(m.key));
            }
        }
        for (ReadableMetadata m : ReadableMetadata.values()) {
            out.put(m.key, m.type);
        }
        return out;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        this.metadataKeys = List.copyOf(metadataKeys);
        this.producedType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarkStrategy = watermarkStrategy;
    }

    @Override
    public DynamicTableSource copy() {
        DataHubDynamicSource copy =
                new DataHubDynamicSource(
                        tableName,
                        sourceFactory,
                        physicalType,
                        format,
                        tupleTopic,
                        conversion,
                        parallelism,
                        changeRecords);
        copy.projection = projection.clone();
        copy.metadataKeys = metadataKeys;
        copy.producedType = producedType;
        copy.watermarkStrategy = watermarkStrategy;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "DataHub";
    }

    /** The change-record options and the layout the topic's fields matched at planning. */
    static final class ChangeRecords {
        final CdcSettings settings;
        final CdcLayout layout;
        final RecordSchema schema;

        ChangeRecords(CdcSettings settings, CdcLayout layout, RecordSchema schema) {
            this.settings = settings;
            this.layout = layout;
            this.schema = schema;
        }

        DataType metadataType(String key) {
            return CdcMetadata.ofKey(key).type(layout, schema);
        }
    }
}
