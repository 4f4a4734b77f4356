package io.github.flinkdatahub.client.operations;

import com.sun.net.httpserver.HttpServer;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.AuthorizationFailedException;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InternalServerException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.ServiceInProcessException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailureHandlingTest extends OperationTestBase {

    @Test
    void throttlingIsRetriedUntilSuccess() {
        server.respondJson(429, "{\"ErrorCode\":\"LimitExceeded\",\"ErrorMessage\":\"slow down\"}");
        server.respondJson(
                503, "{\"ErrorCode\":\"ConsumerGroupInProcess\",\"ErrorMessage\":\"busy\"}");
        server.respondFixture(200, "projects.json");
        assertThat(client.listProject().getProjectNames()).hasSize(3);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void serverErrorsAreRetriedAndReportedWhenTheyPersist() {
        for (int i = 0; i < 3; i++) {
            server.respond(502, "text/html", "<html>bad gateway</html>".getBytes());
        }
        assertThatThrownBy(() -> client.listProject())
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("bad gateway")
                .satisfies(e -> assertThat(((DataHubException) e).getHttpStatus()).isEqualTo(502));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.respondJson(400, "{\"ErrorCode\":\"InvalidParameter\",\"ErrorMessage\":\"bad\"}");
        assertThatThrownBy(() -> client.listProject())
                .isInstanceOf(InvalidParameterException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void authorizationFailureIsTyped() {
        server.respondJson(
                403,
                "{\"ErrorCode\":\"Unauthorized\",\"ErrorMessage\":\"Authroize failed\",\"RequestId\":\"abc\"}");
        assertThatThrownBy(() -> client.listProject())
                .isInstanceOf(AuthorizationFailedException.class)
                .satisfies(
                        e -> {
                            DataHubException d = (DataHubException) e;
                            assertThat(d.getHttpStatus()).isEqualTo(403);
                            assertThat(d.getRequestId()).isEqualTo("req-1");
                            assertThat(d.isRetryable()).isFalse();
                        });
    }

    @Test
    void unknownCodesKeepTheirCodeAndStatus() {
        server.respondJson(409, "{\"ErrorCode\":\"SomethingNew\",\"ErrorMessage\":\"new\"}");
        assertThatThrownBy(() -> client.listProject())
                .isExactlyInstanceOf(DataHubException.class)
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("SomethingNew"));
    }

    @Test
    void shardNotReadyIsRetryable() {
        server.respondJson(503, "{\"ErrorCode\":\"ShardNotReady\",\"ErrorMessage\":\"opening\"}");
        server.respondFixture(200, "projects.json");
        assertThat(client.listProject().getProjectNames()).isNotEmpty();
        assertThat(new ServiceInProcessException("x", "ShardNotReady", null, 503).isRetryable())
                .isTrue();
    }

    @Test
    void refusedConnectionsAreRetriedThenReportedAsClientErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (DataHubClient c =
                DataHubClient.builder()
                        .endpoint("127.0.0.1:" + port)
                        .credentials("a", "b")
                        .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                        .build()) {
            assertThatThrownBy(c::listProject)
                    .isInstanceOf(DataHubClientException.class)
                    .satisfies(e -> assertThat(((DataHubException) e).isRetryable()).isTrue())
                    .hasMessageContaining("GET /projects");
        }
    }

    @Test
    void secretsNeverAppearInToString() {
        DataHubClient c =
                DataHubClient.builder()
                        .endpoint(server.endpoint())
                        .credentials("visibleId", "superSecretKey", "secretToken")
                        .build();
        assertThat(c.toString())
                .contains("visibleId")
                .doesNotContain("superSecretKey")
                .doesNotContain("secretToken");
        c.close();
    }

    @Test
    void securityTokenIsSentAndSigned() {
        try (DataHubClient c =
                DataHubClient.builder()
                        .endpoint(server.endpoint())
                        .credentials(ACCESS_ID, ACCESS_KEY, "STS.token")
                        .build()) {
            c.listProject();
        }
        assertThat(server.lastRequest().header("x-datahub-security-token")).isEqualTo("STS.token");
        assertSigned(server.lastRequest());
    }

    @Test
    void endpointPathPrefixIsKeptAndSigned() {
        try (DataHubClient c =
                DataHubClient.builder()
                        .endpoint(server.endpoint() + "/prefix/")
                        .credentials(ACCESS_ID, ACCESS_KEY)
                        .build()) {
            c.listProject();
        }
        assertThat(server.lastRequest().path).isEqualTo("/prefix/projects");
        assertSigned(server.lastRequest());
    }

    @Test
    void aStalledBodyTimesOutWithinTheRequestTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer stalling =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stalling.createContext(
                "/",
                ex -> {
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 100);
                    ex.getResponseBody().write("{\"ProjectNames\":[".getBytes(UTF_8));
                    ex.getResponseBody().flush();
                    try {
                        // Holds the rest back until the test ends; 120 s only guards a hang.
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.close();
                });
        stalling.start();
        try (DataHubClient c =
                DataHubClient.builder()
                        .endpoint("127.0.0.1:" + stalling.getAddress().getPort())
                        .credentials("a", "b")
                        .requestTimeout(Duration.ofMillis(500))
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            assertThatThrownBy(c::listProject)
                    .isInstanceOf(DataHubClientException.class)
                    .hasMessageContaining("GET /projects")
                    .hasRootCauseInstanceOf(HttpTimeoutException.class)
                    .satisfies(e -> assertThat(((DataHubException) e).isRetryable()).isTrue());
            // The server was still holding the body back: the timeout, not the server, ended it.
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
            stalling.stop(0);
        }
    }

    @Test
    void anEndpointThatIsNotAUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(
                        () ->
                                DataHubClient.builder()
                                        .endpoint("http://host:80/p?token=superSecret value")
                                        .credentials("a", "b")
                                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("endpoint is not a valid URL (Illegal character in query at")
                .hasMessageNotContaining("superSecret");
    }

    @Test
    void anEndpointWithUserInfoIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(
                        () ->
                                DataHubClient.builder()
                                        .endpoint("http://someId:superSecretKey@127.0.0.1:1")
                                        .credentials("a", "b")
                                        .build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("user info")
                .hasMessageNotContaining("superSecretKey")
                .hasMessageNotContaining("someId");
    }
}
