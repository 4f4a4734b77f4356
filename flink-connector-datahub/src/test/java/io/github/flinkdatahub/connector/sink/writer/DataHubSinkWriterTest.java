package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.connector.common.DataHubConnection;
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
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer on the test thread with a real task mailbox (as in a task), against the emulator: flow
 * control and acknowledgement, which a job cannot observe from outside.
 */
class DataHubSinkWriterTest {
    private static final String P = "writer_test";

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

    private static WriterConfig config(int batch, int maxInFlight, int bufferRecords) {
        return new WriterConfig(
                batch,
                1 << 20,
                Duration.ofHours(1),
                maxInFlight,
                bufferRecords,
                1 << 24,
                5,
                Duration.ofMinutes(1),
                Duration.ofMillis(10),
                Duration.ofMillis(100),
                Duration.ofMinutes(1),
                DeliveryGuarantee.AT_LEAST_ONCE,
                -1);
    }

    @Test
    void writeBlocksWhileTooMuchIsUnsentAndPutsInFlightStayBounded() throws Exception {
        String topic = "bounded_flow";
        client.createBlobTopic(P, topic, 2, 1, "");
        // Slow puts: the writer must wait for them instead of piling up requests or records.
        DATAHUB.faults().set(P, topic, FaultRule.none().latencyMillis(100));
        TestContext ctx = new TestContext();
        DataHubSinkWriter<byte[]> writer =
                new DataHubSinkWriter<>(
                        ctx,
                        connection,
                        P,
                        topic,
                        DataHubSerializationSchema.blobBytes(),
                        DataHubRouting.roundRobin(),
                        config(10, 2, 30));
        try {
            int maxInFlight = 0;
            for (int i = 0; i < 200; i++) {
                writer.write(new byte[] {(byte) i}, null);
                maxInFlight = Math.max(maxInFlight, writer.inFlightRequests());
            }
            assertThat(maxInFlight).isEqualTo(2);
            // A put is acknowledged only in the task mailbox, which this thread runs only while
            // write() waits: of the 200 records written, at most 30 unsent plus 2 puts of 10 are
            // not acknowledged, so write() waited for at least 15 puts (8 rounds of 2 in flight) to
            // complete.
            assertThat(writer.metrics().acknowledgedCount()).isBetween(200L - 30 - 2 * 10, 199L);

            writer.flush(false);
            assertThat(writer.inFlightRequests()).isZero();
            assertThat(writer.metrics().acknowledgedCount()).isEqualTo(200);
        } finally {
            writer.close();
        }
    }

    @Test
    void flushReturnsOnlyWhenRefusedRecordsWereRetriedAndAcknowledged() throws Exception {
        String topic = "flush_retries";
        client.createBlobTopic(P, topic, 1, 1, "");
        // The first two puts are refused as throttled, then everything passes.
        DATAHUB.faults().set(P, topic, FaultRule.none().partialPutFailureRate(1.0).maxFaults(2));
        TestContext ctx = new TestContext();
        DataHubSinkWriter<byte[]> writer =
                new DataHubSinkWriter<>(
                        ctx,
                        connection,
                        P,
                        topic,
                        DataHubSerializationSchema.blobBytes(),
                        DataHubRouting.roundRobin(),
                        config(100, 1, 1000));
        try {
            for (int i = 0; i < 50; i++) {
                writer.write(new byte[] {(byte) i}, null);
            }
            writer.flush(false);
            assertThat(writer.metrics().acknowledgedCount()).isEqualTo(50);
            assertThat(writer.metrics().retriesCount()).isEqualTo(100);
            assertThat(writer.metrics().throttledCount()).isEqualTo(2);
            assertThat(TopicContents.all(client, P, topic)).hasSize(50);
        } finally {
            writer.close();
        }
    }

    /** A writer context with a task mailbox owned by the test thread and timers that never fire. */
    static final class TestContext implements WriterInitContext {
        private final MailboxExecutorImpl mailbox =
                new MailboxExecutorImpl(
                        new TaskMailboxImpl(Thread.currentThread()),
                        0,
                        StreamTaskActionExecutor.IMMEDIATE);
        private final SinkWriterMetricGroup metrics =
                UnregisteredMetricsGroup.createSinkWriterMetricGroup();

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
                public ScheduledFuture<?> registerTimer(
                        long timestamp, ProcessingTimeCallback target) {
                    return null;
                }
            };
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public SerializationSchema.InitializationContext
                asSerializationSchemaInitializationContext() {
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
