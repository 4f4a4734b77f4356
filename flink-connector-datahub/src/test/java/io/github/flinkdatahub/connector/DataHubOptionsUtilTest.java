package io.github.flinkdatahub.connector;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.DataHubSource;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and cross-checks of the options, shared by the table factory, catalog and builders. */
class DataHubOptionsUtilTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Configuration options(String... keyValues) {
        Configuration c = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) {
            c.setString(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    @Test
    void hostedStartAndEndTimeAreFallbackKeysOfFlinkStyleKeys() {
        assertThat(DataHubConnectorOptions.SCAN_STARTUP_TIME.key()).isEqualTo("scan.startup.time");
        assertThat(DataHubConnectorOptions.SCAN_BOUNDED_TIME.key()).isEqualTo("scan.bounded.time");

        StartingPosition hosted =
                DataHubOptionsUtil.startingPosition(
                        options("startTime", "2024-01-01 08:00:00"), UTC);
        StartingPosition flink =
                DataHubOptionsUtil.startingPosition(
                        options("scan.startup.time", "2024-01-01 08:00:00"), UTC);
        assertThat(hosted.kind()).isEqualTo(StartingPosition.Kind.TIMESTAMP);
        assertThat(hosted.timestampMillis())
                .isEqualTo(flink.timestampMillis())
                .isEqualTo(1704096000000L);
        assertThat(
                        DataHubOptionsUtil.stoppingPosition(
                                        options("endTime", "2024-01-02 00:00:00"), UTC)
                                .toString())
                .isEqualTo(
                        DataHubOptionsUtil.stoppingPosition(
                                        options("scan.bounded.time", "2024-01-02 00:00:00"), UTC)
                                .toString());
    }

    @Test
    void sensitiveKeysAreEveryKeyOfTheSecretOptions() {
        assertThat(DataHubConnectorOptions.SENSITIVE_KEYS)
                .containsExactly(
                        "access-key",
                        "accessKey",
                        "access-key-secret",
                        "accessKeySecret",
                        "security-token");
        assertThat(DataHubConnectorOptions.isSensitive("ACCESSKEYSECRET")).isTrue();
    }

    @Test
    void sourceBuilderTakesTheSameOptionsAsATable() {
        DataHubSource<byte[]> source =
                DataHubSource.<byte[]>builder()
                        .setConnection(
                                DataHubConnection.builder()
                                        .endpoint("http://localhost:1")
                                        .credentials("id", "key")
                                        .build())
                        .setProject("p")
                        .setTopic("t")
                        .setDeserializer(DataHubDeserializationSchema.blobBytes())
                        .setOptions(
                                options(
                                        "startTime",
                                        "2024-01-01 00:00:00",
                                        "endTime",
                                        "2024-01-02 00:00:00",
                                        "maxFetchSize",
                                        "100",
                                        "table.local-time-zone",
                                        "UTC"))
                        .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.toString()).contains("timestamp 1704067200000");
    }

    @Test
    void sourceBuilderRefusesContradictoryStartOptionsNamingThem() {
        assertThatThrownBy(
                        () ->
                                DataHubSource.<byte[]>builder()
                                        .setOptions(
                                                options(
                                                        "scan.startup.mode",
                                                        "earliest",
                                                        "startTime",
                                                        "2024-01-01 00:00:00")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'scan.startup.time' (or 'startTime')")
                .hasMessageContaining("'scan.startup.mode' = 'timestamp'");
    }

    @Test
    void catalogConnectionOptionsAreKeyedByPrimaryKey() {
        assertThat(
                        DataHubOptionsUtil.connectionOptionsByPrimaryKey(
                                Map.of("endPoint", "http://x", "accessId", "a", "accessKey", "k")))
                .containsExactly(
                        Map.entry("endpoint", "http://x"),
                        Map.entry("access-id", "a"),
                        Map.entry("access-key", "k"));
    }

    @Test
    void emptyCompressTypeMeansNoCompression() {
        DataHubConnection c =
                DataHubOptionsUtil.connection(
                        options(
                                "endPoint", "http://localhost:1",
                                "accessId", "id",
                                "accessKey", "key",
                                "CompressType", ""));

        assertThat(c.getCompression()).isEqualTo(CompressFormat.NONE);
        assertThat(DataHubOptionsUtil.compression(options("client.compression", "LZ4")))
                .contains(CompressFormat.LZ4);
        assertThatThrownBy(() -> DataHubOptionsUtil.compression(options("CompressType", "zip")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'client.compression' (or 'CompressType')")
                .hasMessageContaining("'zip'");
    }

    @Test
    void startTimeMsMinusOneIsNotSet() {
        Configuration c = options("startTimeMs", "-1", "endTimeMs", "-1");

        assertThat(DataHubOptionsUtil.hasStartOption(c)).isFalse();
        assertThat(DataHubOptionsUtil.hasStopOption(c)).isFalse();
        assertThat(DataHubOptionsUtil.startingPosition(c, UTC).kind())
                .isEqualTo(StartingPosition.Kind.LATEST);
        assertThat(DataHubOptionsUtil.stoppingPosition(c, UTC)).isNull();
        // -1 with the hosted start time: the start time counts.
        assertThat(
                        DataHubOptionsUtil.startingPosition(
                                        options(
                                                "startTimeMs",
                                                "-1",
                                                "startTime",
                                                "2024-01-01 00:00:00"),
                                        UTC)
                                .timestampMillis())
                .isEqualTo(1704067200000L);
        assertThatThrownBy(
                        () ->
                                DataHubOptionsUtil.startingPosition(
                                        options("startTimeMs", "-2"), UTC))
                .hasMessageContaining("'scan.startup.timestamp-millis' (or 'startTimeMs')");
    }

    @Test
    void startTimeMsWinsOverStartTime() {
        StartingPosition p =
                DataHubOptionsUtil.startingPosition(
                        options("startTime", "2099-01-01 00:00:00", "startTimeMs", "42"), UTC);

        assertThat(p.kind()).isEqualTo(StartingPosition.Kind.TIMESTAMP);
        assertThat(p.timestampMillis()).isEqualTo(42L);
    }

    @Test
    void maxFetchSizeAboveTheServiceMaximumReadsTheMaximum() {
        assertThat(DataHubOptionsUtil.maxRecordsPerFetch(options("maxFetchSize", "5000")))
                .contains(1000);
        assertThat(DataHubOptionsUtil.maxRecordsPerFetch(options("maxFetchSize", "50")))
                .contains(50);
        assertThat(DataHubOptionsUtil.maxRecordsPerFetch(options())).isEmpty();
    }

    @Test
    void maxBufferSizeIsTheRecordBudgetAndMustBePositive() {
        assertThat(DataHubOptionsUtil.maxBufferedRecords(options("maxBufferSize", "50")))
                .contains(50);
        assertThatThrownBy(
                        () -> DataHubOptionsUtil.maxBufferedRecords(options("maxBufferSize", "0")))
                .hasMessageContaining("'scan.fetch.max-buffered-records' (or 'maxBufferSize')");
    }

    @Test
    void maxReadsPerShardDefaultsToFourAndMustBeAtLeastOne() {
        assertThat(DataHubOptionsUtil.maxReadsPerShard(options())).isEqualTo(4);
        assertThat(
                        DataHubOptionsUtil.maxReadsPerShard(
                                options("scan.fetch.max-reads-per-shard", "1")))
                .isEqualTo(1);
        assertThatThrownBy(
                        () ->
                                DataHubOptionsUtil.maxReadsPerShard(
                                        options("scan.fetch.max-reads-per-shard", "0")))
                .hasMessageContaining("'scan.fetch.max-reads-per-shard' must be at least 1");
    }

    @Test
    void retryTimeoutInMillisecondsBoundsRetriesByTimeNotByCount() {
        DataHubConnection hosted =
                DataHubOptionsUtil.connection(
                        options(
                                "endPoint", "http://localhost:1",
                                "accessId", "id",
                                "accessKey", "key",
                                "retryTimeout", "1800000",
                                "retryInterval", "1000"));
        List<RetryPolicy> opened = new ArrayList<>();
        DataHubConnection recorded =
                DataHubConnection.builder()
                        .endpoint("http://localhost:1")
                        .credentials("id", "key")
                        .retryWithin(
                                Duration.ofMinutes(30),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(5))
                        .clientFactory(
                                (connection, policy) -> {
                                    opened.add(policy);
                                    return null;
                                })
                        .build();
        recorded.openClient();

        assertThat(hosted.toString()).contains("retryTimeout=PT30M");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).getMaxElapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(opened.get(0).getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(opened.get(0).allowsRetry(10_000, 0, 1000)).isTrue();
    }

    private static final String[] CONNECTION = {
        "endpoint", "http://localhost:1", "accessId", "id", "accessKey", "key"
    };

    private static Configuration connectionWith(String... keyValues) {
        Configuration c = options(CONNECTION);
        c.addAll(options(keyValues));
        return c;
    }

    @Test
    void theSchemaRegistryOrASinkSchemaVersionTurnsOnTheRegistryWithTheBatchProtocol() {
        for (Configuration c :
                List.of(
                        connectionWith("enableSchemaRegistry", "true"),
                        connectionWith("schemaVersion", "0"),
                        connectionWith(
                                "schema-registry.enabled", "true", "client.protocol", "BATCH"))) {
            DataHubConnection connection = DataHubOptionsUtil.connection(c);
            assertThat(connection.isSchemaRegistryEnabled()).as("%s", c).isTrue();
            assertThat(connection.getWireMode()).as("%s", c).isEqualTo(WireMode.BATCH);
        }
        DataHubConnection plain =
                DataHubOptionsUtil.connection(connectionWith("schemaVersion", "-1"));
        assertThat(plain.isSchemaRegistryEnabled()).isFalse();
        assertThat(plain.getWireMode()).isEqualTo(WireMode.PROTOBUF);
    }

    @Test
    void theSchemaRegistryWithAnotherProtocolFailsNamingBothOptions() {
        assertThatThrownBy(
                        () ->
                                DataHubOptionsUtil.connection(
                                        connectionWith(
                                                "enableSchemaRegistry", "true",
                                                "client.protocol", "PROTOBUF")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'client.protocol' = PROTOBUF")
                .hasMessageContaining("'schema-registry.enabled' (or 'enableSchemaRegistry')")
                .hasMessageContaining("set it to BATCH");
    }

    @Test
    void aSinkSchemaVersionIsMinusOneOrAVersionIdAndNeedsPutsToOneShard() {
        DataHubOptionsUtil.checkSchemaVersionOptions(options("schemaVersion", "3"));
        assertThat(DataHubOptionsUtil.sinkSchemaVersion(options("schemaVersion", "3"))).contains(3);
        assertThat(DataHubOptionsUtil.sinkSchemaVersion(options("schemaVersion", "-1"))).isEmpty();

        assertThatThrownBy(
                        () ->
                                DataHubOptionsUtil.checkSchemaVersionOptions(
                                        options("schemaVersion", "-2")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'sink.schema-version' (or 'schemaVersion')")
                .hasMessageContaining("got -2");
        assertThatThrownBy(
                        () ->
                                DataHubOptionsUtil.checkSchemaVersionOptions(
                                        options("schemaVersion", "1", "hashFields", "id")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs puts to one shard")
                .hasMessageContaining("Remove one of the two options");
    }
}
