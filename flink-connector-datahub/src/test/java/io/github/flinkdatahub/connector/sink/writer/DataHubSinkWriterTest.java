package io.github.flinkdatahub.connector.sink.writer;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultRule;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer on the test thread with a real task mailbox (as in a task), against the emulator:
 * flow control and acknowledgement, which a job cannot observe from outside.
 */
class DataHubSinkWriterTest {
    private static final String P = "writer_test";
    static DataHubEmulator emulator;
    static DataHubClient client;
    static DataHubConnection connection;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        connection = EmulatorConnections.builder(emulator).build();
        client.createProject(P, "");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static WriterConfig config(int batch, int maxInFlight, int bufferRecords) {
        return new WriterConfig(batch, 1 << 20, Duration.ofHours(1), maxInFlight, bufferRecords, 1 << 24, 5,
                Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1),
                DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void writeBlocksWhileTooMuchIsUnsentAndPutsInFlightStayBounded() throws Exception {
        String topic = "bounded_flow";
        client.createBlobTopic(P, topic, 2, 1, "");
        // Slow puts: the writer must wait for them instead of piling up requests or records.
        emulator.faults().set(P, topic, FaultRule.none().latencyMillis(100));
        TestContext ctx = new TestContext();
        DataHubSinkWriter<byte[]> writer = new DataHubSinkWriter<>(ctx, connection, P, topic,
                DataHubSerializationSchema.blobBytes(), DataHubRouting.roundRobin(), config(10, 2, 30));
        try {
            int maxInFlight = 0;
            long started = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                writer.write(new byte[] {(byte) i}, null);
                maxInFlight = Math.max(maxInFlight, writer.inFlightRequests());
            }
            long writeMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(maxInFlight).isEqualTo(2);
            // 200 records, 10 per put, 2 puts of >= 100 ms at a time: at least 8 rounds of 15 acknowledged puts were waited for.
            assertThat(writeMillis).isGreaterThanOrEqualTo(700);
            assertThat(writer.metrics().acknowledgedCount()).isLessThan(200);

            writer.flush(false);
            assertThat(writer.inFlightRequests()).isZero();
            assertThat(writer.metrics().acknowledgedCount()).isEqualTo(200);
        } finally {
            emulator.faults().clear(P, topic);
            writer.close();
        }
    }

    @Test
    void flushReturnsOnlyWhenRefusedRecordsWereRetriedAndAcknowledged() throws Exception {
        String topic = "flush_retries";
        client.createBlobTopic(P, topic, 1, 1, "");
        // The first two puts are refused as throttled, then everything passes.
        emulator.faults().set(P, topic, FaultRule.none().partialPutFailureRate(1.0).maxFaults(2));
        TestContext ctx = new TestContext();
        DataHubSinkWriter<byte[]> writer = new DataHubSinkWriter<>(ctx, connection, P, topic,
                DataHubSerializationSchema.blobBytes(), DataHubRouting.roundRobin(), config(100, 1, 1000));
        try {
            for (int i = 0; i < 50; i++) {
                writer.write(new byte[] {(byte) i}, null);
            }
            writer.flush(false);
            assertThat(writer.metrics().acknowledgedCount()).isEqualTo(50);
            assertThat(writer.metrics().retriesCount()).isEqualTo(100);
            assertThat(writer.metrics().throttledCount()).isEqualTo(2);
            assertThat(client.getCursor(P, topic, "0", io.github.flinkdatahub.client.model.CursorType.LATEST)
                    .getSequence()).isEqualTo(49);
        } finally {
            emulator.faults().clear(P, topic);
            writer.close();
        }
    }

    /** A writer context with a task mailbox owned by the test thread and timers that never fire. */
    static final class TestContext implements WriterInitContext {
        private final MailboxExecutorImpl mailbox = new MailboxExecutorImpl(
                new TaskMailboxImpl(Thread.currentThread()), 0, StreamTaskActionExecutor.IMMEDIATE);
        private final SinkWriterMetricGroup metrics = UnregisteredMetricsGroup.createSinkWriterMetricGroup();

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }

        @Override
        public MailboxExecutor getMailboxExecutor() {
            return mailbox;
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            return new ProcessingTimeService() {
                @Override
                public long getCurrentProcessingTime() {
                    return System.currentTimeMillis();
                }

                @Override
                public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
                    return null;
                }
            };
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
            return null;
        }

        @Override
        public boolean isObjectReuseEnabled() {
            return false;
        }

        @Override
        public <IN> TypeSerializer<IN> createInputSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return OptionalLong.empty();
        }

        @Override
        public JobInfo getJobInfo() {
            return new JobInfoImpl(new JobID(), "test");
        }

        @Override
        public TaskInfo getTaskInfo() {
            return new TaskInfoImpl("writer", 1, 0, 1, 0);
        }
    }
}
