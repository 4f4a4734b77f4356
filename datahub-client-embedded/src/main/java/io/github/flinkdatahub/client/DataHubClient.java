package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client for DataHub: every operation of the official SDKs, named after PyDatahub's in Java
 * style. Thread-safe; share one instance and {@link #close()} it at the end.
 *
 * <p>Failures are {@link io.github.flinkdatahub.client.exception.DataHubException}s carrying the
 * service's error code, request id and HTTP status. Arguments are checked before anything is sent:
 * a bad name, value or size fails with an {@link
 * io.github.flinkdatahub.client.exception.InvalidParameterException} that names it. Retryable
 * failures are retried per the configured {@link RetryPolicy}.
 */
@PublicEvolving
public interface DataHubClient extends AutoCloseable {

    static DataHubClientBuilder builder() {
        return new DataHubClientBuilder();
    }

    DataHubClientConfig getConfig();

    // ------------------------------------------------------------------ projects

    /** Creates a project. Names: 3-32 letters, digits and '_', starting with a letter. */
    void createProject(String projectName, String comment);

    /** Deletes a project; it must hold no topics. */
    void deleteProject(String projectName);

    ListProjectResult listProject();

    GetProjectResult getProject(String projectName);

    void updateProject(String projectName, String comment);

    // ------------------------------------------------------------------ topics

    /** Creates a tuple topic with {@code lifeCycle} days of retention. */
    default void createTupleTopic(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            RecordSchema recordSchema,
            String comment) {
        createTupleTopic(
                projectName,
                topicName,
                shardCount,
                lifeCycle,
                recordSchema,
                comment,
                ExpandMode.SPLIT_EXTEND);
    }

    void createTupleTopic(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            RecordSchema recordSchema,
            String comment,
            ExpandMode expandMode);

    default void createBlobTopic(
            String projectName, String topicName, int shardCount, int lifeCycle, String comment) {
        createBlobTopic(
                projectName, topicName, shardCount, lifeCycle, comment, ExpandMode.SPLIT_EXTEND);
    }

    void createBlobTopic(
            String projectName,
            String topicName,
            int shardCount,
            int lifeCycle,
            String comment,
            ExpandMode expandMode);

    void deleteTopic(String projectName, String topicName);

    ListTopicResult listTopic(String projectName);

    GetTopicResult getTopic(String projectName, String topicName);

    /** Changes lifecycle (days, ignored when not positive) and comment. */
    void updateTopic(String projectName, String topicName, int lifeCycle, String comment);

    /** Appends a nullable field to a tuple topic's schema. */
    default void appendField(
            String projectName, String topicName, String fieldName, FieldType fieldType) {
        appendField(projectName, topicName, new Field(fieldName, fieldType));
    }

    /** Appends {@code field}, which must allow null (the service cannot fill old records). */
    void appendField(String projectName, String topicName, Field field);

    // ------------------------------------------------------------------ topic schema registry

    default ListTopicSchemaResult listTopicSchema(String projectName, String topicName) {
        return listTopicSchema(projectName, topicName, -1, -1);
    }

    /** One page (1-based) of the registered schema versions; -1/-1 asks for all of them. */
    ListTopicSchemaResult listTopicSchema(
            String projectName, String topicName, int pageNumber, int pageSize);

    GetTopicSchemaResult getTopicSchema(String projectName, String topicName, int versionId);

    /** Looks a schema up by content. */
    GetTopicSchemaResult getTopicSchema(
            String projectName, String topicName, RecordSchema recordSchema);

    RegisterTopicSchemaResult registerTopicSchema(
            String projectName, String topicName, RecordSchema recordSchema);

    void deleteTopicSchema(String projectName, String topicName, int versionId);

    // ------------------------------------------------------------------ shards

    /** All shards, closed ones included, with ranges, states and parents. */
    ListShardResult listShard(String projectName, String topicName);

    /** Splits an active shard at the middle of its hash-key range. */
    SplitShardResult splitShard(String projectName, String topicName, String shardId);

    /** Splits an active shard at {@code splitKey} (32 hex digits strictly inside its range). */
    SplitShardResult splitShard(
            String projectName, String topicName, String shardId, String splitKey);

    /** Merges two adjacent active shards into a new one. */
    MergeShardResult mergeShard(
            String projectName, String topicName, String shardId, String adjacentShardId);

    /**
     * Grows the topic to {@code shardCount} active shards in total; the hash ranges are dealt out
     * anew. Only topics whose expand mode allows extending (not {@code ONLY_SPLIT}).
     */
    void extendShard(String projectName, String topicName, int shardCount);

    /** Waits up to 30 s until every shard is ACTIVE or CLOSED. */
    default void waitShardsReady(String projectName, String topicName) {
        waitShardsReady(projectName, topicName, Duration.ofSeconds(30));
    }

    /**
     * Polls {@link #listShard} until every shard is ACTIVE or CLOSED; fails with a {@link
     * io.github.flinkdatahub.client.exception.DataHubClientException} after {@code timeout}.
     */
    void waitShardsReady(String projectName, String topicName, Duration timeout);

    // ------------------------------------------------------------------ records

    /** A cursor of type OLDEST or LATEST. */
    default GetCursorResult getCursor(
            String projectName, String topicName, String shardId, CursorType type) {
        return getCursor(projectName, topicName, shardId, type, -1);
    }

    /**
     * A cursor; {@code param} is the sequence for SEQUENCE, the system time in ms for SYSTEM_TIME,
     * and ignored otherwise.
     */
    default GetCursorResult getCursor(
            String projectName, String topicName, String shardId, CursorType type, long param) {
        return DefaultDataHubClient.join(
                getCursorAsync(projectName, topicName, shardId, type, param));
    }

    /** {@link #getCursor(String, String, String, CursorType, long)} without waiting. */
    CompletableFuture<GetCursorResult> getCursorAsync(
            String projectName, String topicName, String shardId, CursorType type, long param);

    /**
     * Writes records routed per record (shard id, hash key or partition key). Some records may fail
     * while others succeed: check {@link PutRecordsResult#getFailedRecordCount()}.
     */
    default PutRecordsResult putRecords(
            String projectName, String topicName, List<? extends Record> records) {
        return DefaultDataHubClient.join(putRecordsAsync(projectName, topicName, records));
    }

    CompletableFuture<PutRecordsResult> putRecordsAsync(
            String projectName, String topicName, List<? extends Record> records);

    /**
     * Writes all records to one shard; all succeed or the call fails. The recommended way to write.
     */
    default void putRecordsByShard(
            String projectName, String topicName, String shardId, List<? extends Record> records) {
        DefaultDataHubClient.join(putRecordsByShardAsync(projectName, topicName, shardId, records));
    }

    CompletableFuture<Void> putRecordsByShardAsync(
            String projectName, String topicName, String shardId, List<? extends Record> records);

    /** Reads up to {@code limit} tuple records from {@code cursor}. */
    default GetRecordsResult getTupleRecords(
            String projectName,
            String topicName,
            String shardId,
            RecordSchema recordSchema,
            String cursor,
            int limit) {
        return DefaultDataHubClient.join(
                getTupleRecordsAsync(projectName, topicName, shardId, recordSchema, cursor, limit));
    }

    CompletableFuture<GetRecordsResult> getTupleRecordsAsync(
            String projectName,
            String topicName,
            String shardId,
            RecordSchema recordSchema,
            String cursor,
            int limit);

    /** Reads up to {@code limit} blob records from {@code cursor}. */
    default GetRecordsResult getBlobRecords(
            String projectName, String topicName, String shardId, String cursor, int limit) {
        return DefaultDataHubClient.join(
                getBlobRecordsAsync(projectName, topicName, shardId, cursor, limit));
    }

    CompletableFuture<GetRecordsResult> getBlobRecordsAsync(
            String projectName, String topicName, String shardId, String cursor, int limit);

    // ------------------------------------------------------------------ metering

    GetMeteringInfoResult getMeteringInfo(String projectName, String topicName, String shardId);

    // ------------------------------------------------------------------ connectors

    /** Creates a connector that syncs from the oldest data on. */
    default CreateConnectorResult createConnector(
            String projectName,
            String topicName,
            ConnectorType type,
            List<String> columnFields,
            ConnectorConfig config) {
        return createConnector(projectName, topicName, type, columnFields, config, -1);
    }

    /**
     * Creates a connector delivering {@code columnFields} of the topic to the system {@code config}
     * describes, starting at {@code startTime} (ms; -1 for the oldest data).
     */
    CreateConnectorResult createConnector(
            String projectName,
            String topicName,
            ConnectorType type,
            List<String> columnFields,
            ConnectorConfig config,
            long startTime);

    ListConnectorResult listConnector(String projectName, String topicName);

    GetConnectorResult getConnector(String projectName, String topicName, String connectorId);

    void updateConnector(
            String projectName, String topicName, String connectorId, ConnectorConfig config);

    void deleteConnector(String projectName, String topicName, String connectorId);

    /** Status of every shard of the connector. */
    default GetConnectorShardStatusResult getConnectorShardStatus(
            String projectName, String topicName, String connectorId) {
        return getConnectorShardStatus(projectName, topicName, connectorId, null);
    }

    /** Status of one shard, or of all when {@code shardId} is null. */
    GetConnectorShardStatusResult getConnectorShardStatus(
            String projectName, String topicName, String connectorId, String shardId);

    default void reloadConnector(String projectName, String topicName, String connectorId) {
        reloadConnector(projectName, topicName, connectorId, null);
    }

    /** Restarts one shard of the connector, or all when {@code shardId} is null. */
    void reloadConnector(String projectName, String topicName, String connectorId, String shardId);

    /** Adds a field of the topic to the connector's columns. */
    void appendConnectorField(
            String projectName, String topicName, String connectorId, String fieldName);

    /** Starts or stops the connector; offsets can be changed only while it is stopped. */
    void updateConnectorState(
            String projectName, String topicName, String connectorId, ConnectorState state);

    /** Moves one shard's position, or every shard's when {@code shardId} is null or empty. */
    void updateConnectorOffset(
            String projectName,
            String topicName,
            String connectorId,
            String shardId,
            ConnectorOffset offset);

    GetConnectorDoneTimeResult getConnectorDoneTime(
            String projectName, String topicName, String connectorId);

    // ------------------------------------------------------------------ subscriptions

    CreateSubscriptionResult createSubscription(
            String projectName, String topicName, String comment);

    void deleteSubscription(String projectName, String topicName, String subId);

    GetSubscriptionResult getSubscription(String projectName, String topicName, String subId);

    /** Changes the comment. */
    void updateSubscription(String projectName, String topicName, String subId, String comment);

    void updateSubscriptionState(
            String projectName, String topicName, String subId, SubscriptionState state);

    /**
     * Page {@code pageIndex} (1-based) of {@code pageSize} subscriptions whose comment or id
     * matches {@code queryKey} (empty for all).
     */
    ListSubscriptionResult listSubscription(
            String projectName, String topicName, String queryKey, int pageIndex, int pageSize);

    // ------------------------------------------------------------------ subscription offsets

    default InitAndGetSubscriptionOffsetResult initAndGetSubscriptionOffset(
            String projectName, String topicName, String subId, String shardId) {
        return initAndGetSubscriptionOffset(projectName, topicName, subId, List.of(shardId));
    }

    /**
     * Opens a new offset session on the shards and returns their offsets with the session id to
     * commit with. Opening makes every earlier session's commits fail.
     */
    InitAndGetSubscriptionOffsetResult initAndGetSubscriptionOffset(
            String projectName, String topicName, String subId, List<String> shardIds);

    default GetSubscriptionOffsetResult getSubscriptionOffset(
            String projectName, String topicName, String subId, String shardId) {
        return getSubscriptionOffset(projectName, topicName, subId, List.of(shardId));
    }

    /** The committed offsets (read-only: no session is opened). */
    GetSubscriptionOffsetResult getSubscriptionOffset(
            String projectName, String topicName, String subId, List<String> shardIds);

    /**
     * Commits offsets. Fails with {@link
     * io.github.flinkdatahub.client.exception.OffsetSessionChangedException} when another session
     * was opened since, and with {@link
     * io.github.flinkdatahub.client.exception.OffsetResetException} when the offset was reset.
     */
    default void updateSubscriptionOffset(
            String projectName,
            String topicName,
            String subId,
            Map<String, OffsetWithSession> offsets) {
        DefaultDataHubClient.join(
                updateSubscriptionOffsetAsync(projectName, topicName, subId, offsets));
    }

    CompletableFuture<Void> updateSubscriptionOffsetAsync(
            String projectName,
            String topicName,
            String subId,
            Map<String, OffsetWithSession> offsets);

    /** Sets offsets regardless of sessions and bumps their version. */
    void resetSubscriptionOffset(
            String projectName,
            String topicName,
            String subId,
            Map<String, ? extends OffsetBase> offsets);

    /** Releases the HTTP connections. */
    @Override
    void close();
}
