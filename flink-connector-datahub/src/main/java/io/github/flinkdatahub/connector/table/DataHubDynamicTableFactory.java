package io.github.flinkdatahub.connector.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import io.github.flinkdatahub.connector.DataHubOptionsUtil;
import io.github.flinkdatahub.connector.cdc.CdcLayout;
import io.github.flinkdatahub.connector.cdc.CdcSettings;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.common.TupleConversion;
import io.github.flinkdatahub.connector.sink.DataHubSink;
import io.github.flinkdatahub.connector.sink.DataHubSinkBuilder;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.PROJECT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_MODE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_TIME;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_BOUNDED_TIMESTAMP_MILLIS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_EMPTY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_INITIAL_EMPTY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SHARD_DISCOVERY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_MODE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_SPECIFIC_SEQUENCES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_SUBSCRIPTION_RESET;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_TIME;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_SUBSCRIPTION_ID;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BUFFER_MAX_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BUFFER_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_DELIVERY_GUARANTEE;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_FLUSH_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_HASH_FIELDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_MAX_IN_FLIGHT_REQUESTS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_INITIAL_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_BACKOFF;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_MAX_RETRIES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_RETRY_TIMEOUT;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SHARD_ID;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_SHARD_REFRESH_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.TOPIC;

/**
 * {@code 'connector' = 'datahub'}: a DataHub topic as a SQL source and sink. The topic is read at
 * planning time, so declared columns are checked against a tuple topic's fields (by name, ignoring
 * case) before any job starts.
 */
@Internal
public final class DataHubDynamicTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DataHubDynamicTableFactory.class);

    public static final String IDENTIFIER = "datahub";

    /** Options under this prefix are accepted without validation. */
    public static final String PROPERTIES_PREFIX = "properties.";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        Set<ConfigOption<?>> options = DataHubConnectorOptions.requiredConnectionOptions();
        options.add(PROJECT);
        options.add(TOPIC);
        return options;
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = DataHubConnectorOptions.optionalConnectionOptions();
        options.addAll(
                Arrays.asList(
                        FactoryUtil.FORMAT,
                        FactoryUtil.SOURCE_PARALLELISM,
                        FactoryUtil.SINK_PARALLELISM,
                        SCAN_SUBSCRIPTION_ID,
                        SCAN_STARTUP_MODE,
                        SCAN_STARTUP_SUBSCRIPTION_RESET,
                        SCAN_STARTUP_TIMESTAMP_MILLIS,
                        SCAN_STARTUP_TIME,
                        SCAN_STARTUP_SPECIFIC_SEQUENCES,
                        SCAN_BOUNDED_MODE,
                        SCAN_BOUNDED_TIMESTAMP_MILLIS,
                        SCAN_BOUNDED_TIME,
                        SCAN_SHARD_DISCOVERY_INTERVAL,
                        SCAN_FETCH_MAX_RECORDS,
                        SCAN_FETCH_EMPTY_INTERVAL,
                        SCAN_FETCH_INITIAL_EMPTY_INTERVAL,
                        SCAN_FETCH_MAX_BACKOFF,
                        SCAN_FETCH_MAX_BUFFERED_BYTES,
                        DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_RECORDS,
                        DataHubConnectorOptions.SCAN_FETCH_MAX_READS_PER_SHARD,
                        DataHubConnectorOptions.TIMESTAMP_TIME_ZONE,
                        DataHubConnectorOptions.SCAN_LENGTH_CHECK,
                        DataHubConnectorOptions.SCAN_COLUMN_ERROR_DEBUG,
                        DataHubConnectorOptions.SINK_SCHEMA_VERSION,
                        DataHubConnectorOptions.SCHEMA_REGISTRY_ENABLED,
                        SCAN_SUBSCRIPTION_COMMIT_ON_CHECKPOINT,
                        SINK_BATCH_MAX_RECORDS,
                        SINK_BATCH_MAX_BYTES,
                        SINK_FLUSH_INTERVAL,
                        SINK_HASH_FIELDS,
                        SINK_SHARD_ID,
                        SINK_DELIVERY_GUARANTEE,
                        SINK_MAX_IN_FLIGHT_REQUESTS,
                        SINK_BUFFER_MAX_RECORDS,
                        SINK_BUFFER_MAX_BYTES,
                        SINK_RETRY_MAX_RETRIES,
                        SINK_RETRY_TIMEOUT,
                        SINK_RETRY_INITIAL_BACKOFF,
                        SINK_RETRY_MAX_BACKOFF,
                        SINK_SHARD_REFRESH_INTERVAL,
                        DataHubConnectorOptions.CDC_FORMAT,
                        DataHubConnectorOptions.CDC_DTS_NAMING,
                        DataHubConnectorOptions.CDC_IGNORE_PARSE_ERRORS));
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        DecodingFormat<DeserializationSchema<RowData>> format =
                helper.discoverOptionalDecodingFormat(
                                DeserializationFormatFactory.class, FactoryUtil.FORMAT)
                        .orElse(null);
        helper.validateExcept(PROPERTIES_PREFIX);
        ReadableConfig options = helper.getOptions();
        logIgnoredProperties(context);

        Topic topic = Topic.read(options);
        DataType physicalType = context.getPhysicalRowDataType();
        CdcSettings cdc = DataHubOptionsUtil.cdcSettings(options).orElse(null);
        CdcLayout layout = cdc == null ? null : topic.cdcLayout(cdc);
        topic.checkColumns(physicalType, format != null, false, layout);

        ZoneId zone = DataHubOptionsUtil.localTimeZone(context.getConfiguration());
        TupleConversion conversion = DataHubOptionsUtil.tupleConversion(options);
        DataHubOptionsUtil.checkSchemaVersionOptions(options);
        DataHubConnection connection = topic.connection;
        Function<DataHubDeserializationSchema<RowData>, DataHubSource<RowData>> sources =
                d ->
                        DataHubSource.<RowData>builder()
                                .setConnection(connection)
                                .setProject(topic.project)
                                .setTopic(topic.topic)
                                // SQL starts at the newest records unless told otherwise, as the
                                // hosted connector (which starts at the current time).
                                .setStartingPosition(StartingPosition.latest())
                                .setOptions(options, zone)
                                .setDeserializer(d)
                                .build();
        // Build one now so a bad option fails at planning, naming the option (the deserializer is
        // not used).
        RowType physicalRow = (RowType) physicalType.getLogicalType();
        validating(
                () ->
                        sources.apply(
                                DataHubDeserializationSchema.tupleToRowData(physicalRow, null)));
        return new DataHubDynamicSource(
                context.getObjectIdentifier().asSummaryString(),
                sources,
                physicalType,
                format,
                topic.isTuple(),
                conversion,
                options.getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null),
                cdc == null
                        ? null
                        : new DataHubDynamicSource.ChangeRecords(cdc, layout, topic.schema));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        EncodingFormat<SerializationSchema<RowData>> format =
                helper.discoverOptionalEncodingFormat(
                                SerializationFormatFactory.class, FactoryUtil.FORMAT)
                        .orElse(null);
        helper.validateExcept(PROPERTIES_PREFIX);
        ReadableConfig options = helper.getOptions();
        logIgnoredProperties(context);

        Topic topic = Topic.read(options);
        DataType physicalType = context.getPhysicalRowDataType();
        CdcSettings cdc = DataHubOptionsUtil.cdcSettings(options).orElse(null);
        CdcLayout layout = cdc == null ? null : topic.cdcLayout(cdc);
        topic.checkColumns(physicalType, format != null, true, layout);
        options.getOptional(SINK_HASH_FIELDS).ifPresent(topic::checkHashFields);
        // A key's changes must stay in order: route by the primary key unless routing is set.
        List<String> keyFields =
                layout == null ? List.of() : primaryKeyFields(context, layout, options);
        TupleConversion conversion = DataHubOptionsUtil.tupleConversion(options);
        DataHubOptionsUtil.checkSchemaVersionOptions(options);

        DataHubConnection connection = topic.connection;
        Function<DataHubSerializationSchema<RowData>, DataHubSink<RowData>> sinks =
                s -> {
                    DataHubSinkBuilder<RowData> b =
                            DataHubSink.<RowData>builder()
                                    .setConnection(connection)
                                    .setProject(topic.project)
                                    .setTopic(topic.topic)
                                    .setOptions(options)
                                    .setSerializer(s);
                    if (!keyFields.isEmpty()) {
                        b.setHashFields(keyFields.toArray(new String[0]));
                    }
                    return b.build();
                };
        validating(
                () ->
                        sinks.apply(
                                DataHubSerializationSchema.rowDataToTuple(
                                        (RowType) physicalType.getLogicalType(), conversion)));
        return new DataHubDynamicSink(
                sinks,
                physicalType,
                format,
                topic.isTuple(),
                conversion,
                options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null),
                cdc,
                context.getObjectIdentifier());
    }

    /**
     * The topic fields of a change-record sink's primary key, to route by; empty when {@code
     * sink.hash-fields} or {@code sink.shard-id} routes explicitly. Fails without a primary key.
     */
    private static List<String> primaryKeyFields(
            Context context, CdcLayout layout, ReadableConfig options) {
        List<String> key =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                "Table "
                                                        + context.getObjectIdentifier()
                                                                .asSummaryString()
                                                        + " writes "
                                                        + layout
                                                        + " change records ('"
                                                        + DataHubConnectorOptions.CDC_FORMAT.key()
                                                        + "'), which needs a PRIMARY KEY: declare one, e.g."
                                                        + " PRIMARY KEY (id) NOT ENFORCED."));
        if (options.getOptional(SINK_HASH_FIELDS).isPresent()
                || options.getOptional(SINK_SHARD_ID).isPresent()) {
            return List.of();
        }
        return key.stream().map(layout::fieldOf).collect(Collectors.toList());
    }

    /** Runs a builder so that its precondition failures surface as validation errors. */
    private static void validating(Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    private static void logIgnoredProperties(Context context) {
        List<String> keys =
                context.getCatalogTable().getOptions().keySet().stream()
                        .filter(k -> k.startsWith(PROPERTIES_PREFIX))
                        .sorted()
                        .collect(Collectors.toList());
        if (!keys.isEmpty()) {
            LOG.info(
                    "Table {}: options {} are passed through unvalidated; the DataHub client reads none of them",
                    context.getObjectIdentifier().asSummaryString(),
                    keys);
        }
    }

    /** Parses {@code shard:0,sequence:42;shard:1,sequence:7}. */
    static Map<String, Long> parseSequences(String value) {
        return DataHubOptionsUtil.parseSequences(value);
    }

    // ---------------------------------------------------------------- the topic

    /** The topic as read at planning time. */
    private static final class Topic {
        final DataHubConnection connection;
        final String project;
        final String topic;
        @Nullable final RecordSchema schema;

        private Topic(
                DataHubConnection connection,
                String project,
                String topic,
                @Nullable RecordSchema schema) {
            this.connection = connection;
            this.project = project;
            this.topic = topic;
            this.schema = schema;
        }

        static Topic read(ReadableConfig options) {
            DataHubConnection connection;
            try {
                connection = DataHubConnection.fromOptions(options);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(e.getMessage(), e);
            }
            String project = options.get(PROJECT).trim();
            String topic = options.get(TOPIC).trim();
            try (DataHubClient client = connection.openClient()) {
                GetTopicResult t = client.getTopic(project, topic);
                return new Topic(
                        connection,
                        project,
                        topic,
                        t.getRecordType() == RecordType.TUPLE ? t.getRecordSchema() : null);
            } catch (ResourceNotFoundException e) {
                throw new ValidationException(
                        "DataHub topic '"
                                + project
                                + "."
                                + topic
                                + "' does not exist at "
                                + connection.getEndpoint()
                                + " ("
                                + e.getMessage()
                                + "). Check 'project' and 'topic', or"
                                + " create the topic first.",
                        e);
            } catch (DataHubException e) {
                throw new ValidationException(
                        "Cannot read DataHub topic '"
                                + project
                                + "."
                                + topic
                                + "' at "
                                + connection.getEndpoint()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }

        boolean isTuple() {
            return schema != null;
        }

        String path() {
            return "'" + project + "." + topic + "'";
        }

        /** The change-record layout of {@code cdc} the topic's fields match. */
        CdcLayout cdcLayout(CdcSettings cdc) {
            if (schema == null) {
                throw new ValidationException(
                        "'"
                                + DataHubConnectorOptions.CDC_FORMAT.key()
                                + "' needs a tuple topic; DataHub topic "
                                + path()
                                + " is a blob topic (for change records in blobs use 'format', e.g."
                                + " 'debezium-json').");
            }
            try {
                return cdc.layoutOf(schema, path());
            } catch (IllegalArgumentException e) {
                throw new ValidationException(e.getMessage(), e);
            }
        }

        /**
         * Checks the columns against the topic's fields; with a change-record {@code layout}, the
         * columns are the data fields (by the layout's names) and the bookkeeping fields are the
         * connector's.
         */
        void checkColumns(
                DataType physicalType,
                boolean hasFormat,
                boolean forWriting,
                @Nullable CdcLayout layout) {
            RowType row = (RowType) physicalType.getLogicalType();
            if (schema == null) {
                checkBlobColumns(row, hasFormat);
                return;
            }
            if (hasFormat) {
                throw new ValidationException(
                        "'format' applies to blob topics only; DataHub topic "
                                + path()
                                + " is a tuple topic whose fields map to columns by name. Remove 'format'.");
            }
            Set<Integer> covered = new HashSet<>();
            for (RowType.RowField column : row.getFields()) {
                String fieldName =
                        layout == null ? column.getName() : layout.fieldOf(column.getName());
                int index =
                        layout != null && layout.isBookkeeping(fieldName)
                                ? -1
                                : schema.indexOf(fieldName);
                if (index < 0) {
                    throw new ValidationException(
                            "Column '"
                                    + column.getName()
                                    + "' is not a field of DataHub"
                                    + " topic "
                                    + path()
                                    + (layout == null
                                            ? ""
                                            : " (as " + layout + " data field '" + fieldName + "')")
                                    + ", whose fields are "
                                    + describe(schema)
                                    + ". Rename or remove the"
                                    + " column, or declare it as a metadata or computed column.");
                }
                covered.add(index);
                Field field = schema.getField(index);
                LogicalType declared = column.getType();
                if (!DataHubTypeMapping.compatible(declared, field.getType())) {
                    throw new ValidationException(
                            "Column '"
                                    + column.getName()
                                    + "' is declared "
                                    + declared.asSummaryString()
                                    + ", but field '"
                                    + field.getName()
                                    + "' of DataHub topic "
                                    + path()
                                    + " is "
                                    + field.getType()
                                    + ". Declare it as "
                                    + DataHubTypeMapping.toFlinkType(field.getType())
                                            .getLogicalType()
                                            .asSummaryString()
                                    + ".");
                }
            }
            if (forWriting) {
                for (int i = 0; i < schema.size(); i++) {
                    Field f = schema.getField(i);
                    if (!covered.contains(i)
                            && !f.isAllowNull()
                            && (layout == null || !layout.isBookkeeping(f.getName()))) {
                        throw new ValidationException(
                                "Field '"
                                        + f.getName()
                                        + "' of DataHub topic "
                                        + path()
                                        + " is NOT NULL but the table has no column for it; add the column.");
                    }
                }
            }
        }

        private void checkBlobColumns(RowType row, boolean hasFormat) {
            if (hasFormat) {
                return;
            }
            LogicalTypeRoot root = row.getFieldCount() == 1 ? row.getTypeAt(0).getTypeRoot() : null;
            if (root != LogicalTypeRoot.VARBINARY && root != LogicalTypeRoot.BINARY) {
                throw new ValidationException(
                        "DataHub topic "
                                + path()
                                + " is a blob topic: declare exactly one"
                                + " physical BYTES column (the blob), or set 'format' (e.g. 'json') to decode blobs into"
                                + " columns. The table declares "
                                + row.asSummaryString()
                                + ".");
            }
        }

        void checkHashFields(String hashFields) {
            if (schema == null) {
                throw new ValidationException(
                        "'"
                                + SINK_HASH_FIELDS.key()
                                + "' needs a tuple topic;"
                                + " DataHub topic "
                                + path()
                                + " is a blob topic. Use '"
                                + SINK_SHARD_ID.key()
                                + "' or leave routing round-robin.");
            }
            for (String f : hashFields.split(",")) {
                if (!f.trim().isEmpty() && schema.indexOf(f.trim()) < 0) {
                    throw new ValidationException(
                            "'"
                                    + SINK_HASH_FIELDS.key()
                                    + "' names '"
                                    + f.trim()
                                    + "', which is not a field of DataHub topic "
                                    + path()
                                    + " "
                                    + describe(schema)
                                    + ".");
                }
            }
        }

        private static String describe(RecordSchema schema) {
            return schema.getFields().stream()
                    .map(f -> f.getName() + " " + f.getType())
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
