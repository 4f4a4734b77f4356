package io.github.flinkdatahub.connector.sink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.sink.writer.WriterConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_BYTES;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_BATCH_MAX_RECORDS;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_FLUSH_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SINK_MAX_IN_FLIGHT_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataHubSinkBuilderTest {
    private static final DataHubConnection CONNECTION =
            DataHubConnection.builder()
                    .endpoint("http://127.0.0.1:1")
                    .credentials("id", "secret-key")
                    .build();

    private static DataHubSinkBuilder<byte[]> builder() {
        return DataHubSink.<byte[]>builder()
                .setConnection(CONNECTION)
                .setProject("demo")
                .setTopic("events")
                .setSerializer(DataHubSerializationSchema.blobBytes());
    }

    @Test
    void defaultsComeFromTheOptions() {
        WriterConfig c = builder().build().getConfig();
        assertThat(c.batchMaxRecords()).isEqualTo(SINK_BATCH_MAX_RECORDS.defaultValue());
        assertThat(c.batchMaxBytes()).isEqualTo(SINK_BATCH_MAX_BYTES.defaultValue().getBytes());
        assertThat(c.flushInterval()).isEqualTo(SINK_FLUSH_INTERVAL.defaultValue());
        assertThat(c.maxInFlightRequests()).isEqualTo(SINK_MAX_IN_FLIGHT_REQUESTS.defaultValue());
        assertThat(c.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(builder().build().getRouting()).hasToString("roundRobin");
    }

    @Test
    void hostedConnectorKeysAreAcceptedAsFallbacks() {
        Configuration options = new Configuration();
        options.setString("batchCount", "500");
        options.setString("batchSize", "524288");
        options.setString("flushInterval", "2000");
        options.setString("hashFields", "a, b");
        DataHubSink<byte[]> sink = builder().setOptions(options).build();
        assertThat(sink.getConfig().batchMaxRecords()).isEqualTo(500);
        assertThat(sink.getConfig().batchMaxBytes()).isEqualTo(524288);
        assertThat(sink.getConfig().flushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sink.getRouting()).hasToString("byKeyFields[a, b]");
    }

    @Test
    void flinkStyleKeysSetEveryOption() {
        Configuration options = new Configuration();
        options.setString("sink.shard-id", "3");
        options.setString("sink.delivery-guarantee", "none");
        options.setString("sink.max-in-flight-requests", "2");
        options.setString("sink.retry.max-retries", "7");
        options.setString("sink.retry.timeout", "30s");
        options.setString("sink.buffer.max-records", "5000");
        DataHubSink<byte[]> sink = builder().setOptions(options).build();
        assertThat(sink.getRouting()).hasToString("toShard(3)");
        assertThat(sink.getConfig().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.NONE);
        assertThat(sink.getConfig().maxInFlightRequests()).isEqualTo(2);
        assertThat(sink.getConfig().maxRetries()).isEqualTo(7);
        assertThat(sink.getConfig().retryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sink.getConfig().bufferMaxRecords()).isEqualTo(5000);
    }

    @Test
    void exactlyOnceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> builder().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no transactions");
    }

    @Test
    void badSettingsNameTheirOption() {
        assertThatThrownBy(() -> builder().setBatchMaxRecords(10_001))
                .hasMessageContaining("sink.batch.max-records");
        assertThatThrownBy(() -> builder().setBatchMaxBytes(5L * 1024 * 1024))
                .hasMessageContaining("4 MiB");
        assertThatThrownBy(() -> builder().setMaxInFlightRequests(0))
                .hasMessageContaining("sink.max-in-flight-requests");
        assertThatThrownBy(() -> builder().setShardId("x1")).hasMessageContaining("decimal");
        Configuration both = new Configuration();
        both.setString("sink.shard-id", "0");
        both.setString("sink.hash-fields", "a");
        assertThatThrownBy(() -> builder().setOptions(both)).hasMessageContaining("not both");
        assertThatThrownBy(
                        () ->
                                builder()
                                        .setBatchMaxRecords(1000)
                                        .setBufferLimits(10, 1 << 20)
                                        .build())
                .hasMessageContaining("sink.buffer.max-records");
        assertThatThrownBy(
                        () ->
                                DataHubSink.<byte[]>builder()
                                        .setConnection(CONNECTION)
                                        .setProject("demo")
                                        .setTopic("events")
                                        .build())
                .hasMessageContaining("serializer");
    }

    @Test
    void toStringHidesTheAccessKey() {
        assertThat(builder().build().toString())
                .contains("demo/events")
                .doesNotContain("secret-key");
    }
}
