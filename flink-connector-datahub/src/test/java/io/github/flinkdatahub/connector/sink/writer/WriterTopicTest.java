package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.DataHubSinkException;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A writer's start-up against the emulator: throttled reads retried within the sink's budget. */
class WriterTopicTest {
    private static final String P = "startup_test";
    private static final int MAX_RETRIES = 5;

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    static DataHubClient client;
    static DataHubConnection connection;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
        client.createProject(P, "");
    }

    @Test
    void aThrottledStartUpIsRetriedAndTheWriterThenWrites() throws Exception {
        String topic = "throttled_start";
        client.createBlobTopic(P, topic, 1, 1, "");
        long throttledBefore = DATAHUB.faults().throttledCount();
        // Fewer throttled answers than the retry budget: start-up must outlast them.
        DATAHUB.faults().set(P, topic, FaultRule.none().throttleRate(1.0).maxFaults(3));
        DataHubSinkWriter<byte[]> writer = writer(topic);
        try {
            assertThat(DATAHUB.faults().throttledCount() - throttledBefore).isEqualTo(3);
            writer.write(new byte[] {7}, null);
            writer.flush(false);
            assertThat(TopicContents.all(client, P, topic)).hasSize(1);
        } finally {
            writer.close();
        }
    }

    @Test
    void aStartUpThrottledBeyondMaxRetriesFailsNamingTheTopic() {
        String topic = "throttled_for_good";
        client.createBlobTopic(P, topic, 1, 1, "");
        long throttledBefore = DATAHUB.faults().throttledCount();
        DATAHUB.faults().set(P, topic, FaultRule.none().throttleRate(1.0));
        try {
            assertThatThrownBy(() -> writer(topic))
                    .isInstanceOf(DataHubSinkException.class)
                    .hasMessageContaining("Reading DataHub topic " + P + "/" + topic + " failed")
                    .hasMessageContaining("LimitExceeded");
            // The first read and exactly sink.retry.max-retries retries.
            assertThat(DATAHUB.faults().throttledCount() - throttledBefore)
                    .isEqualTo(1 + MAX_RETRIES);
        } finally {
            DATAHUB.faults().set(P, topic, FaultRule.none());
        }
    }

    private static DataHubSinkWriter<byte[]> writer(String topic) {
        return new DataHubSinkWriter<>(
                new DataHubSinkWriterTest.TestContext(),
                connection,
                P,
                topic,
                DataHubSerializationSchema.blobBytes(),
                DataHubRouting.roundRobin(),
                TestWriterConfigs.retrying(
                        MAX_RETRIES,
                        Duration.ofMinutes(1),
                        Duration.ofMillis(10),
                        Duration.ofMillis(100)));
    }
}
