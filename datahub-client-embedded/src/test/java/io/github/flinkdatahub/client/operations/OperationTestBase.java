package io.github.flinkdatahub.client.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;
import io.github.flinkdatahub.client.testutil.RecordingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A client pointed at a {@link RecordingServer}, with helpers to check what went over the wire. */
abstract class OperationTestBase {
    static final String ACCESS_ID = "testAccessId";
    static final String ACCESS_KEY = "testAccessKey";

    RecordingServer server;
    DataHubClient client;

    @BeforeEach
    void start() {
        server = new RecordingServer();
        client = newClient(WireMode.JSON, CompressFormat.NONE);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    DataHubClient newClient(WireMode mode, CompressFormat compression) {
        return DataHubClient.builder()
                .endpoint(server.endpoint())
                .credentials(ACCESS_ID, ACCESS_KEY)
                .wireMode(mode)
                .compression(compression)
                .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(5), Duration.ofMillis(20)))
                .build();
    }

    /** Asserts the request's method, path and query, and that its signature verifies. */
    RecordingServer.Recorded assertRequest(String method, String pathAndQuery) {
        RecordingServer.Recorded r = server.lastRequest();
        assertThat(r.method).isEqualTo(method);
        assertThat(r.pathAndQuery()).isEqualTo(pathAndQuery);
        assertSigned(r);
        return r;
    }

    static void assertSigned(RecordingServer.Recorded r) {
        assertThat(r.header("x-datahub-client-version")).isEqualTo("1.1");
        assertThat(r.header("Date")).endsWith(" GMT");
        String expected =
                RequestSigner.authorization(
                        ACCESS_ID, ACCESS_KEY, r.method, r.pathAndQuery(), r.headers);
        assertThat(r.header("Authorization")).isEqualTo(expected);
    }

    static JsonNode json(RecordingServer.Recorded r) {
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        return Json.parse(r.body);
    }

    static JsonNode json(String text) {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
