package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One DataHub blob topic per test case of Flink's connector test suite. A "split" of the suite is a
 * shard: DataHub cannot add an open shard to a topic through our client (and a split or merge
 * closes its parents), so the topic is created with {@link #SHARDS} shards, the most any suite case
 * asks for, and each split writer takes the next unused shard. Shards no writer took stay empty,
 * which the source must handle too (bounded cases finish only if empty shards finish).
 */
final class DataHubSourceExternalContext implements DataStreamSourceExternalContext<String> {
    static final int SHARDS = 4;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final DataHubClient client;
    private final DataHubConnection connection;
    private final String project;
    private final String topic;
    private final List<String> shardIds;
    private int nextShard;

    DataHubSourceExternalContext(
            DataHubClient client, DataHubConnection connection, String project, String testName) {
        this.client = client;
        this.connection = connection;
        this.project = project;
        String suffix = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String name = "suite_" + TOPICS.incrementAndGet() + "_" + suffix;
        this.topic = name.substring(0, Math.min(100, name.length()));
        client.createBlobTopic(project, topic, SHARDS, 1, "connector test suite: " + testName);
        client.waitShardsReady(project, topic);
        this.shardIds =
                client.listShard(project, topic).getShards().stream()
                        .map(Shard::getShardId)
                        .sorted(Comparator.comparingInt(Integer::parseInt))
                        .collect(Collectors.toList());
    }

    @Override
    public Source<String, ?, ?> createSource(TestingSourceSettings settings) {
        DataHubSourceBuilder<String> builder =
                DataHubSource.<String>builder()
                        .setConnection(connection)
                        .setProject(project)
                        .setTopic(topic)
                        .setDeserializer(
                                DataHubDeserializationSchema.blob(new SimpleStringSchema()))
                        .setShardDiscoveryInterval(Duration.ofMillis(500))
                        .setEmptyFetchInterval(Duration.ofMillis(20));
        if (settings.getBoundedness() == Boundedness.BOUNDED) {
            builder.setBounded(StoppingPosition.latest());
        }
        return builder.build();
    }

    @Override
    public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        if (nextShard >= shardIds.size()) {
            throw new IllegalStateException(
                    "Topic "
                            + project
                            + "/"
                            + topic
                            + " has only "
                            + shardIds.size()
                            + " shards and each split writer needs its own; raise DataHubSourceExternalContext.SHARDS");
        }
        return new ShardWriter(shardIds.get(nextShard++));
    }

    @Override
    public List<String> generateTestData(
            TestingSourceSettings settings, int splitIndex, long seed) {
        Random random = new Random(seed);
        int count = 50 + random.nextInt(150);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder payload = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int c = 0; c < length; c++) {
                payload.append((char) ('a' + random.nextInt(26)));
            }
            records.add("split-" + splitIndex + "-" + i + "-" + payload);
        }
        return records;
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        // The MiniCluster runs in this JVM with the connector on the class path.
        return List.of();
    }

    @Override
    public void close() {
        client.deleteTopic(project, topic);
    }

    @Override
    public String toString() {
        return "DataHub topic (" + SHARDS + " shards)";
    }

    /** Writes one split's records, in order, to one shard. */
    private final class ShardWriter implements ExternalSystemSplitDataWriter<String> {
        private final String shardId;

        ShardWriter(String shardId) {
            this.shardId = shardId;
        }

        @Override
        public void writeRecords(List<String> records) {
            List<BlobRecord> batch = new ArrayList<>();
            for (String r : records) {
                batch.add(BlobRecord.of(r.getBytes(StandardCharsets.UTF_8)));
                if (batch.size() == 100) {
                    client.putRecordsByShard(project, topic, shardId, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                client.putRecordsByShard(project, topic, shardId, batch);
            }
        }

        @Override
        public void close() {}
    }
}
