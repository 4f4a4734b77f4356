package io.github.flinkdatahub.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.OperationDeniedException;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTopicEmulationTest {
    static DataHubEmulator emulator;
    static DataHubClient client;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void projectLifecycle() {
        client.createProject("proj_life", "first");
        assertThat(client.listProject().getProjectNames()).contains("proj_life");
        assertThat(client.getProject("PROJ_LIFE").getComment()).isEqualTo("first");
        client.updateProject("proj_life", "second");
        assertThat(client.getProject("proj_life").getComment()).isEqualTo("second");
        assertThatThrownBy(() -> client.createProject("proj_life", "again"))
                .isInstanceOf(ResourceExistException.class)
                .hasMessageContaining("ProjectAlreadyExist");
        client.deleteProject("proj_life");
        assertThatThrownBy(() -> client.getProject("proj_life"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchProject");
    }

    @Test
    void topicLifecycleAndAppendField() {
        client.createProject("proj_topics", "");
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("id", "name"),
                        List.of(FieldType.BIGINT, FieldType.STRING),
                        List.of(false, true));
        client.createTupleTopic("proj_topics", "tuple_t", 3, 2, schema, "tuple");
        client.createBlobTopic("proj_topics", "blob_t", 1, 1, "blob");
        assertThat(client.listTopic("proj_topics").getTopicNames())
                .containsExactlyInAnyOrder("tuple_t", "blob_t");
        GetTopicResult t = client.getTopic("proj_topics", "tuple_t");
        assertThat(t.getRecordType()).isEqualTo(RecordType.TUPLE);
        assertThat(t.getRecordSchema()).isEqualTo(schema);
        assertThat(t.getShardCount()).isEqualTo(3);
        assertThat(t.getLifeCycle()).isEqualTo(2);
        client.appendField("proj_topics", "tuple_t", "extra", FieldType.DECIMAL);
        assertThat(
                        client.getTopic("proj_topics", "tuple_t")
                                .getRecordSchema()
                                .getField("extra")
                                .getType())
                .isEqualTo(FieldType.DECIMAL);
        client.updateTopic("proj_topics", "tuple_t", 5, "changed");
        assertThat(client.getTopic("proj_topics", "tuple_t").getLifeCycle()).isEqualTo(5);
        assertThatThrownBy(() -> client.updateTopic("proj_topics", "tuple_t", 8, "x"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Lifecycle");
        assertThatThrownBy(() -> client.deleteProject("proj_topics"))
                .isInstanceOf(OperationDeniedException.class);
        client.deleteTopic("proj_topics", "tuple_t");
        client.deleteTopic("proj_topics", "blob_t");
        assertThatThrownBy(() -> client.getTopic("proj_topics", "blob_t"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchTopic");
        client.deleteProject("proj_topics");
    }

    @Test
    void vpcWhitelistUpdateKeepsTheComment() throws Exception {
        client.createProject("proj_vpc", "kept");
        java.net.http.HttpResponse<String> put =
                SignedHttp.send(
                        emulator, "PUT", "/projects/proj_vpc", "{\"VpcIds\":\"vpc-1,vpc-2\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        java.net.http.HttpResponse<String> get =
                SignedHttp.send(emulator, "GET", "/projects/proj_vpc", null);
        assertThat(get.body())
                .contains("\"VpcWhitelist\":[\"vpc-1\",\"vpc-2\"]")
                .contains("\"Comment\":\"kept\"");
        client.deleteProject("proj_vpc");
    }

    @Test
    void wrongCredentialsAreUnauthorized() {
        try (DataHubClient bad =
                        DataHubClient.builder()
                                .endpoint(emulator.endpoint())
                                .credentials("emulator", "wrong")
                                .build();
                DataHubClient unknown =
                        DataHubClient.builder()
                                .endpoint(emulator.endpoint())
                                .credentials("nobody", "x")
                                .build()) {
            assertThatThrownBy(bad::listProject)
                    .isInstanceOf(AuthorizationFailedException.class)
                    .satisfies(
                            e ->
                                    assertThat(((AuthorizationFailedException) e).getHttpStatus())
                                            .isEqualTo(403));
            assertThatThrownBy(unknown::listProject)
                    .isInstanceOf(AuthorizationFailedException.class)
                    .hasMessageContaining("nobody");
        }
    }

    /** A raw signed JSON call; returns the status and, for an error, the service's error code. */
    private static String call(String method, String path, String body) throws Exception {
        HttpResponse<String> r = SignedHttp.send(emulator, method, path, body);
        if (r.statusCode() < 300) {
            return String.valueOf(r.statusCode());
        }
        return r.statusCode()
                + " "
                + Json.text(Json.parse(r.body().getBytes(StandardCharsets.UTF_8)), "ErrorCode");
    }

    private static String createBlobTopicBody(String extra) {
        return "{\"Action\":\"create\",\"ShardCount\":1,\"Lifecycle\":1,\"RecordType\":\"BLOB\""
                + extra
                + "}";
    }

    @Test
    void aJsonBodyWithBytesAfterItsDocumentIsInvalidParameterAndChangesNothing() throws Exception {
        assertThat(call("POST", "/projects/strict_trailing", "{\"Comment\":\"c\"} {}"))
                .isEqualTo("400 InvalidParameter");
        assertThat(call("POST", "/projects/strict_trailing", "{\"Comment\":\"c\"}x"))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.listProject().getProjectNames()).doesNotContain("strict_trailing");
        assertThat(call("POST", "/projects/strict_trailing", "{\"Comment\":\"c\"}  \n"))
                .as("white space is no trailing data")
                .isEqualTo("201");
    }

    @Test
    void aCommentThatIsNotAStringIsInvalidParameterAndChangesNothing() throws Exception {
        assertThat(call("POST", "/projects/strict_comment", "{\"Comment\":{\"x\":1}}"))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.listProject().getProjectNames()).doesNotContain("strict_comment");

        client.createProject("strict_comment", "kept");
        assertThat(call("PUT", "/projects/strict_comment", "{\"Comment\":{\"x\":1}}"))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.getProject("strict_comment").getComment()).isEqualTo("kept");
        assertThat(
                        call(
                                "POST",
                                "/projects/strict_comment/topics/t",
                                createBlobTopicBody(",\"Comment\":{\"x\":1}")))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.listTopic("strict_comment").getTopicNames()).isEmpty();

        client.createBlobTopic("strict_comment", "t", 1, 1, "kept");
        assertThat(
                        call(
                                "PUT",
                                "/projects/strict_comment/topics/t",
                                "{\"Comment\":[\"x\"],\"Lifecycle\":2}"))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.getTopic("strict_comment", "t").getComment()).isEqualTo("kept");
    }

    @Test
    void anExpandModeTheServiceDoesNotKnowIsInvalidParameterAndCreatesNoTopic() throws Exception {
        client.createProject("strict_expand", "");
        assertThat(
                        call(
                                "POST",
                                "/projects/strict_expand/topics/bogus",
                                createBlobTopicBody(",\"ExpandMode\":\"bogus\"")))
                .isEqualTo("400 InvalidParameter");
        assertThat(
                        call(
                                "POST",
                                "/projects/strict_expand/topics/number",
                                createBlobTopicBody(",\"ExpandMode\":1")))
                .isEqualTo("400 InvalidParameter");
        assertThat(client.listTopic("strict_expand").getTopicNames()).isEmpty();
        assertThat(
                        call(
                                "POST",
                                "/projects/strict_expand/topics/split",
                                createBlobTopicBody(",\"ExpandMode\":\"split\"")))
                .isEqualTo("201");
        assertThat(client.getTopic("strict_expand", "split").getExpandMode())
                .isEqualTo(ExpandMode.ONLY_SPLIT);
    }

    @Test
    void aRegisteredSchemaComesBackAsItWasGivenSoItsClientFindsItsOwnVersion() throws Exception {
        client.createProject("schema_as_given", "");
        client.createTupleTopic(
                "schema_as_given",
                "t",
                1,
                1,
                RecordSchema.fromLists(List.of("a"), List.of(FieldType.BIGINT), List.of(true)),
                "");
        String given =
                "{\"fields\":[{\"name\":\"a\",\"type\":\"BIGINT\"},"
                        + "{\"name\":\"b\",\"type\":\"STRING\",\"comment\":{\"lang\":\"en\"}}]}";
        ObjectNode register = Json.object().put("Action", "RegisterSchema");
        register.put("RecordSchema", given);
        HttpResponse<String> registered =
                SignedHttp.send(
                        emulator,
                        "POST",
                        "/projects/schema_as_given/topics/t",
                        register.toString());
        assertThat(registered.statusCode()).isEqualTo(200);
        int version =
                Json.intValue(
                        Json.parse(registered.body().getBytes(StandardCharsets.UTF_8)),
                        "VersionId",
                        -1);

        ObjectNode get = Json.object().put("Action", "GetSchema").put("VersionId", version);
        HttpResponse<String> got =
                SignedHttp.send(
                        emulator, "POST", "/projects/schema_as_given/topics/t", get.toString());
        assertThat(
                        Json.text(
                                Json.parse(got.body().getBytes(StandardCharsets.UTF_8)),
                                "RecordSchema"))
                .isEqualTo(given);

        ObjectNode list = Json.object().put("Action", "ListSchema");
        HttpResponse<String> listed =
                SignedHttp.send(
                        emulator, "POST", "/projects/schema_as_given/topics/t", list.toString());
        assertThat(
                        Json.parse(listed.body().getBytes(StandardCharsets.UTF_8))
                                .get("RecordSchemaList"))
                .extracting(v -> v.get("RecordSchema").textValue())
                .contains(given);
    }
}
