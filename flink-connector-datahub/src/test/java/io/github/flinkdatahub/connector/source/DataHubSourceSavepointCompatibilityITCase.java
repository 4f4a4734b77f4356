package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.testutils.CommonTestUtils;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.checkpoint.metadata.MetadataSerializers;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.ShardBase;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.testutil.CommittedCollectSink;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.connector.testutil.Jobs;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savepoints of older connector versions restore: a job is restored from a savepoint committed
 * under {@code src/test/resources/savepoints/} and must go on exactly where it stopped. The
 * savepoints are written once per state version by {@link #writeVersion1Savepoint} and never
 * regenerated: they stand for savepoints that exist in the wild.
 *
 * <p>A savepoint's metadata format belongs to the Flink that wrote it (the version-1 savepoint was
 * written by Flink 2.2, metadata format 6), and an older Flink cannot read a newer format (Flink
 * 1.20 and 2.0: "Unrecognized checkpoint version number: 6"). On such a Flink the restore test
 * skips itself; that version-1 state is readable on every supported Flink line is proven there by
 * the serializer golden-file tests ({@code ShardSplitSerializerTest}, {@code
 * EnumeratorStateSerializerTest}), which read the committed version-1 bytes without Flink's
 * savepoint format in between.
 */
class DataHubSourceSavepointCompatibilityITCase {
    /** Set to true to write the savepoint of the current state version (only when bumping it). */
    static final String WRITE_SAVEPOINT_PROPERTY = "savepoint.write";

    static final String SAVEPOINT_V1 = "source-split-lineage-v1";

    private static final String PROJECT = "savepoint_compat";
    private static final String TOPIC = "events";
    private static final int RECORDS_PER_SHARD = 20;
    private static final int PARALLELISM = 2;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    /**
     * Phase 1, the same in every fresh emulator (shard ids and sequences are deterministic): two
     * shards, shard 0 split into two children, {@value #RECORDS_PER_SHARD} records in each of the
     * four. Returns the records written, as the job emits them.
     */
    private static List<String> writePhase1(DataHubClient client) {
        client.createProject(PROJECT, "savepoint compatibility");
        client.createBlobTopic(PROJECT, TOPIC, 2, 1, "");
        client.waitShardsReady(PROJECT, TOPIC);
        List<String> written = new ArrayList<>();
        written.addAll(put(client, "p1", "0"));
        written.addAll(put(client, "p1", "1"));
        List<String> children = split(client, "0");
        assertThat(children)
                .as("children of shard 0 (deterministic ids)")
                .containsExactly("2", "3");
        for (String child : children) {
            written.addAll(put(client, "p1", child));
        }
        return written;
    }

    /** Splits a shard once it may be split (new shards have a cool-down on the data clock). */
    private static List<String> split(DataHubClient client, String shardId) {
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        List<String> children =
                client.splitShard(PROJECT, TOPIC, shardId).getNewShards().stream()
                        .map(ShardBase::getShardId)
                        .collect(Collectors.toList());
        client.waitShardsReady(PROJECT, TOPIC);
        return children;
    }

    private static List<String> put(DataHubClient client, String phase, String shardId) {
        List<Record> records = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_SHARD; i++) {
            String line = phase + "|" + shardId + "|" + i;
            records.add(BlobRecord.of(line.getBytes(StandardCharsets.UTF_8)));
            lines.add(line);
        }
        client.putRecordsByShard(PROJECT, TOPIC, shardId, records);
        return lines;
    }

    /**
     * The job of every savepoint here. Its operator uids and parallelism must never change: they
     * are how the restored job finds its state.
     */
    private static StreamExecutionEnvironment job(Configuration conf, String sinkName) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(200);
        DataHubSource<byte[]> source =
                DataHubSource.<byte[]>builder()
                        .setConnection(EmulatorConnections.builder(DATAHUB.emulator()).build())
                        .setProject(PROJECT)
                        .setTopic(TOPIC)
                        .setDeserializer(DataHubDeserializationSchema.blobBytes())
                        .setStartingPosition(StartingPosition.earliest())
                        .setShardDiscoveryInterval(Duration.ofMillis(300))
                        .setEmptyFetchInterval(Duration.ofMillis(50))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "datahub")
                .uid("datahub-source")
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .uid("to-line")
                .sinkTo(new CommittedCollectSink(sinkName))
                .uid("committed-sink");
        return env;
    }

    private static void waitUntilCommitted(String sinkName, List<String> expected)
            throws Exception {
        CommonTestUtils.waitUtil(
                () -> new HashSet<>(CommittedCollectSink.results(sinkName)).containsAll(expected),
                DEADLINE,
                "every expected record committed by " + sinkName);
    }

    @Test
    @EnabledIfSystemProperty(
            named = WRITE_SAVEPOINT_PROPERTY,
            matches = "true",
            disabledReason =
                    "writes the"
                            + " savepoint of the current state version; run with -D"
                            + WRITE_SAVEPOINT_PROPERTY
                            + "=true"
                            + " -Dit.test=DataHubSourceSavepointCompatibilityITCase (only when bumping the state version)")
    void writeVersion1Savepoint(@TempDir Path tmp) throws Exception {
        Path target = Paths.get("src", "test", "resources", "savepoints", SAVEPOINT_V1);
        assertThat(target).as("savepoints are written once and never replaced").doesNotExist();
        List<String> phase1 = writePhase1(DATAHUB.client());

        JobClient job = job(new Configuration(), "phase1").executeAsync("savepoint v1 phase 1");
        waitUntilCommitted("phase1", phase1);
        String savepoint =
                job.stopWithSavepoint(false, tmp.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        assertThat(CommittedCollectSink.results("phase1"))
                .as("phase 1, every record once")
                .containsExactlyInAnyOrderElementsOf(phase1);
        Files.createDirectories(target);
        try (Stream<Path> files =
                Files.list(
                        Paths.get(
                                new org.apache.flink.core.fs.Path(savepoint).toUri().getPath()))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        Files.write(target.resolve("phase1-records.txt"), phase1, StandardCharsets.UTF_8);
    }

    /**
     * Phase 2, written before the restored job starts: {@value #RECORDS_PER_SHARD} more records in
     * each open shard, then shard 1 (read from the savepoint) split and its children written.
     */
    private static List<String> writePhase2(DataHubClient client) {
        List<String> written = new ArrayList<>();
        for (String shard : List.of("1", "2", "3")) {
            written.addAll(put(client, "p2", shard));
        }
        List<String> children = split(client, "1");
        assertThat(children)
                .as("children of shard 1 (deterministic ids)")
                .containsExactly("4", "5");
        for (String child : children) {
            written.addAll(put(client, "p2", child));
        }
        return written;
    }

    @Test
    void aJobRestoredFromAVersion1SavepointReadsEveryLaterRecordOnceAndNoEarlierOneAgain(
            @TempDir Path tmp, @InjectMiniCluster MiniCluster miniCluster) throws Exception {
        assumeThisFlinkReadsTheSavepointFormatOf(SAVEPOINT_V1);
        Path savepoint = savepointCopy(SAVEPOINT_V1, tmp);
        List<String> phase1 = writePhase1(DATAHUB.client());
        assertThat(phase1)
                .as("phase 1 recreated as the savepoint's job read it")
                .containsExactlyElementsOf(
                        Files.readAllLines(savepoint.resolve("phase1-records.txt")));
        List<String> phase2 = writePhase2(DATAHUB.client());

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        // Every state in the savepoint must find its operator: none may be dropped silently.
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        // Set by key: the option's enum type differs between Flink 1.20 (RestoreMode) and 2.x
        // (RecoveryClaimMode); the value NO_CLAIM is the same in both.
        conf.set(
                ConfigOptions.key(StateRecoveryOptions.RESTORE_MODE.key())
                        .stringType()
                        .noDefaultValue(),
                "NO_CLAIM");
        JobClient job =
                job(conf, "restored-v1").executeAsync("restored from a version-1 savepoint");
        waitUntilCommitted("restored-v1", phase2);
        RestoredCheckpointStats restored =
                miniCluster
                        .getExecutionGraph(job.getJobID())
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint();
        Jobs.cancelAndAwait(job);

        assertThat(restored).as("the job was restored from a savepoint").isNotNull();
        assertThat(restored.getExternalPath()).as("restored from").contains(SAVEPOINT_V1);
        // Without the restored enumerator state the job would start over at the earliest records,
        // reading the finished shard 0 and the others again. Each shard's phase-1 records precede
        // its phase-2 ones and a shard stays with one reader, so a re-read record would have been
        // committed before the last phase-2 record of its shard, i.e. before the wait ended.
        assertThat(CommittedCollectSink.results("restored-v1"))
                .as("phase 2 once each, nothing of phase 1")
                .containsExactlyInAnyOrderElementsOf(phase2)
                .doesNotContainAnyElementsOf(phase1);
    }

    /**
     * Skips the test on a Flink older than the one that wrote the savepoint: the metadata file
     * starts with a magic number and the format version, which this Flink must have a reader for.
     */
    private static void assumeThisFlinkReadsTheSavepointFormatOf(String name) throws IOException {
        Path metadata = Paths.get("src", "test", "resources", "savepoints", name, "_metadata");
        int format;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(metadata))) {
            in.readInt(); // magic number
            format = in.readInt();
        }
        boolean readable;
        try {
            MetadataSerializers.getSerializer(format);
            readable = true;
        } catch (IllegalArgumentException e) {
            readable = false;
        }
        Assumptions.assumeTrue(
                readable,
                "savepoint "
                        + name
                        + " has metadata format "
                        + format
                        + ", written by a newer Flink than this one ("
                        + EnvironmentInformation.getVersion()
                        + "), which cannot read it; the serializer golden-file tests prove"
                        + " version-1 state readable here");
    }

    private static Path savepointCopy(String name, Path tmp) throws IOException {
        Path committed = Paths.get("src", "test", "resources", "savepoints", name);
        assertThat(committed.resolve("_metadata")).as("committed savepoint " + name).exists();
        // Restored from a copy: nothing the job does may touch the committed files.
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(committed)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
