package io.github.flinkdatahub.connector.source;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.deserializer.DataHubDeserializationSchema;
import io.github.flinkdatahub.connector.source.enumerator.DataHubSourceEnumerator;
import io.github.flinkdatahub.connector.source.enumerator.EnumeratorState;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.event.SplitsFinishedEvent;
import io.github.flinkdatahub.connector.source.reader.DataHubSourceReader;
import io.github.flinkdatahub.connector.source.reader.DataHubSourceReaderFactory;
import io.github.flinkdatahub.connector.source.reader.FetchSettings;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.source.split.ShardSplitSerializer;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_INITIAL_EMPTY_INTERVAL;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_BYTES;
import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Finished-split durability of {@link DataHubSourceReader}, driven through Flink's testing reader
 * context against the emulator over HTTP: a split read to its end stays in the reader's snapshots
 * (marked finished) until a checkpoint taken after the finish completes, and a reader restored from
 * such a snapshot tells the enumerator again instead of reading the shard again. Also the positions
 * of empty shards, whose LATEST cursor names no record.
 */
class DataHubSourceReaderTest {
    private static final String PROJECT = "reader_finish";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    static DataHubClient client;
    static DataHubConnection connection;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        client.createProject(PROJECT, "reader tests");
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
    }

    @BeforeEach
    void topicName(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        topic = "t_" + method.substring(0, Math.min(method.length(), 60));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /**
     * A one-shard topic with {@code count} records in shard 0, then split: 0 is CLOSED, 1 and 2 are
     * its children.
     */
    private void closedShardWithRecords(int count) {
        client.createBlobTopic(PROJECT, topic, 1, 1, "reader test");
        client.waitShardsReady(PROJECT, topic);
        put("0", 0, count);
        // The emulator refuses to split a shard younger than its cool-down.
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, "0");
        client.waitShardsReady(PROJECT, topic);
    }

    private void put(String shardId, int from, int to) {
        List<BlobRecord> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(BlobRecord.of(("r" + i).getBytes(StandardCharsets.UTF_8)));
        }
        client.putRecordsByShard(PROJECT, topic, shardId, batch);
    }

    private DataHubSourceReader<String> reader(TestingReaderContext context) throws Exception {
        DataHubSourceReader<String> reader =
                new DataHubSourceReaderFactory<>(
                                connection,
                                PROJECT,
                                topic,
                                null,
                                DataHubDeserializationSchema.blob(new SimpleStringSchema()),
                                new FetchSettings(
                                        1000,
                                        SCAN_FETCH_INITIAL_EMPTY_INTERVAL.defaultValue(),
                                        Duration.ofMillis(20),
                                        Duration.ofSeconds(1),
                                        SCAN_FETCH_MAX_BUFFERED_BYTES.defaultValue().getBytes()),
                                false)
                        .create(context);
        closeables.add(reader);
        reader.start();
        return reader;
    }

    private MockSplitEnumeratorContext<ShardSplit> enumeratorContext() {
        MockSplitEnumeratorContext<ShardSplit> context = new MockSplitEnumeratorContext<>(1);
        closeables.add(context);
        return context;
    }

    private DataHubSourceEnumerator enumerator(
            MockSplitEnumeratorContext<ShardSplit> context, @Nullable StoppingPosition stop)
            throws Exception {
        return enumerator(context, StartingPosition.earliest(), stop);
    }

    private DataHubSourceEnumerator enumerator(
            MockSplitEnumeratorContext<ShardSplit> context,
            StartingPosition start,
            @Nullable StoppingPosition stop)
            throws Exception {
        DataHubSourceEnumerator e =
                new DataHubSourceEnumerator(
                        context,
                        connection,
                        PROJECT,
                        topic,
                        null,
                        start,
                        stop,
                        Duration.ofMinutes(10),
                        ShardAssigner.uniform(),
                        EnumeratorState.initial());
        closeables.add(e);
        e.start();
        context.registerReader(new ReaderInfo(0, "localhost"));
        e.addReader(0);
        return e;
    }

    private static List<ShardSplit> assigned(MockSplitEnumeratorContext<ShardSplit> context) {
        List<ShardSplit> out = new ArrayList<>();
        for (SplitsAssignment<ShardSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment().values().forEach(out::addAll);
        }
        return out;
    }

    private static List<String> assignedIds(MockSplitEnumeratorContext<ShardSplit> context) {
        return assigned(context).stream().map(ShardSplit::splitId).collect(Collectors.toList());
    }

    /**
     * Polls the reader in this thread (as the task thread would) until {@code done}, failing after
     * the timeout. Polls also when the reader says nothing is available: the finished event is sent
     * from pollNext.
     */
    private static void pollUntil(
            DataHubSourceReader<String> reader,
            TestingReaderOutput<String> output,
            BooleanSupplier done,
            String what)
            throws Exception {
        waitUtil(
                () -> {
                    try {
                        while (!done.getAsBoolean()
                                && reader.pollNext(output) == InputStatus.MORE_AVAILABLE) {
                            // drain what the fetcher handed over
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return done.getAsBoolean();
                },
                TIMEOUT,
                Duration.ofMillis(10),
                what);
    }

    private static List<String> finishedIds(TestingReaderContext context) {
        List<String> ids = new ArrayList<>();
        for (SourceEvent e : context.getSentEvents()) {
            if (e instanceof SplitsFinishedEvent) {
                ids.addAll(((SplitsFinishedEvent) e).shardIds());
            }
        }
        return ids;
    }

    private static ShardSplit roundTrip(ShardSplit split) throws Exception {
        return ShardSplitSerializer.INSTANCE.deserialize(
                ShardSplitSerializer.INSTANCE.getVersion(),
                ShardSplitSerializer.INSTANCE.serialize(split));
    }

    private static List<String> records(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("r" + i);
        }
        return out;
    }

    @Test
    void closedShardReadToItsEndStaysInSnapshotsUntilACheckpointTakenAfterTheFinishCompletes()
            throws Throwable {
        closedShardWithRecords(120);
        MockSplitEnumeratorContext<ShardSplit> enumContext = enumeratorContext();
        enumerator(enumContext, null);
        enumContext.runPeriodicCallable(0);
        assertThat(assignedIds(enumContext))
                .as("the children wait for their parent")
                .containsExactly("0");
        ShardSplit parent = assigned(enumContext).get(0);

        TestingReaderContext context = new TestingReaderContext();
        DataHubSourceReader<String> reader = reader(context);
        reader.addSplits(List.of(parent));
        // A checkpoint whose snapshot was taken while the shard was still being read.
        List<ShardSplit> before = reader.snapshotState(1);
        assertThat(before).singleElement().satisfies(s -> assertThat(s.isFinished()).isFalse());
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        pollUntil(reader, output, () -> finishedIds(context).contains("0"), "shard 0 finished");

        assertThat(output.getEmittedRecords()).containsExactlyElementsOf(records(0, 120));
        assertThat(finishedIds(context)).containsExactly("0");

        reader.notifyCheckpointComplete(1);
        List<ShardSplit> snapshot = reader.snapshotState(2);
        assertThat(snapshot)
                .as("checkpoint 1 was taken before the finish: it does not cover it")
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.splitId()).isEqualTo("0");
                            assertThat(s.isFinished()).isTrue();
                            assertThat(s.position()).isEqualTo(ShardPosition.sequence(120, 0));
                        });
        assertThat(reader.snapshotState(3))
                .as("still not covered by a completed checkpoint")
                .hasSize(1);

        reader.notifyCheckpointComplete(2);

        assertThat(reader.snapshotState(4)).as("checkpoint 2 holds the finished split").isEmpty();
        assertThat(finishedIds(context))
                .as("the finish is reported once by this reader")
                .containsExactly("0");
    }

    @Test
    void readerRestoredWithAFinishedSplitReportsItAgainAndDoesNotReadTheShardAgain()
            throws Throwable {
        closedShardWithRecords(50);
        MockSplitEnumeratorContext<ShardSplit> enumContext = enumeratorContext();
        DataHubSourceEnumerator enumerator = enumerator(enumContext, null);
        enumContext.runPeriodicCallable(0);
        ShardSplit parent = assigned(enumContext).get(0);

        TestingReaderContext context = new TestingReaderContext();
        DataHubSourceReader<String> reader = reader(context);
        reader.addSplits(List.of(parent));
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        pollUntil(reader, output, () -> finishedIds(context).contains("0"), "shard 0 finished");
        List<ShardSplit> checkpoint = new ArrayList<>();
        for (ShardSplit s : reader.snapshotState(1)) {
            checkpoint.add(roundTrip(s));
        }
        assertThat(checkpoint).singleElement().satisfies(s -> assertThat(s.isFinished()).isTrue());
        // The enumerator learns of the finish and releases the children.
        for (SourceEvent e : context.getSentEvents()) {
            enumerator.handleSourceEvent(0, e);
        }
        assertThat(assignedIds(enumContext)).containsExactlyInAnyOrder("0", "1", "2");
        // The job fails before checkpoint 1 completes, and restores from it.
        reader.close();
        closeables.remove(reader);

        TestingReaderContext restoredContext = new TestingReaderContext();
        DataHubSourceReader<String> restored = reader(restoredContext);
        // With the restored splits comes a child with one record, a marker: the split reader
        // fetches its shards in the order added, so had shard 0 been handed to it again, that read
        // (its records, or its finish) would come out before the marker.
        ShardSplit child =
                assigned(enumContext).stream()
                        .filter(s -> s.splitId().equals("1"))
                        .findFirst()
                        .orElseThrow();
        put("1", 1000, 1001);
        List<ShardSplit> restoredSplits = new ArrayList<>(checkpoint);
        restoredSplits.add(child);
        restored.addSplits(restoredSplits);

        assertThat(restoredContext.getSentEvents())
                .singleElement()
                .isInstanceOfSatisfying(
                        SplitsFinishedEvent.class,
                        e -> assertThat(e.shardIds()).containsExactly("0"));
        TestingReaderOutput<String> restoredOutput = new TestingReaderOutput<>();
        pollUntil(
                restored,
                restoredOutput,
                () -> restoredOutput.getEmittedRecords().contains("r1000"),
                "the marker read");
        assertThat(restoredOutput.getEmittedRecords())
                .as("the finished shard is not read again")
                .containsExactly("r1000");
        assertThat(restoredContext.getSentEvents()).as("nor finished again").hasSize(1);
        List<ShardSplit> snapshot = restored.snapshotState(2);
        assertThat(snapshot)
                .filteredOn(ShardSplit::isFinished)
                .as("kept until a checkpoint of the restored run" + " completes")
                .containsExactlyElementsOf(checkpoint);
        assertThat(snapshot)
                .filteredOn(s -> !s.isFinished())
                .extracting(ShardSplit::splitId)
                .containsExactly("1");

        // The enumerator treats the repeated finish as a no-op: nothing is assigned twice.
        restoredContext.getSentEvents().forEach(e -> enumerator.handleSourceEvent(0, e));
        assertThat(assignedIds(enumContext)).containsExactlyInAnyOrder("0", "1", "2");

        restored.notifyCheckpointComplete(2);
        assertThat(restored.snapshotState(3))
                .as("only the marker's split is left")
                .extracting(ShardSplit::splitId)
                .containsExactly("1");
    }

    @Test
    void boundedSplitOfAnEmptyShardFinishesAndSkipsRecordsWrittenAfterTheStart() throws Throwable {
        client.createBlobTopic(PROJECT, topic, 2, 1, "reader test");
        client.waitShardsReady(PROJECT, topic);
        put("0", 0, 30);
        MockSplitEnumeratorContext<ShardSplit> enumContext = enumeratorContext();
        enumerator(enumContext, StoppingPosition.latest());
        enumContext.runNextOneTimeCallable();
        assertThat(assignedIds(enumContext)).containsExactlyInAnyOrder("0", "1");
        // Written after the bounded source resolved its stop positions: not part of the bounded
        // read.
        put("0", 30, 35);
        put("1", 100, 105);

        TestingReaderContext context = new TestingReaderContext();
        DataHubSourceReader<String> reader = reader(context);
        reader.addSplits(assigned(enumContext));
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        pollUntil(
                reader,
                output,
                () -> finishedIds(context).containsAll(List.of("0", "1")),
                "both shards finished");

        assertThat(output.getEmittedRecords()).containsExactlyElementsOf(records(0, 30));
    }

    @Test
    void latestStartOnAnEmptyShardReadsItsFirstRecord() throws Throwable {
        client.createBlobTopic(PROJECT, topic, 2, 1, "reader test");
        client.waitShardsReady(PROJECT, topic);
        put("0", 0, 10);
        MockSplitEnumeratorContext<ShardSplit> enumContext = enumeratorContext();
        enumerator(enumContext, StartingPosition.latest(), null);
        enumContext.runPeriodicCallable(0);
        assertThat(assigned(enumContext))
                .extracting(ShardSplit::splitId, ShardSplit::position)
                .containsExactlyInAnyOrder(
                        tuple("0", ShardPosition.sequence(10, 0)),
                        tuple("1", ShardPosition.sequence(0, 0)));

        TestingReaderContext context = new TestingReaderContext();
        DataHubSourceReader<String> reader = reader(context);
        reader.addSplits(assigned(enumContext));
        put("0", 10, 15);
        put("1", 100, 105);
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        pollUntil(reader, output, () -> output.getEmittedRecords().size() >= 10, "10 records read");

        // Records from before the start would be read first: the first ten are exactly the new
        // ones.
        assertThat(output.getEmittedRecords())
                .as("only records written since the start")
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(records(10, 15).stream(), records(100, 105).stream())
                                .collect(Collectors.toList()));
        // A marker per shard, written now: once both are read, anything read again would have come
        // before them.
        put("0", 15, 16);
        put("1", 105, 106);
        pollUntil(
                reader,
                output,
                () -> output.getEmittedRecords().containsAll(List.of("r15", "r105")),
                "the markers read");
        assertThat(output.getEmittedRecords())
                .as("nothing read twice")
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(records(10, 16).stream(), records(100, 106).stream())
                                .collect(Collectors.toList()));
    }

    @Test
    void aPositionWhoseRecordsExpiredContinuesAtTheOldestRetainedRecord() throws Throwable {
        client.createBlobTopic(PROJECT, topic, 1, 1, "reader test");
        client.waitShardsReady(PROJECT, topic);
        put("0", 0, 10);
        // The topic keeps records one day: the first ten expire.
        DATAHUB.emulator().clock().advance(Duration.ofDays(2));
        put("0", 10, 15);
        ShardSplit split =
                new ShardSplit(
                        "0",
                        ShardPosition.sequence(2, 0),
                        List.of(),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false);

        TestingReaderContext context = new TestingReaderContext();
        DataHubSourceReader<String> reader = reader(context);
        reader.addSplits(List.of(split));
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        pollUntil(
                reader,
                output,
                () -> output.getEmittedRecords().size() >= 5,
                "the retained records read");

        assertThat(output.getEmittedRecords()).containsExactlyElementsOf(records(10, 15));
        // A marker written now: once it is read, anything read twice or out of order would show
        // before it.
        put("0", 15, 16);
        pollUntil(
                reader,
                output,
                () -> output.getEmittedRecords().contains("r15"),
                "the marker read");
        assertThat(output.getEmittedRecords()).containsExactlyElementsOf(records(10, 16));
    }
}
