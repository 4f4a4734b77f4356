package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.ListTopicResult;
import io.github.flinkdatahub.client.model.result.ListTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.RegisterTopicSchemaResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Bodies of the topic and topic-schema operations, both directions. */
@Internal
public final class TopicJson {
    private TopicJson() {}

    public static ObjectNode writeCreate(
            int shardCount,
            int lifeCycle,
            RecordType type,
            RecordSchema schema,
            String comment,
            ExpandMode expandMode) {
        ObjectNode o = Json.object();
        o.put("Action", "create");
        o.put("ShardCount", shardCount);
        o.put("Lifecycle", lifeCycle);
        o.put("RecordType", type.name());
        if (type == RecordType.TUPLE) {
            o.put("RecordSchema", schema.toJsonString());
        }
        o.put("Comment", comment);
        o.put("ExpandMode", expandMode.wireValue());
        return o;
    }

    /** Update sends the comment, and the lifecycle only when it is positive (as the Java SDK). */
    public static ObjectNode writeUpdate(int lifeCycle, String comment) {
        ObjectNode o = Json.object();
        if (comment != null) {
            o.put("Comment", comment);
        }
        if (lifeCycle > 0) {
            o.put("Lifecycle", lifeCycle);
        }
        return o;
    }

    /** Java SDK form: upper-case type; the service matches the action ignoring case. */
    public static ObjectNode writeAppendField(Field field) {
        ObjectNode o = Json.object();
        o.put("Action", "AppendField");
        o.put("FieldName", field.getName());
        o.put("FieldType", field.getType().name());
        if (!field.getComment().isEmpty()) {
            o.put("Comment", field.getComment());
        }
        return o;
    }

    public static ObjectNode writeList(List<String> topicNames) {
        ObjectNode o = Json.object();
        o.set("TopicNames", Json.stringArray(topicNames));
        return o;
    }

    public static ListTopicResult readList(JsonNode body) {
        return new ListTopicResult(Json.stringList(body, "TopicNames"));
    }

    public static ObjectNode writeGet(GetTopicResult t) {
        ObjectNode o = Json.object();
        o.put("ShardCount", t.getShardCount());
        o.put("Lifecycle", t.getLifeCycle());
        o.put("RecordType", t.getRecordType().name());
        if (t.getRecordSchema() != null) {
            o.put("RecordSchema", t.getRecordSchema().toJsonString());
        }
        o.put("Comment", t.getComment());
        o.put("CreateTime", t.getCreateTime());
        o.put("LastModifyTime", t.getLastModifyTime());
        o.put("Creator", t.getCreator() == null ? "" : t.getCreator());
        o.put("ExpandMode", t.getExpandMode() == null ? "" : t.getExpandMode().wireValue());
        o.put("Status", "ON");
        return o;
    }

    public static GetTopicResult readGet(String project, String topic, JsonNode body) {
        RecordType type = RecordType.fromWireValue(Json.text(body, "RecordType", "BLOB"));
        String schemaText = Json.text(body, "RecordSchema");
        RecordSchema schema =
                type == RecordType.TUPLE && schemaText != null && !schemaText.isEmpty()
                        ? RecordSchema.fromJsonString(schemaText)
                        : null;
        return new GetTopicResult(
                project.toLowerCase(Locale.ROOT),
                topic.toLowerCase(Locale.ROOT),
                Json.intValue(body, "ShardCount", 0),
                Json.intValue(body, "Lifecycle", 0),
                type,
                schema,
                Json.text(body, "Comment", ""),
                Json.longValue(body, "CreateTime", 0),
                Json.longValue(body, "LastModifyTime", 0),
                ExpandMode.fromWireValue(Json.text(body, "ExpandMode")),
                Json.text(body, "Creator", ""));
    }

    // ---- schema registry ----

    public static ObjectNode writeListSchema(int pageNumber, int pageSize) {
        ObjectNode o = Json.object();
        o.put("Action", "ListSchema");
        o.put("PageNumber", pageNumber);
        o.put("PageSize", pageSize);
        return o;
    }

    public static ObjectNode writeGetSchema(int versionId, RecordSchema schemaOrNull) {
        ObjectNode o = Json.object();
        o.put("Action", "GetSchema");
        o.put("VersionId", versionId);
        if (schemaOrNull != null) {
            o.put("RecordSchema", schemaOrNull.toJsonString());
        }
        return o;
    }

    public static ObjectNode writeRegisterSchema(RecordSchema schema) {
        ObjectNode o = Json.object();
        o.put("Action", "RegisterSchema");
        o.put("RecordSchema", schema.toJsonString());
        return o;
    }

    public static ObjectNode writeDeleteSchema(int versionId) {
        ObjectNode o = Json.object();
        o.put("Action", "DeleteSchema");
        o.put("VersionId", versionId);
        return o;
    }

    public static ObjectNode writeSchemaInfo(GetTopicSchemaResult s) {
        ObjectNode o = Json.object();
        o.put("VersionId", s.getVersionId());
        o.put("CreateTime", s.getCreateTime());
        o.put("Creator", s.getCreator());
        o.put("RecordSchema", s.getRecordSchema().toJsonString());
        return o;
    }

    public static GetTopicSchemaResult readSchemaInfo(JsonNode body) {
        return new GetTopicSchemaResult(
                Json.intValue(body, "VersionId", 0),
                Json.longValue(body, "CreateTime", 0),
                Json.text(body, "Creator", ""),
                RecordSchema.fromJsonString(Json.text(body, "RecordSchema")));
    }

    public static ObjectNode writeSchemaList(ListTopicSchemaResult page) {
        ObjectNode o = Json.object();
        o.put("PageNumber", page.getPageNumber());
        o.put("PageSize", page.getPageSize());
        o.put("PageCount", page.getPageCount());
        o.put("TotalCount", page.getTotalCount());
        ArrayNode arr = o.putArray("RecordSchemaList");
        page.getRecordSchemaList().forEach(s -> arr.add(writeSchemaInfo(s)));
        return o;
    }

    public static ListTopicSchemaResult readSchemaList(JsonNode body) {
        List<GetTopicSchemaResult> list = new ArrayList<>();
        JsonNode arr = body.get("RecordSchemaList");
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> list.add(readSchemaInfo(n)));
        }
        return new ListTopicSchemaResult(
                Json.intValue(body, "PageNumber", 0),
                Json.intValue(body, "PageSize", 0),
                Json.intValue(body, "PageCount", 0),
                Json.longValue(body, "TotalCount", list.size()),
                list);
    }

    public static RegisterTopicSchemaResult readRegisterSchema(JsonNode body) {
        return new RegisterTopicSchemaResult(Json.intValue(body, "VersionId", 0));
    }
}
