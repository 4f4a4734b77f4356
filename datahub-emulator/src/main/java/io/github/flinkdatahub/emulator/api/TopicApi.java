package io.github.flinkdatahub.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.NameRules;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.ListTopicSchemaResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.TopicJson;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.records.TopicFormat;
import io.github.flinkdatahub.emulator.store.EmulatorStore;
import io.github.flinkdatahub.emulator.store.HashRanges;
import io.github.flinkdatahub.emulator.store.ShardDoc;
import io.github.flinkdatahub.emulator.store.TopicDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Topics and their schemas: create, get, list, update, delete, append field, schema registry. */
public final class TopicApi {
    static final int MAX_TOPICS_PER_PROJECT = 500;
    static final int MAX_ACTIVE_SHARDS = 256;
    static final int MIN_LIFECYCLE = 1;
    static final int MAX_LIFECYCLE = 7;

    private final EmulatorContext ctx;

    public TopicApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse list(String project, ApiRequest request) {
        ctx.project(project);
        String filter = Params.query(request, "filter");
        List<String> names = new ArrayList<>();
        for (TopicDoc t : ctx.store().topics().under(EmulatorStore.key(project))) {
            if (filter == null
                    || t.name.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                names.add(t.name);
            }
        }
        return ApiResponse.json(TopicJson.writeList(names));
    }

    /** POST on a topic: create, append field or a schema-registry action. */
    public ApiResponse post(String project, String topic, ApiRequest request) {
        String action = request.action();
        switch (action) {
            case "":
            case "create":
                return create(project, topic, request.json());
            case "appendfield":
                return appendField(project, topic, request.json());
            case "listschema":
                return listSchema(project, topic, request.json());
            case "getschema":
                return getSchema(project, topic, request.json());
            case "registerschema":
                return registerSchema(project, topic, request.json());
            case "deleteschema":
                return deleteSchema(project, topic, request.json());
            default:
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Unsupported action '" + action + "' on a topic.");
        }
    }

    private ApiResponse create(String project, String topic, JsonNode body) {
        try {
            NameRules.topic(topic);
        } catch (InvalidParameterException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(e.getErrorMessage());
        }
        int shardCount = (int) Params.requiredLong(body, "ShardCount");
        int lifecycle = (int) Params.requiredLong(body, "Lifecycle");
        if (shardCount < 1 || shardCount > MAX_ACTIVE_SHARDS) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "ShardCount must be between 1 and " + MAX_ACTIVE_SHARDS + ".");
        }
        checkLifecycle(lifecycle);
        RecordType type = TopicFormat.recordType(Params.requiredText(body, "RecordType"));
        RecordSchema schema = null;
        if (type == RecordType.TUPLE) {
            schema = parseSchema(Params.requiredText(body, "RecordSchema"));
        }
        String comment = Params.text(body, "Comment", "");
        checkComment(comment);
        ExpandMode expandMode = ExpandMode.fromWireValue(Params.text(body, "ExpandMode", ""));
        if (expandMode == ExpandMode.UNKNOWN) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "ExpandMode must be \"\", \"split\" or \"extend\".");
        }
        synchronized (ctx.lock()) {
            ctx.project(project);
            String key = EmulatorStore.key(project, topic);
            if (ctx.store().topics().contains(key)) {
                throw ErrorCode.TOPIC_ALREADY_EXIST.exception(
                        "The specified topic already exists.");
            }
            if (ctx.store().topics().keysUnder(EmulatorStore.key(project)).size()
                    >= MAX_TOPICS_PER_PROJECT) {
                throw ErrorCode.RESOURCE_LIMIT.exception(
                        "The project already has " + MAX_TOPICS_PER_PROJECT + " topics.");
            }
            TopicDoc t = new TopicDoc();
            t.project = ctx.project(project).name;
            t.name = topic;
            t.recordType = type.name();
            t.recordSchema = schema == null ? null : schema.toJsonString();
            t.lifecycle = lifecycle;
            t.comment = comment;
            t.creator = "emulator";
            t.expandMode = expandMode.wireValue();
            t.createTime = ctx.nowSeconds();
            t.lastModifyTime = t.createTime;
            long now = ctx.nowMillis();
            for (int i = 0; i < shardCount; i++) {
                ShardDoc s = new ShardDoc();
                s.shardId = Integer.toString(i);
                s.beginHashKey = HashRanges.boundary(i, shardCount);
                s.endHashKey = HashRanges.end(i, shardCount);
                s.state = "ACTIVE";
                s.createTimeMillis = now;
                s.activeAtMillis = now + ctx.shardOpeningDelay().toMillis();
                t.shards.add(s);
            }
            t.nextShardId = shardCount;
            if (schema != null) {
                TopicDoc.SchemaVersionDoc v = new TopicDoc.SchemaVersionDoc();
                v.versionId = 0;
                v.recordSchema = t.recordSchema;
                v.createTime = t.createTime;
                v.creator = t.creator;
                t.schemaVersions.add(v);
            }
            ctx.saveTopic(t);
        }
        return ApiResponse.created(Json.object());
    }

    public ApiResponse get(String project, String topic) {
        TopicDoc t = ctx.topic(project, topic);
        return ApiResponse.json(TopicJson.writeGet(toResult(t)));
    }

    static GetTopicResult toResult(TopicDoc t) {
        return new GetTopicResult(
                t.project,
                t.name,
                (int) t.shards.stream().filter(s -> s.state.equals("ACTIVE")).count(),
                t.lifecycle,
                TopicFormat.recordType(t.recordType),
                t.recordSchema == null ? null : RecordSchema.fromJsonString(t.recordSchema),
                t.comment,
                t.createTime,
                t.lastModifyTime,
                ExpandMode.fromWireValue(t.expandMode),
                t.creator);
    }

    public ApiResponse update(String project, String topic, ApiRequest request) {
        JsonNode body = request.json();
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            String comment = Params.text(body, "Comment");
            if (comment != null) {
                checkComment(comment);
                t.comment = comment;
            }
            if (body.has("Lifecycle")) {
                int lifecycle = (int) Params.requiredLong(body, "Lifecycle");
                checkLifecycle(lifecycle);
                t.lifecycle = lifecycle;
            }
            t.lastModifyTime = ctx.nowSeconds();
            ctx.saveTopic(t);
        }
        return ApiResponse.ok();
    }

    /** Deletes the topic with its records, subscriptions, offsets and connectors. */
    public ApiResponse delete(String project, String topic) {
        synchronized (ctx.lock()) {
            ctx.topic(project, topic);
            String key = EmulatorStore.key(project, topic);
            ctx.store().topics().remove(key);
            ctx.store().dropRecords(key);
            EmulatorStore.Docs<Object> subs = ctx.store().subscriptions(Object.class);
            subs.keysUnder(key).forEach(subs::remove);
            EmulatorStore.Docs<Object> offsets = ctx.store().offsets(Object.class);
            offsets.keysUnder(key).forEach(offsets::remove);
            EmulatorStore.Docs<Object> connectors = ctx.store().connectors(Object.class);
            connectors.keysUnder(key).forEach(connectors::remove);
        }
        return ApiResponse.ok();
    }

    private ApiResponse appendField(String project, String topic, JsonNode body) {
        List<Field> added = new ArrayList<>();
        JsonNode fields = body.get("Fields");
        if (fields != null && fields.isArray()) {
            for (JsonNode f : fields) {
                added.add(
                        field(
                                Params.requiredText(f, "Name"),
                                Params.requiredText(f, "Type"),
                                Params.text(f, "Comment", "")));
            }
        } else {
            added.add(
                    field(
                            Params.requiredText(body, "FieldName"),
                            Params.requiredText(body, "FieldType"),
                            Params.text(body, "Comment", "")));
        }
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            if (!"TUPLE".equals(t.recordType)) {
                throw ErrorCode.INVALID_OPERATION.exception(
                        "Fields can only be appended to TUPLE topics.");
            }
            RecordSchema schema = RecordSchema.fromJsonString(t.recordSchema);
            for (Field f : added) {
                if (schema.containsField(f.getName())) {
                    throw ErrorCode.INVALID_PARAMETER.exception(
                            "The field " + f.getName() + " already exists.");
                }
                schema = schema.withField(f);
            }
            t.recordSchema = schema.toJsonString();
            t.lastModifyTime = ctx.nowSeconds();
            registerVersion(t, schema, schema.toJsonString());
            ctx.saveTopic(t);
        }
        return ApiResponse.ok();
    }

    private static Field field(String name, String type, String comment) {
        try {
            NameRules.field(name);
            return new Field(name, FieldType.fromName(type), true, comment);
        } catch (InvalidParameterException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(e.getErrorMessage());
        }
    }

    // ---- schema registry ----

    private ApiResponse listSchema(String project, String topic, JsonNode body) {
        TopicDoc t = ctx.topic(project, topic);
        int pageNumber = Json.intValue(body, "PageNumber", -1);
        int pageSize = Json.intValue(body, "PageSize", -1);
        List<TopicDoc.SchemaVersionDoc> all = t.schemaVersions;
        List<TopicDoc.SchemaVersionDoc> page = all;
        int pageCount = 1;
        if (pageNumber > 0 && pageSize > 0) {
            int from = Math.min(all.size(), (pageNumber - 1) * pageSize);
            page = all.subList(from, Math.min(all.size(), from + pageSize));
            pageCount = Math.max(1, (all.size() + pageSize - 1) / pageSize);
        } else {
            pageNumber = 1;
            pageSize = all.size();
        }
        List<GetTopicSchemaResult> results = new ArrayList<>();
        page.forEach(v -> results.add(schemaResult(v)));
        ObjectNode list =
                TopicJson.writeSchemaList(
                        new ListTopicSchemaResult(
                                pageNumber, pageSize, pageCount, all.size(), results));
        for (int i = 0; i < page.size(); i++) {
            ((ObjectNode) list.get("RecordSchemaList").get(i))
                    .put("RecordSchema", page.get(i).recordSchema);
        }
        return ApiResponse.json(list);
    }

    private ApiResponse getSchema(String project, String topic, JsonNode body) {
        TopicDoc t = ctx.topic(project, topic);
        int versionId = Json.intValue(body, "VersionId", -1);
        String schemaText = Json.text(body, "RecordSchema");
        RecordSchema wanted = versionId < 0 && schemaText != null ? parseSchema(schemaText) : null;
        for (TopicDoc.SchemaVersionDoc v : t.schemaVersions) {
            if (versionId >= 0
                    ? v.versionId == versionId
                    : wanted != null
                            && RecordSchema.fromJsonString(v.recordSchema).equals(wanted)) {
                return ApiResponse.json(schemaInfo(v));
            }
        }
        throw ErrorCode.RESOURCE_NOT_FOUND.exception("The schema version does not exist.");
    }

    private ApiResponse registerSchema(String project, String topic, JsonNode body) {
        String schemaText = Params.requiredText(body, "RecordSchema");
        RecordSchema schema = parseSchema(schemaText);
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            if (!"TUPLE".equals(t.recordType)) {
                throw ErrorCode.INVALID_OPERATION.exception(
                        "Schemas can only be registered on TUPLE topics.");
            }
            // Kept as given, so a client comparing schema texts finds its own version.
            int version = registerVersion(t, schema, schemaText);
            ctx.saveTopic(t);
            return registered(version);
        }
    }

    /**
     * The version id of {@code schema} in the topic's registry, registering it when new. An
     * appended field makes a new version too: schema-registry writers name the version of the
     * schema they write with, and readers decode each record by the version it names.
     */
    private int registerVersion(TopicDoc t, RecordSchema schema, String schemaText) {
        for (TopicDoc.SchemaVersionDoc v : t.schemaVersions) {
            if (RecordSchema.fromJsonString(v.recordSchema).equals(schema)) {
                return v.versionId;
            }
        }
        TopicDoc.SchemaVersionDoc v = new TopicDoc.SchemaVersionDoc();
        v.versionId = t.schemaVersions.stream().mapToInt(s -> s.versionId).max().orElse(-1) + 1;
        v.recordSchema = schemaText;
        v.createTime = ctx.nowSeconds();
        v.creator = "emulator";
        t.schemaVersions.add(v);
        return v.versionId;
    }

    private static ApiResponse registered(int versionId) {
        ObjectNode o = Json.object();
        o.put("VersionId", versionId);
        return ApiResponse.json(o);
    }

    private ApiResponse deleteSchema(String project, String topic, JsonNode body) {
        int versionId = (int) Params.requiredLong(body, "VersionId");
        synchronized (ctx.lock()) {
            TopicDoc t = ctx.topic(project, topic);
            if (!t.schemaVersions.removeIf(v -> v.versionId == versionId)) {
                throw ErrorCode.RESOURCE_NOT_FOUND.exception(
                        "The schema version " + versionId + " does not exist.");
            }
            ctx.saveTopic(t);
        }
        return ApiResponse.ok();
    }

    /** A version's answer with its schema text as it was registered. */
    private static ObjectNode schemaInfo(TopicDoc.SchemaVersionDoc v) {
        return TopicJson.writeSchemaInfo(schemaResult(v)).put("RecordSchema", v.recordSchema);
    }

    private static GetTopicSchemaResult schemaResult(TopicDoc.SchemaVersionDoc v) {
        return new GetTopicSchemaResult(
                v.versionId, v.createTime, v.creator, RecordSchema.fromJsonString(v.recordSchema));
    }

    private static RecordSchema parseSchema(String text) {
        RecordSchema schema = Params.read(() -> RecordSchema.fromJsonString(text));
        for (Field f : schema.getFields()) {
            Params.read(() -> NameRules.field(f.getName()));
        }
        return schema;
    }

    private static void checkLifecycle(int lifecycle) {
        if (lifecycle < MIN_LIFECYCLE || lifecycle > MAX_LIFECYCLE) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Lifecycle must be between "
                            + MIN_LIFECYCLE
                            + " and "
                            + MAX_LIFECYCLE
                            + " days.");
        }
    }

    private static void checkComment(String comment) {
        if (comment.length() > NameRules.MAX_COMMENT_LENGTH) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The Comment is longer than " + NameRules.MAX_COMMENT_LENGTH + " characters.");
        }
    }
}
