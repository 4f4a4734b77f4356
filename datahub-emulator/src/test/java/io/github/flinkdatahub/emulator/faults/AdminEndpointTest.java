package io.github.flinkdatahub.emulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.InternalServerException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.WithDataHubEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unsigned {@code /__emulator} endpoints driven with a plain HTTP client, as curl would. */
@WithDataHubEmulator
class AdminEndpointTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void createTopics(DataHubClient client) {
        client.createProject("admin", "");
        client.createBlobTopic("admin", "hot", 1, 1, "");
        client.createBlobTopic("admin", "cold", 1, 1, "");
    }

    @Test
    void healthAnswersOk(DataHubEmulator emulator) throws Exception {
        Answer a = call(emulator, "GET", "/__emulator/health", null);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.json.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void faultRulesSetOverHttpActOnClientCallsAndShowWithTheirCounts(
            DataHubEmulator emulator, FaultInjector faults) throws Exception {
        Answer set =
                call(
                        emulator,
                        "PUT",
                        "/__emulator/faults?project=admin&topic=hot",
                        "{\"throttleRate\":1.0,\"maxFaults\":1}");
        assertThat(set.status).isEqualTo(200);
        assertThat(faults.ruleFor("admin", "hot"))
                .isEqualTo(FaultRule.none().throttleRate(1).maxFaults(1));
        call(emulator, "POST", "/__emulator/faults?project=admin", "{\"serverErrorRate\":1}");
        call(emulator, "PUT", "/__emulator/faults", "{\"latencyMillis\":1}");

        try (DataHubClient client =
                emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> client.getTopic("admin", "hot"))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(client.getTopic("admin", "hot").getTopicName()).isEqualTo("hot");
            assertThatThrownBy(() -> client.getTopic("admin", "cold"))
                    .isInstanceOf(InternalServerException.class);
            client.listProject();
        }

        JsonNode state = call(emulator, "GET", "/__emulator/faults", null).json;
        assertThat(state.get("rules").fieldNames())
                .toIterable()
                .containsExactly("*", "admin", "admin/hot");
        assertThat(state.at("/rules/admin~1hot/throttleRate").asDouble()).isEqualTo(1.0);
        assertThat(state.at("/rules/admin~1hot/maxFaults").asLong()).isEqualTo(1);
        assertThat(state.at("/rules/admin/serverErrorRate").asDouble()).isEqualTo(1.0);
        assertThat(state.at("/rules/*/latencyMillis").asLong()).isEqualTo(1);
        assertThat(state.at("/injected/throttled").asLong()).isEqualTo(1);
        assertThat(state.at("/injected/serverErrors").asLong()).isEqualTo(1);
        assertThat(state.at("/injected/closedConnections").asLong()).isZero();
        assertThat(state.at("/injected/failedRecords").asLong()).isZero();
        assertThat(state.at("/injected/delayed").asLong()).isEqualTo(1);
    }

    @Test
    void deleteWithAScopeRemovesOnlyThatRuleAndWithoutOneResetsEverything(
            DataHubEmulator emulator, FaultInjector faults) throws Exception {
        faults.setGlobal(FaultRule.none().throttleRate(1));
        faults.set("admin", "hot", FaultRule.none().serverErrorRate(1));
        try (DataHubClient client =
                emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(client::listProject).isInstanceOf(LimitExceededException.class);
        }

        Answer scoped =
                call(emulator, "DELETE", "/__emulator/faults?project=admin&topic=hot", null);
        assertThat(scoped.json.get("rules").fieldNames()).toIterable().containsExactly("*");
        assertThat(scoped.json.at("/injected/throttled").asLong()).isEqualTo(1);

        Answer all = call(emulator, "DELETE", "/__emulator/faults", null);
        assertThat(all.json.get("rules").size()).isZero();
        assertThat(all.json.at("/injected/throttled").asLong()).isZero();
        assertThat(faults.rules()).isEmpty();
    }

    @Test
    void adminCallsAreNeverFaulted(DataHubEmulator emulator, FaultInjector faults)
            throws Exception {
        faults.setGlobal(FaultRule.none().closeConnectionRate(1).throttleRate(1));
        assertThat(call(emulator, "GET", "/__emulator/health", null).status).isEqualTo(200);
        Answer state = call(emulator, "GET", "/__emulator/faults", null);
        assertThat(state.status).isEqualTo(200);
        assertThat(state.json.at("/injected/closedConnections").asLong()).isZero();
        assertThat(state.json.at("/injected/throttled").asLong()).isZero();
        assertThat(faults.closedConnectionCount()).isZero();
    }

    @Test
    void badFaultRulesAreRejectedWithTheServiceErrorDocument(DataHubEmulator emulator)
            throws Exception {
        Answer unknown = call(emulator, "PUT", "/__emulator/faults", "{\"throttle\":1}");
        assertThat(unknown.status).isEqualTo(400);
        assertThat(unknown.contentType).isEqualTo("application/json");
        assertThat(unknown.json.get("ErrorCode").asText()).isEqualTo("InvalidParameter");
        assertThat(unknown.json.get("ErrorMessage").asText())
                .startsWith("Unknown fault setting 'throttle'");

        Answer notJson = call(emulator, "PUT", "/__emulator/faults", "throttleRate=1");
        assertThat(notJson.status).isEqualTo(400);
        assertThat(notJson.json.get("ErrorMessage").asText())
                .contains("A fault rule must be a JSON object such as");

        Answer range = call(emulator, "PUT", "/__emulator/faults", "{\"closeConnectionRate\":3}");
        assertThat(range.json.get("ErrorMessage").asText())
                .isEqualTo(
                        "Fault setting 'closeConnectionRate' is a probability in [0, 1], got 3.0");

        Answer topicOnly = call(emulator, "PUT", "/__emulator/faults?topic=hot", "{}");
        assertThat(topicOnly.status).isEqualTo(400);
        assertThat(topicOnly.json.get("ErrorMessage").asText()).contains("?project=P&topic=T");
        assertThat(call(emulator, "GET", "/__emulator/faults", null).json.get("rules").size())
                .isZero();
    }

    @Test
    void theClockAdvancesByTheGivenMillis(DataHubEmulator emulator) throws Exception {
        long before =
                call(emulator, "GET", "/__emulator/clock", null).json.get("nowMillis").asLong();
        Answer advanced =
                call(
                        emulator,
                        "POST",
                        "/__emulator/clock/advance?millis=" + Duration.ofDays(2).toMillis(),
                        null);
        assertThat(advanced.status).isEqualTo(200);
        assertThat(advanced.json.get("nowMillis").asLong())
                .isGreaterThanOrEqualTo(before + Duration.ofDays(2).toMillis());
        assertThat(emulator.clock().millis())
                .isGreaterThanOrEqualTo(before + Duration.ofDays(2).toMillis());

        Answer bad = call(emulator, "POST", "/__emulator/clock/advance?millis=soon", null);
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.json.get("ErrorMessage").asText())
                .isEqualTo("Give the time to add as ?millis=N with N >= 0," + " got 'soon'");
        assertThat(call(emulator, "POST", "/__emulator/clock/advance?millis=-1", null).status)
                .isEqualTo(400);
        assertThat(call(emulator, "POST", "/__emulator/clock/advance", null).status).isEqualTo(400);
    }

    @Test
    void aPausedClockMovesOnlyWhenAdvancedAndResumesWhereItStood(DataHubEmulator emulator)
            throws Exception {
        Answer paused = call(emulator, "POST", "/__emulator/clock/pause", null);
        assertThat(paused.json.get("paused").asBoolean()).isTrue();
        long at = paused.json.get("nowMillis").asLong();
        assertThat(call(emulator, "GET", "/__emulator/clock", null).json.get("nowMillis").asLong())
                .isEqualTo(at);
        assertThat(emulator.clock().millis()).isEqualTo(at);
        emulator.clock().advance(Duration.ofSeconds(5));
        assertThat(call(emulator, "GET", "/__emulator/clock", null).json.get("nowMillis").asLong())
                .isEqualTo(at + 5000);

        Answer resumed = call(emulator, "POST", "/__emulator/clock/resume", null);
        assertThat(resumed.json.get("paused").asBoolean()).isFalse();
        assertThat(resumed.json.get("nowMillis").asLong())
                .as("runs on from where it stood")
                .isGreaterThanOrEqualTo(at + 5000);
        assertThat(emulator.clock().isPaused()).isFalse();
    }

    @Test
    void unknownAdminCallsListTheKnownOnes(DataHubEmulator emulator) throws Exception {
        Answer a = call(emulator, "GET", "/__emulator/nothing", null);
        assertThat(a.status).isEqualTo(400);
        assertThat(a.json.get("ErrorCode").asText()).isEqualTo("InvalidUriSpec");
        assertThat(a.json.get("ErrorMessage").asText())
                .contains("GET|PUT|DELETE /__emulator/faults");
    }

    private static Answer call(
            DataHubEmulator emulator, String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                body, StandardCharsets.UTF_8))
                        .build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                Json.parse(response.body()));
    }

    private static final class Answer {
        final int status;
        final String contentType;
        final JsonNode json;

        Answer(int status, String contentType, JsonNode json) {
            this.status = status;
            this.contentType = contentType;
            this.json = json;
        }
    }
}
