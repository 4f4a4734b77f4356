package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.model.result.GetProjectResult;
import io.github.flinkdatahub.client.model.result.ListProjectResult;

import java.util.List;
import java.util.Locale;

/** Bodies of the project operations, both directions. */
@Internal
public final class ProjectJson {
    private ProjectJson() {}

    /** Create and update both send {@code {"Comment":...}}. */
    public static ObjectNode writeComment(String comment) {
        ObjectNode o = Json.object();
        o.put("Comment", comment);
        return o;
    }

    public static ObjectNode writeList(List<String> projectNames) {
        ObjectNode o = Json.object();
        o.set("ProjectNames", Json.stringArray(projectNames));
        return o;
    }

    public static ListProjectResult readList(JsonNode body) {
        return new ListProjectResult(Json.stringList(body, "ProjectNames"));
    }

    public static ObjectNode writeGet(GetProjectResult p) {
        ObjectNode o = Json.object();
        o.put("Comment", p.getComment());
        o.put("CreateTime", p.getCreateTime());
        o.put("LastModifyTime", p.getLastModifyTime());
        o.put("Creator", p.getCreator() == null ? "" : p.getCreator());
        return o;
    }

    /** The service does not echo the name; like the Java SDK we fill it in, lower-cased. */
    public static GetProjectResult readGet(String projectName, JsonNode body) {
        return new GetProjectResult(
                projectName.toLowerCase(Locale.ROOT),
                Json.text(body, "Comment", ""),
                Json.longValue(body, "CreateTime", 0),
                Json.longValue(body, "LastModifyTime", 0),
                Json.text(body, "Creator", ""));
    }
}
