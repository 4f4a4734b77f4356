package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.AuthorizationFailureException;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Requests signed with a wrong access key or an unknown access id are refused, in every SDK
 * configuration.
 */
@ExtendWith(SharedEmulatorExtension.class)
class SignatureConformanceTest {
    private static final String PROJECT = "sdk_signature";
    private static final String TOPIC = "guarded";
    private static Sdk sdk;
    private static String cursor;

    @BeforeAll
    static void createTopic(Sdk shared) {
        sdk = shared;
        DatahubClient client = sdk.client();
        client.createProject(PROJECT, "signatures");
        client.createTopic(PROJECT, TOPIC, 1, 1, RecordType.TUPLE, Schemas.allTypes(), "guarded");
        client.waitForShardReady(PROJECT, TOPIC);
        client.putRecordsByShard(
                PROJECT, TOPIC, "0", List.of(entry(Schemas.fullRow(Schemas.allTypes(), 1))));
        cursor = client.getCursor(PROJECT, TOPIC, "0", CursorType.OLDEST).getCursor();
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void aWrongAccessKeyIsRefusedWithAuthorizationFailure(ClientMode mode) {
        assertRefused(mode, sdk.client(mode, EmulatorProcess.ACCESS_ID, "not-the-key"));
    }

    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {"JSON", "PROTOBUF_LZ4", "BATCH"})
    void anUnknownAccessIdIsRefusedWithAuthorizationFailure(ClientMode mode) {
        assertRefused(mode, sdk.client(mode, "unknown_id", EmulatorProcess.ACCESS_KEY));
    }

    private static void assertRefused(ClientMode mode, DatahubClient impostor) {
        assertServiceError(
                catchThrowableOfType(AuthorizationFailureException.class, impostor::listProject),
                "Unauthorized",
                403);
        assertServiceError(
                catchThrowableOfType(
                        AuthorizationFailureException.class,
                        () -> impostor.createProject("sdk_sig_intruder", "x")),
                "Unauthorized",
                403);
        RecordEntry record = entry(Schemas.fullRow(Schemas.allTypes(), 2));
        record.setShardId("0");
        assertServiceError(
                catchThrowableOfType(
                        AuthorizationFailureException.class,
                        () -> {
                            if (mode.wire == ClientMode.Wire.JSON) {
                                impostor.putRecords(PROJECT, TOPIC, List.of(record));
                            } else {
                                impostor.putRecordsByShard(PROJECT, TOPIC, "0", List.of(record));
                            }
                        }),
                "Unauthorized",
                403);
        assertServiceError(
                catchThrowableOfType(
                        AuthorizationFailureException.class,
                        () ->
                                impostor.getRecords(
                                        PROJECT, TOPIC, "0", Schemas.allTypes(), cursor, 10)),
                "Unauthorized",
                403);
        assertThat(sdk.client().listProject().getProjectNames()).doesNotContain("sdk_sig_intruder");
    }
}
