package io.github.flinkdatahub.client.operations;

import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetProjectResult;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import io.github.flinkdatahub.client.model.result.GetTopicSchemaResult;
import io.github.flinkdatahub.client.model.result.ListTopicSchemaResult;
import io.github.flinkdatahub.client.testutil.RecordingServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTopicOperationsTest extends OperationTestBase {

    @Test
    void createProjectPostsTheComment() {
        server.respond(201, null, null);
        client.createProject("proj_a", "comment a");
        RecordingServer.Recorded r = assertRequest("POST", "/projects/proj_a");
        assertThat(json(r)).isEqualTo(json("{\"Comment\":\"comment a\"}"));
    }

    @Test
    void createExistingProjectRaisesResourceExist() {
        server.respondFixture(409, "projects.existed.json");
        assertThatThrownBy(() -> client.createProject("existed", "c"))
                .isInstanceOf(ResourceExistException.class)
                .hasMessageContaining("ProjectAlreadyExist")
                .satisfies(
                        e ->
                                assertThat(((ResourceExistException) e).getRequestId())
                                        .isEqualTo("req-1"));
    }

    @Test
    void listProjectReadsNames() {
        server.respondFixture(200, "projects.json");
        assertThat(client.listProject().getProjectNames())
                .containsExactly("project_name_1", "project_name_2", "project_name_3");
        RecordingServer.Recorded r = assertRequest("GET", "/projects");
        assertThat(r.header("Content-Type")).isNull();
        assertThat(r.body).isEmpty();
    }

    @Test
    void getProjectReadsCommentAndTimes() {
        server.respondFixture(200, "projects.success.json");
        GetProjectResult p = client.getProject("Success");
        assertRequest("GET", "/projects/Success");
        assertThat(p.getProjectName()).isEqualTo("success");
        assertThat(p.getComment()).isEqualTo("get project");
        assertThat(p.getCreateTime()).isEqualTo(1525312757L);
        assertThat(p.getLastModifyTime()).isEqualTo(1525312757L);
    }

    @Test
    void getMissingProjectRaisesResourceNotFound() {
        server.respondFixture(404, "projects.unexisted.json");
        assertThatThrownBy(() -> client.getProject("unexisted"))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(
                        e -> {
                            ResourceNotFoundException x = (ResourceNotFoundException) e;
                            assertThat(x.getErrorCode()).isEqualTo("NoSuchProject");
                            assertThat(x.getHttpStatus()).isEqualTo(404);
                            assertThat(x.getErrorMessage())
                                    .isEqualTo("The specified project name does not exist.");
                        });
    }

    @Test
    void updateAndDeleteProject() {
        client.updateProject("proj_a", "new");
        assertThat(json(assertRequest("PUT", "/projects/proj_a")))
                .isEqualTo(json("{\"Comment\":\"new\"}"));
        client.deleteProject("proj_a");
        assertRequest("DELETE", "/projects/proj_a");
    }

    @Test
    void createTupleTopicSendsSchemaAsAString() {
        RecordSchema schema =
                RecordSchema.fromLists(
                        List.of("id", "name"),
                        List.of(FieldType.BIGINT, FieldType.STRING),
                        List.of(false, true));
        client.createTupleTopic("p1", "t1", 3, 7, schema, "tuple");
        assertThat(json(assertRequest("POST", "/projects/p1/topics/t1")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"create\","
                                        + "\"ShardCount\":3,\"Lifecycle\":7,\"RecordType\":\"TUPLE\",\"RecordSchema\":"
                                        + "\"{\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"BIGINT\\\",\\\"notnull\\\":true},"
                                        + "{\\\"name\\\":\\\"name\\\",\\\"type\\\":\\\"STRING\\\"}]}\",\"Comment\":\"tuple\",\"ExpandMode\":\"\"}"));
    }

    @Test
    void createBlobTopicWithExtendMode() {
        client.createBlobTopic("p1", "b1", 1, 3, "blob", ExpandMode.ONLY_EXTEND);
        assertThat(json(assertRequest("POST", "/projects/p1/topics/b1")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"create\","
                                        + "\"ShardCount\":1,\"Lifecycle\":3,\"RecordType\":\"BLOB\",\"Comment\":\"blob\",\"ExpandMode\":\"extend\"}"));
    }

    @Test
    void createExistingTopicRaisesResourceExist() {
        server.respondFixture(409, "projects.existed.topics.existed.json");
        assertThatThrownBy(() -> client.createBlobTopic("existed", "existed", 1, 1, ""))
                .isInstanceOf(ResourceExistException.class)
                .hasMessageContaining("TopicAlreadyExist");
    }

    @Test
    void listTopicReadsNames() {
        server.respondFixture(200, "projects.success.topics.json");
        assertThat(client.listTopic("success").getTopicNames())
                .containsExactly("topic_name_1", "topic_name_2", "topic_name_3");
        assertRequest("GET", "/projects/success/topics");
    }

    @Test
    void listTopicOfMissingProjectRaisesNotFound() {
        server.respondFixture(404, "projects.unexisted.topics.json");
        assertThatThrownBy(() -> client.listTopic("unexisted"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void getTupleTopicParsesTheSchema() {
        server.respondFixture(200, "projects.success.topics.tuple.json");
        GetTopicResult t = client.getTopic("success", "tuple");
        assertRequest("GET", "/projects/success/topics/tuple");
        assertThat(t.getRecordType()).isEqualTo(RecordType.TUPLE);
        assertThat(t.getShardCount()).isEqualTo(3);
        assertThat(t.getLifeCycle()).isEqualTo(7);
        assertThat(t.getComment()).isEqualTo("tuple");
        assertThat(t.getCreateTime()).isEqualTo(1525312823L);
        assertThat(t.getLastModifyTime()).isEqualTo(1525312823L);
        assertThat(t.getRecordSchema())
                .isEqualTo(
                        RecordSchema.fromLists(
                                List.of(
                                        "bigint_field",
                                        "string_field",
                                        "double_field",
                                        "bool_field",
                                        "event_time1"),
                                List.of(
                                        FieldType.BIGINT,
                                        FieldType.STRING,
                                        FieldType.DOUBLE,
                                        FieldType.BOOLEAN,
                                        FieldType.TIMESTAMP)));
    }

    @Test
    void getBlobTopicHasNoSchema() {
        server.respondFixture(200, "projects.success.topics.blob.json");
        GetTopicResult t = client.getTopic("success", "blob");
        assertThat(t.getRecordType()).isEqualTo(RecordType.BLOB);
        assertThat(t.getRecordSchema()).isNull();
        assertThat(t.getShardCount()).isEqualTo(3);
        assertThat(t.getLifeCycle()).isEqualTo(7);
        assertThat(t.getComment()).isEqualTo("blob");
        assertThat(t.getCreateTime()).isEqualTo(1525344044L);
    }

    @Test
    void getTopicOfARecordTypeNewerThanTheClientFailsTypedAndNamesTheType() {
        server.respondJson(200, "{\"ShardCount\":1,\"Lifecycle\":1,\"RecordType\":\"AVRO\"}");
        assertThatThrownBy(() -> client.getTopic("p", "t"))
                .isInstanceOf(DataHubClientException.class)
                .hasMessageContaining("Unknown record type 'AVRO'")
                .satisfies(e -> assertThat(((DataHubException) e).isRetryable()).isFalse());
    }

    @Test
    void getTopicOfAnExpandModeNewerThanTheClientReadsItAsUnknownAndSuchAModeCannotCreate() {
        server.respondJson(
                200,
                "{\"ShardCount\":1,\"Lifecycle\":1,\"RecordType\":\"BLOB\",\"ExpandMode\":\"auto\"}");
        assertThat(client.getTopic("p", "t").getExpandMode()).isEqualTo(ExpandMode.UNKNOWN);

        server.clear();
        assertThatThrownBy(() -> client.createBlobTopic("p", "t", 1, 1, "", ExpandMode.UNKNOWN))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("expandMode must be SPLIT_EXTEND, ONLY_SPLIT or ONLY_EXTEND");
        assertThat(server.requests()).as("nothing sent").isEmpty();
    }

    @Test
    void getTopicErrorsMapToNotFound() {
        server.respondFixture(404, "projects.valid.topics.unexisted.json");
        assertThatThrownBy(() -> client.getTopic("valid", "unexisted"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchTopic");
        server.respondFixture(404, "projects.unexisted.topics.valid.json");
        assertThatThrownBy(() -> client.getTopic("unexisted", "valid"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchProject");
    }

    @Test
    void updateTopicSendsLifecycleAndComment() {
        client.updateTopic("p1", "t1", 5, "cc");
        assertThat(json(assertRequest("PUT", "/projects/p1/topics/t1")))
                .isEqualTo(json("{\"Comment\":\"cc\",\"Lifecycle\":5}"));
        client.updateTopic("p1", "t1", 0, "only comment");
        assertThat(json(server.lastRequest())).isEqualTo(json("{\"Comment\":\"only comment\"}"));
    }

    @Test
    void deleteTopic() {
        client.deleteTopic("p1", "t1");
        assertRequest("DELETE", "/projects/p1/topics/t1");
    }

    @Test
    void appendFieldSendsUpperCaseType() {
        client.appendField("p1", "t1", "new_field", FieldType.DECIMAL);
        assertThat(json(assertRequest("POST", "/projects/p1/topics/t1")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"AppendField\",\"FieldName\":\"new_field\",\"FieldType\":\"DECIMAL\"}"));
    }

    @Test
    void appendingANotNullFieldIsRejectedBeforeSending() {
        assertThatThrownBy(
                        () ->
                                client.appendField(
                                        "p1", "t1", new Field("f", FieldType.STRING, false)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must allow null");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void schemaRegistryOperations() {
        server.respondFixture(200, "projects.schema.topics.list.json");
        ListTopicSchemaResult list = client.listTopicSchema("schema", "list");
        assertThat(json(assertRequest("POST", "/projects/schema/topics/list")))
                .isEqualTo(json("{\"Action\":\"ListSchema\",\"PageNumber\":-1,\"PageSize\":-1}"));
        assertThat(list.getPageCount()).isEqualTo(1);
        assertThat(list.getPageNumber()).isEqualTo(1);
        assertThat(list.getPageSize()).isEqualTo(1);
        assertThat(list.getTotalCount()).isEqualTo(1);
        assertThat(list.getRecordSchemaList()).hasSize(1);
        GetTopicSchemaResult item = list.getRecordSchemaList().get(0);
        assertThat(item.getVersionId()).isEqualTo(1);
        assertThat(item.getCreateTime()).isEqualTo(1658132195L);
        assertThat(item.getRecordSchema().getField("time_field").getType())
                .isEqualTo(FieldType.TIMESTAMP);
        assertThat(item.getRecordSchema().size()).isEqualTo(5);

        server.respondFixture(200, "projects.schema.topics.get.json");
        GetTopicSchemaResult got = client.getTopicSchema("schema", "get", 1);
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"GetSchema\",\"VersionId\":1}"));
        assertThat(got.getVersionId()).isEqualTo(1);
        assertThat(got.getCreateTime()).isEqualTo(160212718L);
        assertThat(got.getCreator()).isEmpty();
        assertThat(got.getRecordSchema().getField(0).getName()).isEqualTo("bigint_field");
        assertThat(got.getRecordSchema().getField(0).getType()).isEqualTo(FieldType.BIGINT);

        server.respondFixture(200, "projects.schema.topics.register.json");
        RecordSchema schema = item.getRecordSchema();
        assertThat(client.registerTopicSchema("schema", "register", schema).getVersionId())
                .isZero();
        assertThat(json(server.lastRequest()).get("Action").asText()).isEqualTo("RegisterSchema");
        assertThat(
                        RecordSchema.fromJsonString(
                                json(server.lastRequest()).get("RecordSchema").asText()))
                .isEqualTo(schema);

        server.respondFixture(200, "projects.schema.topics.delete.json");
        client.deleteTopicSchema("schema", "delete", 1);
        assertThat(json(assertRequest("POST", "/projects/schema/topics/delete")))
                .isEqualTo(json("{\"Action\":\"DeleteSchema\",\"VersionId\":1}"));
    }

    @Test
    void invalidNamesAreRejectedBeforeSending() {
        assertThatThrownBy(() -> client.createProject("1abc", "c"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("project name '1abc'");
        assertThatThrownBy(() -> client.createProject("ab", "c")).hasMessageContaining("3-32");
        assertThatThrownBy(() -> client.getProject("a/../b"))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.createBlobTopic("p1", "_t", 1, 1, "c"))
                .hasMessageContaining("topic name '_t'");
        assertThatThrownBy(() -> client.createBlobTopic("p1", "t", 0, 1, "c"))
                .hasMessageContaining("shardCount");
        assertThatThrownBy(() -> client.createBlobTopic("p1", "t", 1, 0, "c"))
                .hasMessageContaining("lifeCycle");
        assertThatThrownBy(() -> client.createProject("abc", "x".repeat(1025)))
                .hasMessageContaining("1024");
        assertThat(server.requests()).isEmpty();
    }
}
