package io.github.flinkdatahub.emulator;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.OperationDeniedException;
import io.github.flinkdatahub.client.exception.ResourceExistException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.result.GetTopicResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
