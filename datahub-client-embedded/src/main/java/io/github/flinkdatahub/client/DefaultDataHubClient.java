package io.github.flinkdatahub.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.http.DataHubResponse;
import io.github.flinkdatahub.client.http.HttpTransport;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.result.CreateConnectorResult;
import io.github.flinkdatahub.client.model.result.CreateSubscriptionResult;
import io.github.flinkdatahub.client.model.result.GetConnectorDoneTimeResult;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorShardStatusResult;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.GetMeteringInfoResult;
import io.github.flinkdatahub.client.model.result.GetProjectResult;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.InitAndGetSubscriptionOffsetResult;
import io.github.flinkdatahub.client.model.result.ListConnectorResult;
import io.github.flinkdatahub.client.model.result.ListProjectResult;
import io.github.flinkdatahub.client.model.result.ListShardResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.result.ListTopicResult;
import io.github.flinkdatahub.client.model.result.ListTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.MergeShardResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.model.result.RegisterTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.SplitShardResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.ProjectJson;
import io.github.flinkdatahub.client.protocol.json.ShardJson;
import io.github.flinkdatahub.client.protocol.json.SubscriptionJson;
import io.github.flinkdatahub.client.protocol.json.TopicJson;
import io.github.flinkdatahub.client.wire.RecordWire;
import io.github.flinkdatahub.client.wire.RecordWires;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** The {@link DataHubClient}: argument checks, paths and bodies of each operation. */
final class DefaultDataHubClient implements DataHubClient {
    /** Service limits checked before sending. */
    static final int MAX_RECORDS_PER_PUT = 10_000;

    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    static final int MAX_GET_LIMIT = 1000;
    static final int MAX_SHARDS = 256;

    private final DataHubClientConfig config;
    private final HttpTransport transport;
    private final RecordWire recordWire;

    /** Routed puts have no batch encoding; BATCH clients send them as protobuf. */
    private final RecordWire routedPutWire;

    /** Null without the schema registry. */
    private final TopicSchemaVersions schemaVersions;

    DefaultDataHubClient(DataHubClientConfig config) {
        this.config = config;
        this.transport = new HttpTransport(config);
        this.recordWire = RecordWires.forMode(config.getWireMode(), config.getCompression());
        this.routedPutWire =
                config.getWireMode() == WireMode.BATCH
                        ? RecordWires.forMode(WireMode.PROTOBUF, config.getCompression())
                        : recordWire;
        this.schemaVersions =
                config.isSchemaRegistryEnabled() ? new TopicSchemaVersions(this) : null;
    }

    @Override
    public DataHubClientConfig getConfig() {
        return config;
    }

    // ------------------------------------------------------------------ plumbing

    /** Waits for {@code future}, rethrowing the {@link DataHubException} it failed with. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataHubClientException("Interrupted while waiting for DataHub", e, false);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof DataHubException) {
                throw (DataHubException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new DataHubClientException("DataHub call failed: " + cause, cause, false);
        }
    }

    /** Synchronous calls run on the caller's thread (see {@link HttpTransport#execute}). */
    private <T> T call(DataHubRequest request, Function<DataHubResponse, T> decode) {
        return decoding(request, decode).apply(transport.execute(request));
    }

    /**
     * {@code decode} with any failure other than a {@link DataHubException} (a missing field, a
     * number out of range, a value of the wrong type in an answer that parsed) turned into a {@link
     * CorruptedResponseException} naming the call: callers only ever see typed failures.
     */
    private static <T> Function<DataHubResponse, T> decoding(
            DataHubRequest request, Function<DataHubResponse, T> decode) {
        return response -> {
            try {
                return decode.apply(response);
            } catch (DataHubException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CorruptedResponseException(
                        "Could not read DataHub's answer to "
                                + request.method()
                                + " "
                                + request.path()
                                + (request.action() == null ? "" : " (" + request.action() + ")")
                                + ": "
                                + e,
                        e);
            }
        };
    }

    private void call(DataHubRequest request) {
        transport.execute(request);
    }

    private <T> T callJson(DataHubRequest request, Function<JsonNode, T> read) {
        return call(request, r -> read.apply(Json.parse(r.body())));
    }

    private static DataHubRequest post(String path, JsonNode body) {
        return DataHubRequest.json("POST", path, Json.toBytes(body));
    }

    private static DataHubRequest put(String path, JsonNode body) {
        return DataHubRequest.json("PUT", path, Json.toBytes(body));
    }

    static String projectPath(String project) {
        return "/projects/" + NameRules.existing(project, "project");
    }

    static String topicPath(String project, String topic) {
        return projectPath(project) + "/topics/" + NameRules.existing(topic, "topic");
    }

    static String shardsPath(String project, String topic) {
        return topicPath(project, topic) + "/shards";
    }

    static String shardPath(String project, String topic, String shardId) {
        return shardsPath(project, topic) + "/" + NameRules.shardId(shardId);
    }

    static String connectorPath(String project, String topic, String connectorId) {
        return topicPath(project, topic)
                + "/connectors/"
                + NameRules.resourceId(connectorId, "connector id");
    }

    static String subscriptionsPath(String project, String topic) {
        return topicPath(project, topic) + "/subscriptions";
    }

    static String subscriptionPath(String project, String topic, String subId) {
        return subscriptionsPath(project, topic)
                + "/"
                + NameRules.resourceId(subId, "subscription id");
    }

    // ------------------------------------------------------------------ projects

    @Override
    public void createProject(String projectName, String comment) {
        NameRules.project(projectName);
        call(post(projectPath(projectName), ProjectJson.writeComment(NameRules.comment(comment))));
    }

    @Override
    public void deleteProject(String projectName) {
        call(DataHubRequest.delete(projectPath(projectName)));
    }

    @Override
    public ListProjectResult listProject() {
        return callJson(DataHubRequest.get("/projects"), ProjectJson::readList);
    }

    @Override
    public GetProjectResult getProject(String projectName) {
        return callJson(
                DataHubRequest.get(projectPath(projectName)),
                json -> ProjectJson.readGet(projectName, json));
    }

    @Override
    public void updateProject(String projectName, String comment) {
        call(put(projectPath(projectName), ProjectJson.writeComment(NameRules.comment(comment))));
    }

    // ------------------------------------------------------------------ topics

    @Override
    public void createTupleTopic(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            RecordSchema recordSchema,
            String comment,
            ExpandMode expandMode) {
        Validation.notNull(recordSchema, "recordSchema of a tuple topic");
        recordSchema.getFields().forEach(f -> NameRules.field(f.getName()));
        createTopic(
                projectName,
                topicName,
                shardCount,
                lifeCycle,
                RecordType.TUPLE,
                recordSchema,
                comment,
                expandMode);
    }

    @Override
    public void createBlobTopic(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            String comment,
            ExpandMode expandMode) {
        createTopic(
                projectName,
                topicName,
                shardCount,
                lifeCycle,
                RecordType.BLOB,
                null,
                comment,
                expandMode);
    }

    private void createTopic(
            String project,
            String topic,
            int shardCount,
            int lifeCycle,
            RecordType type,
            RecordSchema schema,
            String comment,
            ExpandMode expandMode) {
        NameRules.topic(topic);
        Validation.check(
                shardCount > 0 && shardCount <= MAX_SHARDS,
                "shardCount must be between 1 and " + MAX_SHARDS + ", got " + shardCount);
        Validation.check(
                lifeCycle > 0, "lifeCycle must be a positive number of days, got " + lifeCycle);
        Validation.check(
                expandMode != null && expandMode != ExpandMode.UNKNOWN,
                "expandMode must be SPLIT_EXTEND, ONLY_SPLIT or ONLY_EXTEND, got " + expandMode);
        call(
                post(
                        topicPath(project, topic),
                        TopicJson.writeCreate(
                                shardCount,
                                lifeCycle,
                                type,
                                schema,
                                NameRules.comment(comment),
                                Validation.notNull(expandMode, "expandMode"))));
    }

    @Override
    public void deleteTopic(String projectName, String topicName) {
        call(DataHubRequest.delete(topicPath(projectName, topicName)));
    }

    @Override
    public ListTopicResult listTopic(String projectName) {
        return callJson(
                DataHubRequest.get(projectPath(projectName) + "/topics"), TopicJson::readList);
    }

    @Override
    public GetTopicResult getTopic(String projectName, String topicName) {
        return callJson(
                DataHubRequest.get(topicPath(projectName, topicName)),
                json -> TopicJson.readGet(projectName, topicName, json));
    }

    @Override
    public void updateTopic(String projectName, String topicName, int lifeCycle, String comment) {
        call(
                put(
                        topicPath(projectName, topicName),
                        TopicJson.writeUpdate(lifeCycle, NameRules.comment(comment))));
    }

    @Override
    public void appendField(String projectName, String topicName, Field field) {
        Validation.notNull(field, "field");
        NameRules.field(field.getName());
        Validation.check(
                field.isAllowNull(),
                "Field '"
                        + field.getName()
                        + "' must allow null: existing records have no value for an appended field");
        call(post(topicPath(projectName, topicName), TopicJson.writeAppendField(field)));
    }

    // ------------------------------------------------------------------ schema registry

    @Override
    public ListTopicSchemaResult listTopicSchema(
            String projectName, String topicName, int pageNumber, int pageSize) {
        return callJson(
                post(
                        topicPath(projectName, topicName),
                        TopicJson.writeListSchema(pageNumber, pageSize)),
                TopicJson::readSchemaList);
    }

    @Override
    public GetTopicSchemaResult getTopicSchema(
            String projectName, String topicName, int versionId) {
        Validation.check(versionId >= 0, "versionId must be >= 0, got " + versionId);
        return callJson(
                post(topicPath(projectName, topicName), TopicJson.writeGetSchema(versionId, null)),
                TopicJson::readSchemaInfo);
    }

    @Override
    public GetTopicSchemaResult getTopicSchema(
            String projectName, String topicName, RecordSchema recordSchema) {
        Validation.notNull(recordSchema, "recordSchema");
        return callJson(
                post(topicPath(projectName, topicName), TopicJson.writeGetSchema(-1, recordSchema)),
                TopicJson::readSchemaInfo);
    }

    @Override
    public RegisterTopicSchemaResult registerTopicSchema(
            String projectName, String topicName, RecordSchema recordSchema) {
        Validation.notNull(recordSchema, "recordSchema");
        return callJson(
                post(
                        topicPath(projectName, topicName),
                        TopicJson.writeRegisterSchema(recordSchema)),
                TopicJson::readRegisterSchema);
    }

    @Override
    public void deleteTopicSchema(String projectName, String topicName, int versionId) {
        Validation.check(versionId >= 0, "versionId must be >= 0, got " + versionId);
        call(post(topicPath(projectName, topicName), TopicJson.writeDeleteSchema(versionId)));
    }

    // ------------------------------------------------------------------ shards

    @Override
    public ListShardResult listShard(String projectName, String topicName) {
        return callJson(
                DataHubRequest.get(shardsPath(projectName, topicName)), ShardJson::readList);
    }

    @Override
    public SplitShardResult splitShard(String projectName, String topicName, String shardId) {
        NameRules.shardId(shardId);
        Shard shard =
                listShard(projectName, topicName).getShards().stream()
                        .filter(s -> s.getShardId().equals(shardId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        ErrorCode.NO_SUCH_SHARD.exception(
                                                "Shard "
                                                        + shardId
                                                        + " does not exist in "
                                                        + projectName
                                                        + "/"
                                                        + topicName));
        if (shard.getState() != ShardState.ACTIVE) {
            throw ErrorCode.INVALID_SHARD_OPERATION.exception(
                    "Only an active shard can be split; shard "
                            + shardId
                            + " is "
                            + shard.getState());
        }
        return splitShard(
                projectName,
                topicName,
                shardId,
                middleKey(shard.getBeginHashKey(), shard.getEndHashKey()));
    }

    /** floor((begin + end) / 2) as 32 upper-case hex digits. */
    static String middleKey(String beginHashKey, String endHashKey) {
        BigInteger mid =
                new BigInteger(beginHashKey, 16).add(new BigInteger(endHashKey, 16)).shiftRight(1);
        return String.format(Locale.ROOT, "%032X", mid);
    }

    @Override
    public SplitShardResult splitShard(
            String projectName, String topicName, String shardId, String splitKey) {
        NameRules.shardId(shardId);
        Validation.check(
                splitKey != null && splitKey.matches("[0-9A-Fa-f]{32}"),
                "splitKey must be 32 hexadecimal digits (a 128-bit hash key), got '"
                        + splitKey
                        + "'");
        return callJson(
                post(
                        shardsPath(projectName, topicName),
                        ShardJson.writeSplit(shardId, splitKey.toUpperCase(Locale.ROOT))),
                ShardJson::readSplit);
    }

    @Override
    public void extendShard(String projectName, String topicName, int shardCount) {
        Validation.check(shardCount > 0, "shardCount must be positive, got " + shardCount);
        call(post(shardsPath(projectName, topicName), ShardJson.writeExtend(shardCount)));
    }

    @Override
    public MergeShardResult mergeShard(
            String projectName, String topicName, String shardId, String adjacentShardId) {
        NameRules.shardId(shardId);
        NameRules.shardId(adjacentShardId);
        return callJson(
                post(
                        shardsPath(projectName, topicName),
                        ShardJson.writeMerge(shardId, adjacentShardId)),
                ShardJson::readMerge);
    }

    @Override
    public void waitShardsReady(String projectName, String topicName, Duration timeout) {
        Validation.check(
                timeout != null && !timeout.isNegative(), "timeout must be >= 0, got " + timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Shard> notReady =
                    listShard(projectName, topicName).getShards().stream()
                            .filter(
                                    s ->
                                            s.getState() != ShardState.ACTIVE
                                                    && s.getState() != ShardState.CLOSED)
                            .collect(Collectors.toList());
            if (notReady.isEmpty()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DataHubClientException(
                        "Shards of "
                                + projectName
                                + "/"
                                + topicName
                                + " not ready after "
                                + timeout
                                + ": "
                                + notReady.stream()
                                        .map(s -> s.getShardId() + "=" + s.getState())
                                        .collect(Collectors.joining(", ")),
                        null,
                        false);
            }
            try {
                Thread.sleep(Math.min(200, left / 1_000_000 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataHubClientException("Interrupted while waiting for shards", e, false);
            }
        }
    }

    // ------------------------------------------------------------------ records

    @Override
    public GetCursorResult getCursor(
            String projectName, String topicName, String shardId, CursorType type, long param) {
        return callJson(
                cursorRequest(projectName, topicName, shardId, type, param), ShardJson::readCursor);
    }

    @Override
    public CompletableFuture<GetCursorResult> getCursorAsync(
            String projectName, String topicName, String shardId, CursorType type, long param) {
        DataHubRequest request = cursorRequest(projectName, topicName, shardId, type, param);
        return transport
                .send(request)
                .thenApply(decoding(request, r -> ShardJson.readCursor(Json.parse(r.body()))));
    }

    private static DataHubRequest cursorRequest(
            String projectName, String topicName, String shardId, CursorType type, long param) {
        Validation.notNull(type, "cursor type");
        if (type == CursorType.SEQUENCE || type == CursorType.SYSTEM_TIME) {
            Validation.check(
                    param >= 0,
                    type
                            + " cursors need a parameter >= 0 ("
                            + (type == CursorType.SEQUENCE ? "the sequence" : "a system time in ms")
                            + "), got "
                            + param);
        }
        return post(shardPath(projectName, topicName, shardId), ShardJson.writeCursor(type, param));
    }

    // Each record call has a synchronous twin that runs on the caller's thread (see
    // HttpTransport#execute); both share the request and the decoding.

    @Override
    public PutRecordsResult putRecords(
            String projectName, String topicName, List<? extends Record> records) {
        return call(putRequest(projectName, topicName, records), r -> readPutRecords(r, records));
    }

    @Override
    public CompletableFuture<PutRecordsResult> putRecordsAsync(
            String projectName, String topicName, List<? extends Record> records) {
        DataHubRequest request = putRequest(projectName, topicName, records);
        return transport
                .send(request)
                .thenApply(decoding(request, r -> readPutRecords(r, records)));
    }

    private DataHubRequest putRequest(
            String projectName, String topicName, List<? extends Record> records) {
        checkRecords(records);
        return checkSize(routedPutWire.putRecords(shardsPath(projectName, topicName), records));
    }

    private PutRecordsResult readPutRecords(DataHubResponse r, List<? extends Record> records) {
        return routedPutWire.readPutRecords(r.body()).withRequestRecords(records);
    }

    @Override
    public void putRecordsByShard(
            String projectName, String topicName, String shardId, List<? extends Record> records) {
        transport.execute(putByShardRequest(projectName, topicName, shardId, records));
    }

    @Override
    public CompletableFuture<Void> putRecordsByShardAsync(
            String projectName, String topicName, String shardId, List<? extends Record> records) {
        DataHubRequest request = putByShardRequest(projectName, topicName, shardId, records);
        return transport.send(request).thenApply(r -> null);
    }

    private DataHubRequest putByShardRequest(
            String projectName, String topicName, String shardId, List<? extends Record> records) {
        checkRecords(records);
        return checkSize(
                recordWire.putRecordsByShard(
                        shardPath(projectName, topicName, shardId),
                        records,
                        schemaVersion(projectName, topicName, records.get(0))));
    }

    /**
     * The version a batch put names: the registered version of the records' schema with the
     * registry, else 0 (the protocol's "no registry"); -1 for blob records.
     */
    private int schemaVersion(String project, String topic, Record first) {
        if (!(first instanceof TupleRecord)) {
            return -1;
        }
        return schemaVersions == null
                ? 0
                : schemaVersions.versionOf(project, topic, ((TupleRecord) first).getSchema());
    }

    @Override
    public GetRecordsResult getTupleRecords(
            String projectName,
            String topicName,
            String shardId,
            RecordSchema recordSchema,
            String cursor,
            int limit) {
        DataHubRequest request =
                getRequest(
                        projectName, topicName, shardId, tupleSchema(recordSchema), cursor, limit);
        return call(
                request,
                r ->
                        readGetRecords(
                                r,
                                RecordType.TUPLE,
                                recordSchema,
                                versions(projectName, topicName),
                                shardId));
    }

    @Override
    public CompletableFuture<GetRecordsResult> getTupleRecordsAsync(
            String projectName,
            String topicName,
            String shardId,
            RecordSchema recordSchema,
            String cursor,
            int limit) {
        DataHubRequest request =
                getRequest(
                        projectName, topicName, shardId, tupleSchema(recordSchema), cursor, limit);
        return transport
                .send(request)
                .thenApply(
                        decoding(
                                request,
                                r ->
                                        readGetRecords(
                                                r,
                                                RecordType.TUPLE,
                                                recordSchema,
                                                versions(projectName, topicName),
                                                shardId)));
    }

    @Override
    public GetRecordsResult getBlobRecords(
            String projectName, String topicName, String shardId, String cursor, int limit) {
        DataHubRequest request = getRequest(projectName, topicName, shardId, null, cursor, limit);
        return call(
                request, r -> readGetRecords(r, RecordType.BLOB, null, version -> null, shardId));
    }

    @Override
    public CompletableFuture<GetRecordsResult> getBlobRecordsAsync(
            String projectName, String topicName, String shardId, String cursor, int limit) {
        DataHubRequest request = getRequest(projectName, topicName, shardId, null, cursor, limit);
        return transport
                .send(request)
                .thenApply(
                        decoding(
                                request,
                                r ->
                                        readGetRecords(
                                                r,
                                                RecordType.BLOB,
                                                null,
                                                version -> null,
                                                shardId)));
    }

    private static RecordSchema tupleSchema(RecordSchema recordSchema) {
        return Validation.notNull(recordSchema, "recordSchema (get it with getTopic)");
    }

    private DataHubRequest getRequest(
            String project,
            String topic,
            String shardId,
            RecordSchema schema,
            String cursor,
            int limit) {
        Validation.notEmpty(cursor, "cursor (get one with getCursor)");
        Validation.check(limit > 0, "limit must be positive, got " + limit);
        return recordWire.getRecords(
                shardPath(project, topic, shardId), cursor, Math.min(limit, MAX_GET_LIMIT));
    }

    private GetRecordsResult readGetRecords(
            DataHubResponse r,
            RecordType type,
            RecordSchema schema,
            IntFunction<RecordSchema> versions,
            String shardId) {
        return recordWire.readGetRecords(r.body(), type, schema, versions, shardId);
    }

    /** With the registry, the schema of each version a record names; else none. */
    private IntFunction<RecordSchema> versions(String project, String topic) {
        return schemaVersions == null
                ? version -> null
                : version -> schemaVersions.schemaOf(project, topic, version);
    }

    private static void checkRecords(List<? extends Record> records) {
        Validation.check(records != null && !records.isEmpty(), "records must not be empty");
        Validation.check(
                records.size() <= MAX_RECORDS_PER_PUT,
                "A put may hold at most "
                        + MAX_RECORDS_PER_PUT
                        + " records, got "
                        + records.size()
                        + "; split the list");
        RecordType type = records.get(0).getRecordType();
        for (int i = 0; i < records.size(); i++) {
            // Per record of every put: the messages are built only on failure.
            Record r = records.get(i);
            if (r == null) {
                throw Validation.invalid("record " + i + " must not be null");
            }
            if (r.getRecordType() != type) {
                throw Validation.invalid(
                        "All records of a put must be of one type: record 0 is "
                                + type
                                + ", record "
                                + i
                                + " is "
                                + r.getRecordType());
            }
        }
    }

    private static DataHubRequest checkSize(DataHubRequest request) {
        int size = request.body().length;
        Validation.check(
                size <= MAX_REQUEST_BYTES,
                "The put request is "
                        + size
                        + " bytes; the service accepts at most "
                        + MAX_REQUEST_BYTES
                        + " bytes: send fewer records per put");
        return request;
    }

    // ------------------------------------------------------------------ metering

    @Override
    public GetMeteringInfoResult getMeteringInfo(
            String projectName, String topicName, String shardId) {
        return callJson(
                post(shardPath(projectName, topicName, shardId), ShardJson.writeMeter()),
                ShardJson::readMeter);
    }

    // ------------------------------------------------------------------ connectors

    @Override
    public CreateConnectorResult createConnector(
            String projectName,
            String topicName,
            ConnectorType type,
            List<String> columnFields,
            ConnectorConfig config,
            long startTime) {
        Validation.notNull(type, "connector type");
        Validation.notNull(config, "connector config");
        // Blob topics have no fields to name, so an empty list is allowed.
        Validation.notNull(columnFields, "columnFields");
        columnFields.forEach(NameRules::field);
        String path = topicPath(projectName, topicName) + "/connectors/" + type.wireValue();
        return callJson(
                post(
                        path,
                        ConnectorJson.writeCreateRequest(
                                new ConnectorJson.CreateConnectorRequest(
                                        type, startTime, columnFields, null, config, null))),
                ConnectorJson::readCreateResponse);
    }

    @Override
    public ListConnectorResult listConnector(String projectName, String topicName) {
        return callJson(
                DataHubRequest.get(topicPath(projectName, topicName) + "/connectors")
                        .withQuery("mode=id"),
                ConnectorJson::readListResponse);
    }

    @Override
    public GetConnectorResult getConnector(
            String projectName, String topicName, String connectorId) {
        return callJson(
                DataHubRequest.get(connectorPath(projectName, topicName, connectorId)),
                ConnectorJson::readGetResponse);
    }

    @Override
    public void updateConnector(
            String projectName, String topicName, String connectorId, ConnectorConfig config) {
        Validation.notNull(config, "connector config");
        call(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeUpdateRequest(
                                new ConnectorJson.UpdateConnectorRequest(config, null, null))));
    }

    @Override
    public void deleteConnector(String projectName, String topicName, String connectorId) {
        call(DataHubRequest.delete(connectorPath(projectName, topicName, connectorId)));
    }

    @Override
    public GetConnectorShardStatusResult getConnectorShardStatus(
            String projectName, String topicName, String connectorId, String shardId) {
        String shard = shardId == null || shardId.isEmpty() ? null : NameRules.shardId(shardId);
        return callJson(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeStatusRequest(shard)),
                json -> ConnectorJson.readShardStatusResponse(json, shard));
    }

    @Override
    public void reloadConnector(
            String projectName, String topicName, String connectorId, String shardId) {
        String shard = shardId == null || shardId.isEmpty() ? null : NameRules.shardId(shardId);
        call(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeReloadRequest(shard)));
    }

    @Override
    public void appendConnectorField(
            String projectName, String topicName, String connectorId, String fieldName) {
        NameRules.field(fieldName);
        call(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeAppendFieldRequest(fieldName)));
    }

    @Override
    public void updateConnectorState(
            String projectName, String topicName, String connectorId, ConnectorState state) {
        Validation.notNull(state, "connector state");
        call(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeUpdateStateRequest(state)));
    }

    @Override
    public void updateConnectorOffset(
            String projectName,
            String topicName,
            String connectorId,
            String shardId,
            ConnectorOffset offset) {
        Validation.notNull(offset, "connector offset");
        String shard = shardId == null || shardId.isEmpty() ? null : NameRules.shardId(shardId);
        call(
                post(
                        connectorPath(projectName, topicName, connectorId),
                        ConnectorJson.writeUpdateOffsetRequest(shard, offset)));
    }

    @Override
    public GetConnectorDoneTimeResult getConnectorDoneTime(
            String projectName, String topicName, String connectorId) {
        return callJson(
                DataHubRequest.get(connectorPath(projectName, topicName, connectorId))
                        .withQuery("donetime"),
                ConnectorJson::readDoneTimeResponse);
    }

    // ------------------------------------------------------------------ subscriptions

    @Override
    public CreateSubscriptionResult createSubscription(
            String projectName, String topicName, String comment) {
        return callJson(
                post(
                        subscriptionsPath(projectName, topicName),
                        SubscriptionJson.writeCreateRequest(NameRules.comment(comment))),
                SubscriptionJson::readCreateResponse);
    }

    @Override
    public void deleteSubscription(String projectName, String topicName, String subId) {
        call(DataHubRequest.delete(subscriptionPath(projectName, topicName, subId)));
    }

    @Override
    public GetSubscriptionResult getSubscription(
            String projectName, String topicName, String subId) {
        return callJson(
                DataHubRequest.get(subscriptionPath(projectName, topicName, subId)),
                SubscriptionJson::readGetResponse);
    }

    @Override
    public void updateSubscription(
            String projectName, String topicName, String subId, String comment) {
        call(
                put(
                        subscriptionPath(projectName, topicName, subId),
                        SubscriptionJson.writeUpdateCommentRequest(NameRules.comment(comment))));
    }

    @Override
    public void updateSubscriptionState(
            String projectName, String topicName, String subId, SubscriptionState state) {
        Validation.notNull(state, "subscription state");
        call(
                put(
                        subscriptionPath(projectName, topicName, subId),
                        SubscriptionJson.writeUpdateStateRequest(state)));
    }

    @Override
    public ListSubscriptionResult listSubscription(
            String projectName, String topicName, String queryKey, int pageIndex, int pageSize) {
        Validation.check(
                pageIndex > 0, "pageIndex is 1-based and must be positive, got " + pageIndex);
        Validation.check(pageSize > 0, "pageSize must be positive, got " + pageSize);
        return callJson(
                post(
                        subscriptionsPath(projectName, topicName),
                        SubscriptionJson.writeListRequest(pageIndex, pageSize, queryKey)),
                SubscriptionJson::readListResponse);
    }

    // ------------------------------------------------------------------ subscription offsets

    private static String offsetsPath(String project, String topic, String subId) {
        return subscriptionPath(project, topic, subId) + "/offsets";
    }

    private static List<String> shardIds(List<String> shardIds) {
        Validation.check(
                shardIds != null && !shardIds.isEmpty(), "shardIds must name at least one shard");
        shardIds.forEach(NameRules::shardId);
        return shardIds;
    }

    @Override
    public InitAndGetSubscriptionOffsetResult initAndGetSubscriptionOffset(
            String projectName, String topicName, String subId, List<String> shardIds) {
        return callJson(
                post(
                        offsetsPath(projectName, topicName, subId),
                        SubscriptionJson.writeOpenOffsetRequest(shardIds(shardIds))),
                SubscriptionJson::readOpenOffsetResponse);
    }

    @Override
    public GetSubscriptionOffsetResult getSubscriptionOffset(
            String projectName, String topicName, String subId, List<String> shardIds) {
        return callJson(
                post(
                        offsetsPath(projectName, topicName, subId),
                        SubscriptionJson.writeGetOffsetRequest(shardIds(shardIds))),
                SubscriptionJson::readGetOffsetResponse);
    }

    @Override
    public CompletableFuture<Void> updateSubscriptionOffsetAsync(
            String projectName,
            String topicName,
            String subId,
            Map<String, OffsetWithSession> offsets) {
        return transport
                .send(commitOffsetRequest(projectName, topicName, subId, offsets))
                .thenApply(r -> null);
    }

    @Override
    public void updateSubscriptionOffset(
            String projectName,
            String topicName,
            String subId,
            Map<String, OffsetWithSession> offsets) {
        call(commitOffsetRequest(projectName, topicName, subId, offsets));
    }

    private static DataHubRequest commitOffsetRequest(
            String projectName,
            String topicName,
            String subId,
            Map<String, OffsetWithSession> offsets) {
        Validation.check(
                offsets != null && !offsets.isEmpty(), "offsets must hold at least one shard");
        offsets.keySet().forEach(NameRules::shardId);
        return put(
                offsetsPath(projectName, topicName, subId),
                SubscriptionJson.writeCommitOffsetRequest(offsets));
    }

    @Override
    public void resetSubscriptionOffset(
            String projectName,
            String topicName,
            String subId,
            Map<String, ? extends OffsetBase> offsets) {
        Validation.check(
                offsets != null && !offsets.isEmpty(), "offsets must hold at least one shard");
        offsets.keySet().forEach(NameRules::shardId);
        call(
                put(
                        offsetsPath(projectName, topicName, subId),
                        SubscriptionJson.writeResetOffsetRequest(offsets)));
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "DataHubClient{" + config + '}';
    }
}
