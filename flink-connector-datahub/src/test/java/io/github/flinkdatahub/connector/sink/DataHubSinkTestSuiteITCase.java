package io.github.flinkdatahub.connector.sink;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.TestResource;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.testutils.CommonTestUtils;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's connector test suite for sinks (basic write, restart from a savepoint at the same, a
 * higher and a lower parallelism, the numRecordsSend metric) against the emulator, at-least-once.
 */
class DataHubSinkTestSuiteITCase extends SinkTestSuiteBase<String> {
    private static final String PROJECT = "sink_suite";

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem EmulatorResource emulator = new EmulatorResource();

    @TestContext
    ExternalContextFactory<BlobTopicContext> topics =
            testName -> new BlobTopicContext(DATAHUB.client());

    /** Exactly-once is not offered: DataHub has no transactions. */
    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.AT_LEAST_ONCE};

    @BeforeAll
    static void createProject() {
        DATAHUB.client().createProject(PROJECT, "sink test suite");
    }

    /**
     * The suite's required external system. The emulator itself is {@link #DATAHUB}'s: the suite
     * starts this resource before the class's own extensions, so it has nothing to start.
     */
    static final class EmulatorResource implements TestResource {
        @Override
        public void startUp() {}

        @Override
        public void tearDown() {}
    }

    /** A fresh three-shard blob topic per test case; strings written as UTF-8 blobs. */
    static final class BlobTopicContext implements DataStreamSinkV2ExternalContext<String> {
        private static final AtomicInteger TOPICS = new AtomicInteger();
        private final DataHubClient client;
        private final String topic;

        BlobTopicContext(DataHubClient client) {
            this.client = client;
            this.topic = "suite_" + TOPICS.incrementAndGet();
            client.createBlobTopic(PROJECT, topic, 3, 1, "");
        }

        @Override
        public Sink<String> createSink(TestingSinkSettings sinkSettings) {
            return DataHubSink.<String>builder()
                    .setConnection(EmulatorConnections.builder(DATAHUB.emulator()).build())
                    .setProject(PROJECT)
                    .setTopic(topic)
                    .setSerializer(DataHubSerializationSchema.blob(new SimpleStringSchema()))
                    .setFlushInterval(Duration.ofMillis(50))
                    .build();
        }

        @Override
        public ExternalSystemDataReader<String> createSinkDataReader(
                TestingSinkSettings sinkSettings) {
            return new TopicReader(client, topic);
        }

        @Override
        public List<String> generateTestData(TestingSinkSettings sinkSettings, long seed) {
            Random random = new Random(seed);
            List<String> data = new ArrayList<>();
            int n = 200 + random.nextInt(300);
            for (int i = 0; i < n; i++) {
                data.add(i + "-" + Long.toHexString(random.nextLong()));
            }
            return data;
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return List.of();
        }

        @Override
        public void close() {
            client.deleteTopic(PROJECT, topic);
        }
    }

    /**
     * Returns the records each shard got since the previous poll, waiting up to the timeout for
     * some.
     */
    static final class TopicReader implements ExternalSystemDataReader<String> {
        private final DataHubClient client;
        private final String topic;

        /** Records already returned, by shard: shards only grow at their end. */
        private final Map<String, Integer> returned = new HashMap<>();

        TopicReader(DataHubClient client, String topic) {
            this.client = client;
            this.topic = topic;
        }

        @Override
        public List<String> poll(Duration timeout) {
            List<String> out = new ArrayList<>();
            try {
                CommonTestUtils.waitUtil(
                        () -> readNew(out),
                        timeout,
                        Duration.ofMillis(50),
                        "no new records in " + topic);
            } catch (TimeoutException nothingNew) {
                // The suite polls again until it has what it expects or gives up.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return out;
        }

        private boolean readNew(List<String> out) {
            TopicContents.byShard(client, PROJECT, topic)
                    .forEach(
                            (shard, records) -> {
                                int from = returned.getOrDefault(shard, 0);
                                for (Record r : records.subList(from, records.size())) {
                                    out.add(
                                            new String(
                                                    ((BlobRecord) r).getData(),
                                                    StandardCharsets.UTF_8));
                                }
                                returned.put(shard, records.size());
                            });
            return !out.isEmpty();
        }

        @Override
        public void close() {}
    }
}
