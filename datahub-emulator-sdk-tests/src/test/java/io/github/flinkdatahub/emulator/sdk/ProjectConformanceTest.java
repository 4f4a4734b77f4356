package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.DatahubClientException;
import com.aliyun.datahub.client.exception.OperationDeniedException;
import com.aliyun.datahub.client.exception.ResourceAlreadyExistException;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.model.CreateProjectResult;
import com.aliyun.datahub.client.model.GetProjectResult;
import com.aliyun.datahub.client.model.RecordType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Projects through the official SDK: create, get, list (with filter), update, VPC whitelist,
 * delete, and their errors.
 */
@ExtendWith(SharedEmulatorExtension.class)
class ProjectConformanceTest {
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void connect(Sdk shared) {
        sdk = shared;
        client = sdk.client();
    }

    @Test
    void createdProjectIsReadBackWithCommentTimesAndLowerCasedName() {
        // Times come from the emulator's data clock: bounded by its readings around the call.
        long before = sdk.dataClockMillis() / 1000;
        CreateProjectResult created = client.createProject("SdkProjRead", "comment a");
        long after = sdk.dataClockMillis() / 1000;
        assertThat(created.getRequestId()).isNotBlank();

        GetProjectResult project = client.getProject("sdkprojread");
        assertThat(project.getProjectName()).isEqualTo("sdkprojread");
        assertThat(project.getComment()).isEqualTo("comment a");
        assertThat(project.getCreateTime()).isBetween(before, after);
        assertThat(project.getLastModifyTime()).isGreaterThanOrEqualTo(project.getCreateTime());
        assertThat(project.getCreator()).isNotBlank();
        assertThat(project.getRequestId()).isNotBlank().isNotEqualTo(created.getRequestId());
    }

    @Test
    void listReturnsEveryProjectAndTheFilterKeepsOnlyMatchingNames() {
        client.createProject("sdk_list_alpha", "a");
        client.createProject("sdk_list_beta", "b");

        assertThat(client.listProject().getProjectNames())
                .contains("sdk_list_alpha", "sdk_list_beta");
        assertThat(client.listProject("sdk_list_al").getProjectNames())
                .containsExactly("sdk_list_alpha");
        assertThat(client.listProject("no_such_fragment").getProjectNames()).isEmpty();
    }

    @Test
    void updateChangesTheComment() {
        client.createProject("sdk_proj_update", "before");
        client.updateProject("sdk_proj_update", "after");
        assertThat(client.getProject("sdk_proj_update").getComment()).isEqualTo("after");
    }

    @Test
    void vpcWhitelistUpdateIsAcceptedAndReadBack() {
        client.createProject("sdk_proj_vpc", "vpc");
        client.updateProjectVpcWhitelist("sdk_proj_vpc", "vpc-1,vpc-2");
        GetProjectResult project = client.getProject("sdk_proj_vpc");
        assertThat(project.getVpcWhitelist()).containsExactly("vpc-1", "vpc-2");
        assertThat(project.getComment()).isEqualTo("vpc");
    }

    @Test
    void creatingAnExistingProjectThrowsResourceAlreadyExist() {
        client.createProject("sdk_proj_twice", "first");
        ResourceAlreadyExistException e =
                catchThrowableOfType(
                        ResourceAlreadyExistException.class,
                        () -> client.createProject("SDK_PROJ_TWICE", "second"));
        assertServiceError(e, "ProjectAlreadyExist", 409);
        assertThat(e.getErrorMessage()).isEqualTo("The specified project already exists.");
    }

    @Test
    void unknownProjectThrowsResourceNotFoundWithCodeStatusAndRequestId() {
        ResourceNotFoundException e =
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getProject("sdk_no_such_project"));
        assertServiceError(e, "NoSuchProject", 404);
        assertThat(e.getErrorMessage()).isEqualTo("The specified project name does not exist.");

        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.updateProject("sdk_no_such_project", "c")),
                "NoSuchProject",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.deleteProject("sdk_no_such_project")),
                "NoSuchProject",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.listTopic("sdk_no_such_project")),
                "NoSuchProject",
                404);
    }

    @Test
    void deletedProjectIsGone() {
        client.createProject("sdk_proj_delete", "d");
        client.deleteProject("sdk_proj_delete");
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getProject("sdk_proj_delete")),
                "NoSuchProject",
                404);
        assertThat(client.listProject().getProjectNames()).doesNotContain("sdk_proj_delete");
    }

    @Test
    void projectWithTopicsCannotBeDeleted() {
        client.createProject("sdk_proj_busy", "busy");
        client.createTopic("sdk_proj_busy", "blob_t", 1, 1, RecordType.BLOB, "t");
        OperationDeniedException e =
                catchThrowableOfType(
                        OperationDeniedException.class,
                        () -> client.deleteProject("sdk_proj_busy"));
        assertServiceError(e, "OperationDenied", 403);

        client.deleteTopic("sdk_proj_busy", "blob_t");
        client.deleteProject("sdk_proj_busy");
    }

    static void assertServiceError(DatahubClientException e, String code, int status) {
        assertThat(e).as("expected a service error " + code).isNotNull();
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getHttpStatus()).isEqualTo(status);
        assertThat(e.getRequestId()).isNotBlank();
    }
}
