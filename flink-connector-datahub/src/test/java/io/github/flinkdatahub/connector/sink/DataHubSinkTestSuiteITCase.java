package io.github.flinkdatahub.connector.sink;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.DataHubEmulator;

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

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's connector test suite for sinks (basic write, restart from a savepoint at the same, a
 * higher and a lower parallelism, the numRecordsSend metric) against the emulator, at-least-once.
 */
class DataHubSinkTestSuiteITCase extends SinkTestSuiteBase<String> {
    private static final String PROJECT = "sink_suite";

    @TestEnv
    MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    EmulatorResource emulator = new EmulatorResource();

    @TestContext
    ExternalContextFactory<BlobTopicContext> topics = testName -> new BlobTopicContext(emulator);

    /** Exactly-once is not offered: DataHub has no transactions. */
    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.AT_LEAST_ONCE};

    /** The emulator as the suite's external system. */
    static final class EmulatorResource implements TestResource {
        DataHubEmulator emulator;
        DataHubClient client;

        @Override
        public void startUp() {
            emulator = DataHubEmulator.builder().build().start();
            client = emulator.client();
            client.createProject(PROJECT, "sink test suite");
        }

        @Override
        public void tearDown() {
            client.close();
            emulator.close();
        }

        DataHubConnection connection() {
            return EmulatorConnections.builder(emulator).build();
        }
    }

    /** A fresh three-shard blob topic per test case; strings written as UTF-8 blobs. */
    static final class BlobTopicContext implements DataStreamSinkV2ExternalContext<String> {
        private static final AtomicInteger TOPICS = new AtomicInteger();
        private final EmulatorResource resource;
        private final String topic;

        BlobTopicContext(EmulatorResource resource) {
            this.resource = resource;
            this.topic = "suite_" + TOPICS.incrementAndGet();
            resource.client.createBlobTopic(PROJECT, topic, 3, 1, "");
        }

        @Override
        public Sink<String> createSink(TestingSinkSettings sinkSettings) {
            return DataHubSink.<String>builder().setConnection(resource.connection()).setProject(PROJECT)
                    .setTopic(topic).setSerializer(DataHubSerializationSchema.blob(new SimpleStringSchema()))
                    .setFlushInterval(Duration.ofMillis(50)).build();
        }

        @Override
        public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings sinkSettings) {
            return new TopicReader(resource.client, topic);
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
            resource.client.deleteTopic(PROJECT, topic);
        }
    }

    /** Reads each shard from where the previous poll stopped. */
    static final class TopicReader implements ExternalSystemDataReader<String> {
        private final DataHubClient client;
        private final String topic;
        private final Map<String, String> cursors = new HashMap<>();

        TopicReader(DataHubClient client, String topic) {
            this.client = client;
            this.topic = topic;
        }

        @Override
        public List<String> poll(Duration timeout) {
            List<String> out = new ArrayList<>();
            for (Shard s : client.listShard(PROJECT, topic).getShards()) {
                String cursor = cursors.computeIfAbsent(s.getShardId(),
                        id -> client.getCursor(PROJECT, topic, id, CursorType.OLDEST).getCursor());
                while (true) {
                    GetRecordsResult r;
                    try {
                        r = client.getBlobRecords(PROJECT, topic, s.getShardId(), cursor, 1000);
                    } catch (ShardSealedException endOfClosedShard) {
                        break;
                    }
                    if (r.getRecordCount() == 0) {
                        break;
                    }
                    for (Record record : r.getRecords()) {
                        out.add(new String(((BlobRecord) record).getData(), StandardCharsets.UTF_8));
                    }
                    cursor = r.getNextCursor();
                }
                cursors.put(s.getShardId(), cursor);
            }
            if (out.isEmpty()) {
                try {
                    Thread.sleep(Math.min(100, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return out;
        }

        @Override
        public void close() {}
    }
}
