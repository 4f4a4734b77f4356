package io.github.flinkdatahub.emulator.http.server;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.protocol.json.ErrorJson;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.http.ApiResponse;
import io.github.flinkdatahub.emulator.http.EmulatorHttpServer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the front-end is a service error document our client turns into the right typed
 * exception: a bad request (never retried) for each malformed or oversized request, a retryable
 * {@code LimitExceeded} for too many connections.
 */
class RefusalDocumentTest {
    @Test
    void everyRefusalIsAnErrorDocumentTheClientClassifies() {
        try (EmulatorHttpServer server =
                new EmulatorHttpServer(
                        "127.0.0.1",
                        0,
                        Map.of("id", "key"),
                        Clock.systemUTC(),
                        (route, request) -> ApiResponse.ok(),
                        (route, request) -> ApiResponse.ok(),
                        new FaultInjector(),
                        () -> {})) {
            for (RefusedRequestException.Reason reason : RefusedRequestException.Reason.values()) {
                HttpResponse answer =
                        server.refuse(new RefusedRequestException(reason, "because " + reason));
                String requestId = header(answer, "x-datahub-request-id");
                assertThat(answer.status()).isEqualTo(reason.status());
                assertThat(header(answer, "Content-Type")).isEqualTo(ApiResponse.JSON);
                assertThat(requestId).isNotBlank();

                DataHubException e = ErrorJson.read(answer.status(), requestId, answer.body());
                assertThat(e.getErrorMessage()).isEqualTo("because " + reason);
                assertThat(e.getRequestId()).isEqualTo(requestId);
                if (reason == RefusedRequestException.Reason.TOO_MANY_CONNECTIONS) {
                    assertThat(e).isInstanceOf(LimitExceededException.class);
                    assertThat(e.isRetryable()).isTrue();
                } else {
                    assertThat(e).as(reason.name()).isInstanceOf(InvalidParameterException.class);
                    assertThat(e.isRetryable()).as(reason.name()).isFalse();
                }
            }
        }
    }

    private static String header(HttpResponse answer, String name) {
        return answer.headers().stream()
                .filter(h -> h[0].equalsIgnoreCase(name))
                .map(h -> h[1])
                .findFirst()
                .orElse(null);
    }
}
