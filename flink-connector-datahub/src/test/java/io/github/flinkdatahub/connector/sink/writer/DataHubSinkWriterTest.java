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
import io.github.flinkdatahub.client.model.BlobRecord;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;
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
            // write() waits: of the 200 records written, at most 30 unsent plus 2 puts (each at
            // most the 30 that gathered while puts were in flight) are not acknowledged, so
            // write() waited for puts of at least 110 records to complete.
            assertThat(writer.metrics().acknowledgedCount()).isBetween(200L - 30 - 2 * 30, 199L);

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

    @Test
    void aThrottledGatheredPutIsSentAgainWithinTheBodyLimitAndEveryRecordArrivesOnceInOrder()
            throws Exception {
        String topic = "gathered_retry";
        client.createBlobTopic(P, topic, 1, 1, "");
        TestContext ctx = new TestContext();
        WriterConfig config =
                new WriterConfig(
                        1,
                        1 << 20,
                        Duration.ofHours(1),
                        1,
                        1000,
                        1 << 24,
                        5,
                        Duration.ofMinutes(1),
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofHours(1),
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        -1);
        DataHubSinkWriter<byte[]> writer =
                new DataHubSinkWriter<>(
                        ctx,
                        connection,
                        P,
                        topic,
                        DataHubSerializationSchema.blobBytes(),
                        DataHubRouting.toShard("0"),
                        config);
        // The first put (one record) and the first gathered put are throttled as a whole; the
        // shard's order holds across both retries.
        long throttledBefore = DATAHUB.faults().throttledCount();
        DATAHUB.faults().set(P, topic, FaultRule.none().throttleRate(1).maxFaults(2));
        try {
            List<String> written = new ArrayList<>();
            String payload = "x".repeat(100_000);
            for (int i = 0; i < 100; i++) {
                String text = String.format(Locale.ROOT, "%03d:%s", i, payload);
                written.add(text);
                // The task mailbox runs only in flush: the 99 records after the first wait.
                writer.write(text.getBytes(StandardCharsets.UTF_8), null);
            }
            writer.flush(false);

            // Records of about 100 KB: a put holds as many as fit in the 4 MB body by the
            // estimate, so the retried gathered put carried that many.
            long room = MAX_REQUEST_BYTES - RecordSizeEstimator.REQUEST_OVERHEAD;
            long perRecord =
                    new RecordSizeEstimator(connection.getWireMode())
                            .estimate(
                                    BlobRecord.of(written.get(0).getBytes(StandardCharsets.UTF_8)));
            long perPut = room / perRecord;
            assertThat(perPut).isBetween(2L, 99L);
            assertThat(DATAHUB.faults().throttledCount() - throttledBefore).isEqualTo(2);
            assertThat(writer.metrics().retriesCount()).isEqualTo(1 + perPut);
            assertThat(writer.metrics().acknowledgedCount()).isEqualTo(100);
            // Compared by index and length: the 10 MB of text would swamp a failure's message.
            assertThat(TopicContents.all(client, P, topic))
                    .extracting(r -> describe(((BlobRecord) r).getData()))
                    .isEqualTo(
                            written.stream()
                                    .map(t -> describe(t.getBytes(StandardCharsets.UTF_8)))
                                    .collect(Collectors.toList()));
        } finally {
            writer.close();
        }
    }

    /** The index a record's text starts with, and its length. */
    private static String describe(byte[] data) {
        return new String(data, 0, 4, StandardCharsets.UTF_8) + data.length;
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
