package io.github.flinkdatahub.connector.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.connector.DataHubConnectorOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataHubConnectionOptionsTest {

    @Test
    void hostedConnectorKeysBuildTheSameConnectionAsFlinkStyleKeys() {
        DataHubConnection camel =
                DataHubConnection.fromOptions(
                        Configuration.fromMap(
                                Map.of(
                                        "endPoint",
                                        "http://localhost:1",
                                        "accessId",
                                        "id",
                                        "accessKey",
                                        "key",
                                        "CompressType",
                                        "LZ4",
                                        "retryInterval",
                                        "200 ms",
                                        "retryTimeout",
                                        "1 s")));
        DataHubConnection flink =
                DataHubConnection.fromOptions(
                        Configuration.fromMap(
                                Map.of(
                                        "endpoint",
                                        "http://localhost:1",
                                        "access-id",
                                        "id",
                                        "access-key",
                                        "key",
                                        "client.compression",
                                        "lz4",
                                        "client.retry.interval",
                                        "200ms",
                                        "client.retry.timeout",
                                        "1s")));

        assertThat(camel).isEqualTo(flink);
        assertThat(flink.getCompression()).isEqualTo(CompressFormat.LZ4);
        assertThat(flink.getWireMode()).isEqualTo(WireMode.PROTOBUF);
    }

    @Test
    void protocolIsParsedCaseInsensitively() {
        DataHubConnection c =
                DataHubConnection.fromOptions(
                        Configuration.fromMap(
                                Map.of(
                                        "endpoint",
                                        "http://localhost:1",
                                        "access-id",
                                        "id",
                                        "access-key",
                                        "key",
                                        "client.protocol",
                                        "batch")));

        assertThat(c.getWireMode()).isEqualTo(WireMode.BATCH);
    }

    @Test
    void missingAccessKeyNamesTheOptionAndNeverItsValue() {
        assertThatThrownBy(
                        () ->
                                DataHubConnection.fromOptions(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "endpoint",
                                                        "http://localhost:1",
                                                        "access-id",
                                                        "id"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'access-key' is required");
    }

    @Test
    void connectionToStringHidesTheAccessKey() {
        DataHubConnection c =
                DataHubConnection.fromOptions(
                        Configuration.fromMap(
                                Map.of(
                                        "endpoint",
                                        "http://localhost:1",
                                        "access-id",
                                        "id",
                                        "access-key",
                                        "s3cr3t-value")));

        assertThat(c.toString()).doesNotContain("s3cr3t-value");
        assertThat(DataHubConnectorOptions.isSensitive("accessKey")).isTrue();
        assertThat(DataHubConnectorOptions.isSensitive("access-key")).isTrue();
        assertThat(DataHubConnectorOptions.isSensitive("access-id")).isFalse();
    }

    @Test
    void anEndpointWithUserInfoIsRefusedWithoutEchoingTheSecret() {
        String endpoint = "http://someId:s3cr3t-value@localhost:1";
        assertThatThrownBy(
                        () ->
                                DataHubConnection.fromOptions(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "endpoint",
                                                        endpoint,
                                                        "access-id",
                                                        "id",
                                                        "access-key",
                                                        "key"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'endpoint'")
                .hasMessageContaining("user info")
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(
                        () ->
                                DataHubConnection.builder()
                                        .endpoint(endpoint)
                                        .credentials("id", "key")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user info")
                .hasMessageNotContaining("s3cr3t-value");
        // An '@' after the host (in the path) is not user info.
        assertThat(
                        DataHubConnection.builder()
                                .endpoint("http://localhost:1/a@b")
                                .credentials("id", "key")
                                .build()
                                .getEndpoint())
                .isEqualTo("http://localhost:1/a@b");
    }

    @Test
    void retryTimeoutBecomesTheRetriesWhoseBackoffsCoverIt() {
        // 100 + 200 + 400 + 800 = 1500 ms >= 1 s after 4 retries
        assertThat(
                        DataHubConnection.retriesWithin(
                                Duration.ofSeconds(1),
                                Duration.ofMillis(100),
                                Duration.ofSeconds(5)))
                .isEqualTo(4);
        assertThat(
                        DataHubConnection.retriesWithin(
                                Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(5)))
                .isZero();
        // 1 + 2 + 4 s, then capped at 5 s: 30 min needs 3 + 359 retries
        assertThat(
                        DataHubConnection.retriesWithin(
                                Duration.ofMinutes(30),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(5)))
                .isEqualTo(362);
    }
}
