package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.client.model.result.CreateConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorShardStatusResult;
import io.github.flinkdatahub.client.model.result.ListConnectorResult;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.client.protocol.json.ConnectorConfigJson;
import io.github.flinkdatahub.client.protocol.json.ConnectorJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.connectors.ConnectorConfigCheck;
import io.github.flinkdatahub.emulator.connectors.ConnectorDoc;
import io.github.flinkdatahub.emulator.connectors.ConnectorViews;
import io.github.flinkdatahub.emulator.connectors.Connectors;
import io.github.flinkdatahub.emulator.connectors.ShardTaskDoc;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;
import io.github.flinkdatahub.emulator.subscriptions.Ids;
import io.github.flinkdatahub.emulator.subscriptions.SubscriptionDoc;
import io.github.flinkdatahub.emulator.subscriptions.SubscriptionOffsets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connectors: create, list, get, update, delete, status, reload, state, offsets, done time. Every
 * type is stored and validated; SINK_DATAHUB connectors are also run (see {@code ConnectorRunner}),
 * which picks up every change made here from the stored document.
 */
public final class ConnectorApi {
    /** Keys whose values are secrets; an update without them keeps the stored ones. */
    private static final List<String> SECRET_KEYS = List.of("AccessKey", "Password");

    private final EmulatorContext ctx;
    private final Connectors connectors;

    public ConnectorApi(EmulatorContext ctx) {
        this.ctx = ctx;
        this.connectors = new Connectors(ctx);
    }

    /** {@code ?mode=id} lists ids; without it the legacy answer lists the types (lower case). */
    public ApiResponse list(String project, String topic, ApiRequest request) {
        ctx.topic(project, topic);
        boolean ids = "id".equalsIgnoreCase(Params.query(request, "mode"));
        List<String> out = new ArrayList<>();
        for (ConnectorDoc d : connectors.list(project, topic)) {
            out.add(ids ? d.connectorId : Connectors.type(d).wireValue());
        }
        return ApiResponse.json(ConnectorJson.writeListResponse(new ListConnectorResult(out)));
    }

    /**
     * POST on {@code .../connectors/{idOrType}}: create (path is the type) or an operational
     * action.
     */
    public ApiResponse post(String project, String topic, String connector, ApiRequest request) {
        String action = request.action();
        JsonNode body = request.json();
        switch (action) {
            case "create":
                return create(project, topic, connector, request);
            case "updateconfig":
                return updateConfig(project, topic, connector, body);
            case "reload":
                return reload(project, topic, connector, ConnectorJson.readShardId(body));
            case "updatestate":
                return updateState(
                        project,
                        topic,
                        connector,
                        Params.read(() -> ConnectorJson.readUpdateStateRequest(body)));
            case "updateshardcontext":
                return updateOffset(
                        project,
                        topic,
                        connector,
                        Params.read(() -> ConnectorJson.readUpdateOffsetRequest(body)));
            case "status":
                return status(project, topic, connector, ConnectorJson.readShardId(body));
            case "appendfield":
                return appendField(
                        project,
                        topic,
                        connector,
                        Params.read(() -> ConnectorJson.readAppendFieldRequest(body)));
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '"
                                + action
                                + "' on connector "
                                + connector
                                + "; use Create, updateconfig, Reload, updatestate, updateshardcontext, Status or "
                                + "appendfield.");
        }
    }

    private ApiResponse create(
            String project, String topic, String typeSegment, ApiRequest request) {
        ConnectorType pathType = Connectors.typeOrNull(typeSegment);
        if (pathType == null) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Unknown connector type '"
                            + typeSegment
                            + "' in the URL; create connectors at .../connectors/<type>, e.g. .../connectors/sink_odps.");
        }
        ConnectorJson.CreateConnectorRequest req =
                Params.read(() -> ConnectorJson.readCreateRequest(request.json(), pathType));
        if (req.getType() != pathType) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The body's Type "
                            + req.getType()
                            + " does not match the URL's "
                            + pathType.wireValue()
                            + ".");
        }
        checkConfig(req.getType(), req.getConfig());
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            for (ConnectorDoc d : connectors.list(project, topic)) {
                if (d.type.equals(req.getType().name())) {
                    throw ErrorCode.CONNECTOR_ALREADY_EXIST.exception(
                            "The specified connector already exists: topic "
                                    + project
                                    + "."
                                    + topic
                                    + " has "
                                    + req.getType().wireValue()
                                    + " connector "
                                    + d.connectorId
                                    + " (one per type).");
                }
            }
            checkColumns(t, req.getType(), req.getColumnFields(), req.getColumnNameMap());
            String id;
            do {
                id = Ids.connectorId();
            } while (connectors.docs().contains(EmulatorStore.key(project, topic, id)));
            SubscriptionDoc sub =
                    connectors
                            .subscriptions()
                            .create(
                                    t,
                                    "Subscription of connector "
                                            + id
                                            + " ("
                                            + req.getType().wireValue()
                                            + ")",
                                    SubscriptionApi.caller(request),
                                    SubscriptionType.SYSTEM,
                                    id);
            ConnectorDoc doc = new ConnectorDoc();
            doc.connectorId = id;
            doc.project = t.project;
            doc.topic = t.name;
            doc.type = req.getType().name();
            // The service starts connectors right away.
            doc.state = ConnectorState.CONNECTOR_RUNNING.name();
            doc.creator = SubscriptionApi.caller(request);
            doc.createTime = ctx.nowSeconds();
            doc.lastModifyTime = doc.createTime;
            doc.sinkStartTime = req.getSinkStartTime() < 0 ? -1 : req.getSinkStartTime();
            doc.columnFields = new ArrayList<>(req.getColumnFields());
            doc.columnNameMap = new LinkedHashMap<>(req.getColumnNameMap());
            doc.config = ConnectorConfigJson.writeRequestForm(req.getConfig());
            doc.clusterAddress = req.getClusterAddress();
            doc.subscriptionId = sub.subId;
            for (ShardDoc s : t.shards) {
                doc.task(s.shardId).updateTime = doc.createTime;
            }
            connectors.save(doc);
            return ApiResponse.created(
                    ConnectorJson.writeCreateResponse(new CreateConnectorResult(id)));
        }
    }

    /** GET: the connector, or its done time with {@code ?donetime}. */
    public ApiResponse get(String project, String topic, String connector, ApiRequest request) {
        ConnectorDoc doc = connectors.require(project, topic, connector);
        TopicDoc t = ctx.topic(project, topic);
        if (Params.query(request, "donetime") != null) {
            return ApiResponse.json(
                    ConnectorJson.writeDoneTimeResponse(ConnectorViews.doneTime(doc, t)));
        }
        return ApiResponse.json(ConnectorJson.writeGetResponse(ConnectorViews.toResult(doc, t)));
    }

    /** Deletes the connector and its subscription. */
    public ApiResponse delete(String project, String topic, String connector) {
        synchronized (ctx.lock()) {
            connectors.delete(connectors.require(project, topic, connector));
        }
        return ApiResponse.ok();
    }

    /**
     * Replaces the config (secrets left out are kept), the columns or the column map; tasks
     * restart.
     */
    private ApiResponse updateConfig(
            String project, String topic, String connector, JsonNode body) {
        synchronized (ctx.lock()) {
            ConnectorDoc doc = connectors.require(project, topic, connector);
            ConnectorType type = Connectors.type(doc);
            ConnectorJson.UpdateConnectorRequest req =
                    Params.read(() -> ConnectorJson.readUpdateRequest(body, type));
            JsonNode newConfig = doc.config;
            if (req.getConfig() != null) {
                ObjectNode given = ConnectorConfigJson.writeRequestForm(req.getConfig());
                for (String key : SECRET_KEYS) {
                    if (!given.hasNonNull(key) && doc.config.hasNonNull(key)) {
                        given.set(key, doc.config.get(key));
                    }
                }
                checkConfig(type, Params.read(() -> ConnectorConfigJson.read(type, given)));
                newConfig = given;
            }
            List<String> columns =
                    req.getColumnFields() == null ? doc.columnFields : req.getColumnFields();
            Map<String, String> nameMap =
                    req.getColumnNameMap() == null ? doc.columnNameMap : req.getColumnNameMap();
            checkColumns(ctx.topic(project, topic), type, columns, nameMap);
            doc.config = newConfig;
            doc.columnFields = new ArrayList<>(columns);
            doc.columnNameMap = new LinkedHashMap<>(nameMap);
            doc.lastModifyTime = ctx.nowSeconds();
            doc.shards.values().forEach(t -> restart(t, false));
            connectors.save(doc);
        }
        return ApiResponse.ok();
    }

    /** Restarts the task of one shard or of all: it continues from its committed position. */
    private ApiResponse reload(String project, String topic, String connector, String shardId) {
        synchronized (ctx.lock()) {
            ConnectorDoc doc = connectors.require(project, topic, connector);
            for (String id : shardIds(ctx.topic(project, topic), shardId)) {
                restart(doc.task(id), true);
            }
            connectors.save(doc);
        }
        return ApiResponse.ok();
    }

    private ApiResponse updateState(
            String project, String topic, String connector, ConnectorState state) {
        if (state != ConnectorState.CONNECTOR_RUNNING
                && state != ConnectorState.CONNECTOR_STOPPED) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Connector state "
                            + state.wireValue()
                            + " cannot be set; use "
                            + "CONNECTOR_RUNNING or CONNECTOR_STOPPED.");
        }
        synchronized (ctx.lock()) {
            ConnectorDoc doc = connectors.require(project, topic, connector);
            if (!doc.state.equals(state.name())) {
                doc.state = state.name();
                doc.lastModifyTime = ctx.nowSeconds();
                doc.shards.values().forEach(t -> t.updateTime = doc.lastModifyTime);
                connectors.save(doc);
            }
        }
        return ApiResponse.ok();
    }

    /**
     * Repositions one shard or all, only while the connector is stopped. The sequence becomes the
     * shard's CurrentSequence, the last delivered record, as with a subscription offset: delivery
     * continues after it. Without a sequence, the time means "deliver from the first record
     * received at or after it".
     */
    private ApiResponse updateOffset(
            String project, String topic, String connector, ConnectorJson.UpdateOffsetRequest req) {
        ConnectorOffset offset = req.getOffset();
        if (offset.getSequence() < 0 && offset.getTimestamp() < 0) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Give CurrentSequence or CurrentTime (>= 0) to reposition "
                            + "connector "
                            + connector
                            + ".");
        }
        synchronized (ctx.lock()) {
            ConnectorDoc doc = connectors.require(project, topic, connector);
            if (!ConnectorState.CONNECTOR_STOPPED.name().equals(doc.state)) {
                throw ErrorCode.INVALID_OPERATION.exception(
                        "The offset of connector "
                                + doc.connectorId
                                + " can only be "
                                + "changed while it is stopped; set its state to CONNECTOR_STOPPED first.");
            }
            for (String id : shardIds(ctx.topic(project, topic), req.getShardId())) {
                ShardTaskDoc t = doc.task(id);
                restart(t, true);
                if (offset.getSequence() >= 0) {
                    t.nextSequence = offset.getSequence() + 1;
                    t.startTime = -1;
                } else {
                    t.nextSequence = -1;
                    t.startTime = offset.getTimestamp();
                }
                t.currentTimestamp = offset.getTimestamp();
                t.startSequence = -1;
                t.endSequence = -1;
                connectors.mirrorOffset(doc, id, t);
            }
            doc.lastModifyTime = ctx.nowSeconds();
            connectors.save(doc);
        }
        return ApiResponse.ok();
    }

    private ApiResponse status(String project, String topic, String connector, String shardId) {
        ConnectorDoc doc = connectors.require(project, topic, connector);
        TopicDoc t = ctx.topic(project, topic);
        if (shardId != null) {
            SubscriptionOffsets.requireShard(t, shardId);
            return ApiResponse.json(
                    ConnectorJson.writeShardStatusResponse(
                            shardId, ConnectorViews.status(doc, shardId)));
        }
        Map<String, ShardStatusEntry> all = new LinkedHashMap<>();
        t.shards.forEach(s -> all.put(s.shardId, ConnectorViews.status(doc, s.shardId)));
        return ApiResponse.json(
                ConnectorJson.writeShardStatusResponse(new GetConnectorShardStatusResult(all)));
    }

    /** Adds a field of the topic's schema to the connector's columns. */
    private ApiResponse appendField(
            String project, String topic, String connector, String fieldName) {
        synchronized (ctx.lock()) {
            ConnectorDoc doc = connectors.require(project, topic, connector);
            TopicDoc t = ctx.topic(project, topic);
            if (!"TUPLE".equals(t.recordType)) {
                throw ErrorCode.INVALID_OPERATION.exception(
                        "Topic "
                                + project
                                + "."
                                + topic
                                + " is a BLOB topic; "
                                + "connector fields can only be appended on TUPLE topics.");
            }
            RecordSchema schema = RecordSchema.fromJsonString(t.recordSchema);
            if (!schema.containsField(fieldName)) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "The field "
                                + fieldName
                                + " does not exist in topic "
                                + project
                                + "."
                                + topic
                                + "; append it to the topic first.");
            }
            for (String c : doc.columnFields) {
                if (c.equalsIgnoreCase(fieldName)) {
                    throw ErrorCode.INVALID_PARAMETER.exception(
                            "The field "
                                    + fieldName
                                    + " is already a column of "
                                    + "connector "
                                    + doc.connectorId
                                    + ".");
                }
            }
            doc.columnFields.add(schema.getField(fieldName).getName());
            doc.lastModifyTime = ctx.nowSeconds();
            connectors.save(doc);
        }
        return ApiResponse.ok();
    }

    // ---- helpers ----

    /**
     * Clears the task's error and marks it planned under a new generation; the runner starts it
     * again.
     */
    private void restart(ShardTaskDoc t, boolean evenIfFinished) {
        t.generation++;
        t.lastErrorMessage = null;
        if (evenIfFinished || !ConnectorShardState.CONTEXT_FINISHED.name().equals(t.state)) {
            t.state = ConnectorShardState.CONTEXT_PLANNED.name();
        }
        t.updateTime = ctx.nowSeconds();
    }

    private static List<String> shardIds(TopicDoc t, String shardId) {
        if (shardId != null) {
            return List.of(SubscriptionOffsets.requireShard(t, shardId).shardId);
        }
        List<String> all = new ArrayList<>();
        t.shards.forEach(s -> all.add(s.shardId));
        return all;
    }

    private static void checkConfig(ConnectorType type, ConnectorConfig config) {
        ConnectorConfigCheck.check(type, config);
    }

    /**
     * Tuple topics: every column must be a field of the topic (ignoring case), at least one for
     * sinks, no duplicates. Blob topics have no schema to check against, so their columns are kept
     * as given. ColumnNameMap keys must be columns.
     */
    private static void checkColumns(
            TopicDoc t, ConnectorType type, List<String> columns, Map<String, String> nameMap) {
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c.toLowerCase(Locale.ROOT))) {
                throw ErrorCode.INVALID_PARAMETER.exception("ColumnFields names " + c + " twice.");
            }
        }
        if ("TUPLE".equals(t.recordType)) {
            RecordSchema schema = RecordSchema.fromJsonString(t.recordSchema);
            if (columns.isEmpty() && type != ConnectorType.SOURCE_DTS) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "ColumnFields must name at least one field of topic "
                                + t.project
                                + "."
                                + t.name
                                + ".");
            }
            for (String c : columns) {
                if (!schema.containsField(c)) {
                    throw ErrorCode.INVALID_PARAMETER.exception(
                            "The column "
                                    + c
                                    + " does not exist in the schema of "
                                    + "topic "
                                    + t.project
                                    + "."
                                    + t.name
                                    + ".");
                }
            }
        }
        for (String k : nameMap.keySet()) {
            if (!seen.contains(k.toLowerCase(Locale.ROOT))) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "ColumnNameMap maps " + k + ", which is not in ColumnFields.");
            }
        }
    }
}
