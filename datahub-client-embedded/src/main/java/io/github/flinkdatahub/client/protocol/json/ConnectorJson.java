package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.Validation;
import io.github.flinkdatahub.client.model.connector.ConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.ShardContext;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.client.model.result.CreateConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorDoneTimeResult;
import io.github.flinkdatahub.client.model.result.GetConnectorResult;
import io.github.flinkdatahub.client.model.result.GetConnectorShardStatusResult;
import io.github.flinkdatahub.client.model.result.ListConnectorResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * JSON bodies of the connector operations, in both directions: {@code write...Request} / {@code
 * read...Response} for the client, {@code read...Request} / {@code write...Response} for the
 * emulator. Requests have the Java SDK 2.21.6 shape; responses the service's (lower-case type,
 * config values as strings). Request readers are strict (a bad request is an {@code
 * InvalidParameterException} naming the member); response readers are tolerant (unknown members
 * ignored, missing ones default).
 */
@Internal
public final class ConnectorJson {
    /**
     * {@code Action} values as the Java SDK spells them; the service matches them ignoring case.
     */
    public static final String ACTION_CREATE = "Create";

    public static final String ACTION_UPDATE_CONFIG = "updateconfig";
    public static final String ACTION_RELOAD = "Reload";
    public static final String ACTION_UPDATE_STATE = "updatestate";
    public static final String ACTION_UPDATE_SHARD_CONTEXT = "updateshardcontext";
    public static final String ACTION_STATUS = "Status";
    public static final String ACTION_APPEND_FIELD = "appendfield";

    private ConnectorJson() {}

    // ---- create ----

    public static ObjectNode writeCreateRequest(CreateConnectorRequest request) {
        ObjectNode body = action(ACTION_CREATE);
        body.put("Type", request.getType().name());
        body.put("SinkStartTime", request.getSinkStartTime());
        body.set("ColumnFields", Json.stringArray(request.getColumnFields()));
        if (!request.getColumnNameMap().isEmpty()) {
            body.set("ColumnNameMap", Json.stringObject(request.getColumnNameMap()));
        }
        body.set("Config", ConnectorConfigJson.writeRequestForm(request.getConfig()));
        if (request.getClusterAddress() != null) {
            body.put("ClusterAddress", request.getClusterAddress());
        }
        return body;
    }

    /**
     * Reads a create body. The type is taken from the body's {@code Type} (Java SDK) or else from
     * the URL segment ({@code …/connectors/sink_odps}; the Python SDK sends no {@code Type}).
     */
    public static CreateConnectorRequest readCreateRequest(
            JsonNode body, ConnectorType typeFromPath) {
        String bodyType = Json.text(body, "Type");
        ConnectorType type =
                bodyType != null ? ConnectorType.fromWireValue(bodyType) : typeFromPath;
        Validation.check(
                type != null,
                "Connector type missing: put it in the URL (…/connectors/sink_odps) or in the body as \"Type\"");
        JsonNode config = body.get("Config");
        Validation.check(
                config != null && !config.isNull(),
                "Create connector body has no \"Config\" object");
        return new CreateConnectorRequest(
                type,
                Json.longValue(body, "SinkStartTime", -1),
                Json.stringList(body, "ColumnFields"),
                Json.stringMap(body, "ColumnNameMap"),
                ConnectorConfigJson.read(type, config),
                Json.text(body, "ClusterAddress"));
    }

    public static ObjectNode writeCreateResponse(CreateConnectorResult result) {
        ObjectNode body = Json.object();
        if (result.getConnectorId() != null) {
            body.put("ConnectorId", result.getConnectorId());
        }
        return body;
    }

    public static CreateConnectorResult readCreateResponse(JsonNode body) {
        return new CreateConnectorResult(Json.text(body, "ConnectorId"));
    }

    // ---- list / get ----

    public static ObjectNode writeListResponse(ListConnectorResult result) {
        ObjectNode body = Json.object();
        body.set("Connectors", Json.stringArray(result.getConnectorIds()));
        return body;
    }

    public static ListConnectorResult readListResponse(JsonNode body) {
        return new ListConnectorResult(Json.stringList(body, "Connectors"));
    }

    /**
     * The service's get body: lower-case type, config in service form, {@code ShardContexts}
     * always.
     */
    public static ObjectNode writeGetResponse(GetConnectorResult result) {
        ObjectNode body = Json.object();
        putIfSet(body, "ConnectorId", result.getConnectorId());
        putIfSet(body, "ClusterAddress", result.getClusterAddress());
        putIfSet(body, "Type", result.getType() == null ? null : result.getType().wireValue());
        putIfSet(body, "State", result.getState() == null ? null : result.getState().wireValue());
        putIfSet(body, "Creator", result.getCreator());
        putIfSet(body, "Owner", result.getOwner());
        body.put("CreateTime", result.getCreateTime());
        body.put("LastModifyTime", result.getLastModifyTime());
        body.set("ColumnFields", Json.stringArray(result.getColumnFields()));
        if (!result.getColumnNameMap().isEmpty()) {
            body.set("ColumnNameMap", Json.stringObject(result.getColumnNameMap()));
        }
        body.set(
                "Config",
                result.getConfig() == null
                        ? Json.object()
                        : ConnectorConfigJson.writeServiceForm(result.getConfig()));
        if (!result.getExtraConfig().isEmpty()) {
            body.set("ExtraInfo", Json.stringObject(result.getExtraConfig()));
        }
        // Deprecated, but the Python SDK reads it unconditionally.
        ArrayNode contexts = body.putArray("ShardContexts");
        for (ShardContext c : result.getShardContexts()) {
            contexts.addObject()
                    .put("ShardId", c.getShardId())
                    .put("StartSequence", c.getStartSequence())
                    .put("EndSequence", c.getEndSequence())
                    .put("CurrentSequence", c.getCurrentSequence());
        }
        return body;
    }

    public static GetConnectorResult readGetResponse(JsonNode body) {
        ConnectorType type =
                ConnectorConfigJson.lenient(ConnectorType::fromWireValue, Json.text(body, "Type"));
        List<ShardContext> contexts = new ArrayList<>();
        JsonNode items = body.get("ShardContexts");
        if (items != null && items.isArray()) {
            for (JsonNode c : items) {
                contexts.add(
                        new ShardContext(
                                Json.text(c, "ShardId"),
                                Json.longValue(c, "StartSequence", -1),
                                Json.longValue(c, "EndSequence", -1),
                                Json.longValue(c, "CurrentSequence", -1)));
            }
        }
        return GetConnectorResult.builder()
                .connectorId(Json.text(body, "ConnectorId"))
                .clusterAddress(Json.text(body, "ClusterAddress"))
                .type(type)
                .state(
                        ConnectorConfigJson.lenient(
                                ConnectorState::fromWireValue, Json.text(body, "State")))
                .creator(Json.text(body, "Creator"))
                .owner(Json.text(body, "Owner"))
                .createTime(Json.longValue(body, "CreateTime", 0))
                .lastModifyTime(Json.longValue(body, "LastModifyTime", 0))
                .columnFields(Json.stringList(body, "ColumnFields"))
                .columnNameMap(Json.stringMap(body, "ColumnNameMap"))
                .config(type == null ? null : ConnectorConfigJson.read(type, body.get("Config")))
                .extraConfig(Json.stringMap(body, "ExtraInfo"))
                .shardContexts(contexts)
                .build();
    }

    // ---- update config ----

    public static ObjectNode writeUpdateRequest(UpdateConnectorRequest request) {
        ObjectNode body = action(ACTION_UPDATE_CONFIG);
        if (request.getConfig() != null) {
            body.set("Config", ConnectorConfigJson.writeRequestForm(request.getConfig()));
        }
        if (request.getColumnNameMap() != null) {
            body.set("ColumnNameMap", Json.stringObject(request.getColumnNameMap()));
        }
        if (request.getColumnFields() != null) {
            body.set("ColumnFields", Json.stringArray(request.getColumnFields()));
        }
        return body;
    }

    /**
     * Reads an update body; {@code type} is the stored connector's type, which the body does not
     * carry.
     */
    public static UpdateConnectorRequest readUpdateRequest(JsonNode body, ConnectorType type) {
        JsonNode config = body.get("Config");
        return new UpdateConnectorRequest(
                config == null || config.isNull() ? null : ConnectorConfigJson.read(type, config),
                body.has("ColumnFields") ? Json.stringList(body, "ColumnFields") : null,
                body.has("ColumnNameMap") ? Json.stringMap(body, "ColumnNameMap") : null);
    }

    // ---- operational calls ----

    /** Reload all shards (shardId null or empty) or one. */
    public static ObjectNode writeReloadRequest(String shardId) {
        return withShardId(action(ACTION_RELOAD), shardId);
    }

    /** Status of all shards (shardId null or empty) or of one. */
    public static ObjectNode writeStatusRequest(String shardId) {
        return withShardId(action(ACTION_STATUS), shardId);
    }

    /** The {@code ShardId} of a reload or status body; null means all shards. */
    public static String readShardId(JsonNode body) {
        String shardId = Json.text(body, "ShardId");
        return shardId == null || shardId.isEmpty() ? null : shardId;
    }

    public static ObjectNode writeUpdateStateRequest(ConnectorState state) {
        checkSettable(state);
        ObjectNode body = action(ACTION_UPDATE_STATE);
        body.put("State", state.wireValue());
        return body;
    }

    public static ConnectorState readUpdateStateRequest(JsonNode body) {
        ConnectorState state = ConnectorState.fromWireValue(Json.text(body, "State"));
        checkSettable(state);
        return state;
    }

    /** Moves one shard (or, with shardId null or empty, every shard) of a stopped connector. */
    public static ObjectNode writeUpdateOffsetRequest(String shardId, ConnectorOffset offset) {
        Validation.notNull(offset, "connector offset");
        ObjectNode body = withShardId(action(ACTION_UPDATE_SHARD_CONTEXT), shardId);
        // Both always sent, -1 meaning "leave as is", like the Java SDK.
        body.put("CurrentTime", offset.getTimestamp());
        body.put("CurrentSequence", offset.getSequence());
        return body;
    }

    public static UpdateOffsetRequest readUpdateOffsetRequest(JsonNode body) {
        return new UpdateOffsetRequest(
                readShardId(body),
                new ConnectorOffset(
                        Json.longValue(body, "CurrentSequence", -1),
                        Json.longValue(body, "CurrentTime", -1)));
    }

    /** Adds a topic field to the connector; the Java SDK sends the name lower-cased. */
    public static ObjectNode writeAppendFieldRequest(String fieldName) {
        Validation.notEmpty(fieldName, "fieldName");
        ObjectNode body = action(ACTION_APPEND_FIELD);
        body.put("FieldName", fieldName.toLowerCase(Locale.ROOT));
        return body;
    }

    public static String readAppendFieldRequest(JsonNode body) {
        return Validation.notEmpty(
                Json.text(body, "FieldName"), "append field body member \"FieldName\"");
    }

    // ---- shard status ----

    /** The all-shards answer: {@code {"ShardStatusInfos":{shardId: entry}}}. */
    public static ObjectNode writeShardStatusResponse(GetConnectorShardStatusResult result) {
        ObjectNode body = Json.object();
        ObjectNode infos = body.putObject("ShardStatusInfos");
        result.getShardStatusInfos()
                .forEach((id, entry) -> infos.set(id, writeEntry(Json.object(), entry)));
        return body;
    }

    /** The one-shard answer: the entry itself at top level, plus its {@code ShardId}. */
    public static ObjectNode writeShardStatusResponse(String shardId, ShardStatusEntry entry) {
        ObjectNode body = Json.object();
        body.put("ShardId", Validation.notEmpty(shardId, "shardId"));
        return writeEntry(body, entry);
    }

    /**
     * Reads either answer. The one-shard form is keyed by its {@code ShardId}, or by {@code
     * requestedShardId} when the service left it out.
     */
    public static GetConnectorShardStatusResult readShardStatusResponse(
            JsonNode body, String requestedShardId) {
        Map<String, ShardStatusEntry> entries = new LinkedHashMap<>();
        JsonNode infos = body.get("ShardStatusInfos");
        if (infos != null && infos.isObject()) {
            infos.fields().forEachRemaining(e -> entries.put(e.getKey(), readEntry(e.getValue())));
        } else if (body.isObject() && body.size() > 0) {
            String shardId = Json.text(body, "ShardId", requestedShardId);
            if (shardId == null) {
                throw new CorruptedResponseException(
                        "Connector shard status has neither \"ShardStatusInfos\" nor \"ShardId\": "
                                + body);
            }
            entries.put(shardId, readEntry(body));
        }
        return new GetConnectorShardStatusResult(entries);
    }

    // ---- done time ----

    public static ObjectNode writeDoneTimeResponse(GetConnectorDoneTimeResult result) {
        ObjectNode body = Json.object();
        body.put("DoneTime", result.getDoneTime());
        putIfSet(body, "TimeZone", result.getTimeZone());
        body.put("TimeWindow", result.getTimeWindow());
        return body;
    }

    public static GetConnectorDoneTimeResult readDoneTimeResponse(JsonNode body) {
        return new GetConnectorDoneTimeResult(
                Json.longValue(body, "DoneTime", 0),
                Json.text(body, "TimeZone"),
                Json.intValue(body, "TimeWindow", 0));
    }

    // ---- helpers ----

    private static ObjectNode action(String action) {
        ObjectNode body = Json.object();
        body.put("Action", action);
        return body;
    }

    private static ObjectNode withShardId(ObjectNode body, String shardId) {
        if (shardId != null && !shardId.isEmpty()) {
            body.put("ShardId", shardId);
        }
        return body;
    }

    private static void putIfSet(ObjectNode body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    /** Keeps the caller's order so the body is written deterministically. */
    private static Map<String, String> orderedCopy(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static void checkSettable(ConnectorState state) {
        Validation.notNull(state, "connector state");
        Validation.check(
                state != ConnectorState.CONNECTOR_CREATED,
                "Connector state CONNECTOR_CREATED is deprecated and cannot be set; use CONNECTOR_RUNNING or "
                        + "CONNECTOR_STOPPED");
    }

    private static ObjectNode writeEntry(ObjectNode o, ShardStatusEntry e) {
        o.put("StartSequence", e.getStartSequence());
        o.put("EndSequence", e.getEndSequence());
        o.put("CurrentSequence", e.getCurrentSequence());
        o.put("CurrentTimestamp", e.getCurrentTimestamp());
        o.put("UpdateTime", e.getUpdateTime());
        putIfSet(o, "State", e.getState() == null ? null : e.getState().wireValue());
        putIfSet(o, "LastErrorMessage", e.getLastErrorMessage());
        o.put("DiscardCount", e.getDiscardCount());
        o.put("DoneTime", e.getDoneTime());
        putIfSet(o, "WorkerAddress", e.getWorkerAddress());
        return o;
    }

    private static ShardStatusEntry readEntry(JsonNode o) {
        return ShardStatusEntry.builder()
                .startSequence(Json.longValue(o, "StartSequence", -1))
                .endSequence(Json.longValue(o, "EndSequence", -1))
                .currentSequence(Json.longValue(o, "CurrentSequence", -1))
                .currentTimestamp(Json.longValue(o, "CurrentTimestamp", -1))
                .updateTime(Json.longValue(o, "UpdateTime", -1))
                .state(
                        ConnectorConfigJson.lenient(
                                ConnectorShardState::fromWireValue, Json.text(o, "State")))
                .lastErrorMessage(Json.text(o, "LastErrorMessage"))
                .discardCount(Json.longValue(o, "DiscardCount", 0))
                .doneTime(Json.longValue(o, "DoneTime", -1))
                .workerAddress(Json.text(o, "WorkerAddress"))
                .build();
    }

    /** What a create call carries besides project and topic. */
    @Internal
    public static final class CreateConnectorRequest {
        private final ConnectorType type;
        private final long sinkStartTime;
        private final List<String> columnFields;
        private final Map<String, String> columnNameMap;
        private final ConnectorConfig config;
        private final String clusterAddress;

        /**
         * @param sinkStartTime ms; -1 starts from the oldest data
         * @param columnNameMap topic field to target column; null or empty when they are the same
         * @param clusterAddress null unless a specific cluster is wanted
         */
        public CreateConnectorRequest(
                ConnectorType type,
                long sinkStartTime,
                List<String> columnFields,
                Map<String, String> columnNameMap,
                ConnectorConfig config,
                String clusterAddress) {
            this.type = Validation.notNull(type, "connector type");
            this.config = Validation.notNull(config, "connector config");
            Validation.check(
                    config.supports(type),
                    config.getClass().getSimpleName()
                            + " does not fit connector type "
                            + type
                            + "; pass the config class of that type");
            this.sinkStartTime = sinkStartTime;
            this.columnFields = List.copyOf(Validation.notNull(columnFields, "columnFields"));
            this.columnNameMap = columnNameMap == null ? Map.of() : orderedCopy(columnNameMap);
            this.clusterAddress = clusterAddress;
        }

        public ConnectorType getType() {
            return type;
        }

        public long getSinkStartTime() {
            return sinkStartTime;
        }

        public List<String> getColumnFields() {
            return columnFields;
        }

        public Map<String, String> getColumnNameMap() {
            return columnNameMap;
        }

        public ConnectorConfig getConfig() {
            return config;
        }

        public String getClusterAddress() {
            return clusterAddress;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof CreateConnectorRequest)) {
                return false;
            }
            CreateConnectorRequest r = (CreateConnectorRequest) o;
            return type == r.type
                    && sinkStartTime == r.sinkStartTime
                    && columnFields.equals(r.columnFields)
                    && columnNameMap.equals(r.columnNameMap)
                    && config.equals(r.config)
                    && Objects.equals(clusterAddress, r.clusterAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    type, sinkStartTime, columnFields, columnNameMap, config, clusterAddress);
        }

        @Override
        public String toString() {
            return "CreateConnectorRequest{type="
                    + type
                    + ", sinkStartTime="
                    + sinkStartTime
                    + ", columnFields="
                    + columnFields
                    + ", columnNameMap="
                    + columnNameMap
                    + ", config="
                    + config
                    + ", clusterAddress="
                    + clusterAddress
                    + '}';
        }
    }

    /** What an update call changes; null parts stay as they are. */
    @Internal
    public static final class UpdateConnectorRequest {
        private final ConnectorConfig config;
        private final List<String> columnFields;
        private final Map<String, String> columnNameMap;

        public UpdateConnectorRequest(
                ConnectorConfig config,
                List<String> columnFields,
                Map<String, String> columnNameMap) {
            Validation.check(
                    config != null || columnFields != null || columnNameMap != null,
                    "Nothing to update: give a connector config, columnFields or columnNameMap");
            this.config = config;
            this.columnFields = columnFields == null ? null : List.copyOf(columnFields);
            this.columnNameMap = columnNameMap == null ? null : orderedCopy(columnNameMap);
        }

        public ConnectorConfig getConfig() {
            return config;
        }

        public List<String> getColumnFields() {
            return columnFields;
        }

        public Map<String, String> getColumnNameMap() {
            return columnNameMap;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof UpdateConnectorRequest)) {
                return false;
            }
            UpdateConnectorRequest r = (UpdateConnectorRequest) o;
            return Objects.equals(config, r.config)
                    && Objects.equals(columnFields, r.columnFields)
                    && Objects.equals(columnNameMap, r.columnNameMap);
        }

        @Override
        public int hashCode() {
            return Objects.hash(config, columnFields, columnNameMap);
        }

        @Override
        public String toString() {
            return "UpdateConnectorRequest{config="
                    + config
                    + ", columnFields="
                    + columnFields
                    + ", columnNameMap="
                    + columnNameMap
                    + '}';
        }
    }

    /** A parsed {@code updateshardcontext} body: which shard (null = all) and where to. */
    @Internal
    public static final class UpdateOffsetRequest {
        private final String shardId;
        private final ConnectorOffset offset;

        public UpdateOffsetRequest(String shardId, ConnectorOffset offset) {
            this.shardId = shardId;
            this.offset = Validation.notNull(offset, "connector offset");
        }

        public String getShardId() {
            return shardId;
        }

        public ConnectorOffset getOffset() {
            return offset;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof UpdateOffsetRequest)) {
                return false;
            }
            UpdateOffsetRequest r = (UpdateOffsetRequest) o;
            return Objects.equals(shardId, r.shardId) && offset.equals(r.offset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(shardId, offset);
        }

        @Override
        public String toString() {
            return "UpdateOffsetRequest{shardId=" + shardId + ", offset=" + offset + '}';
        }
    }
}
