package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.connector.common.DataHubConnection;
import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker.Status;
import io.github.flinkdatahub.connector.source.event.SplitsFinishedEvent;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.testutil.EmulatorConnections;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The enumerator against the emulator over real HTTP, driven through Flink's mock enumerator
 * context.
 */
class DataHubSourceEnumeratorTest {
    private static final String PROJECT = "enumerator_test";

    /** Longer than any test: the periodic discovery only runs when a test calls it. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofMinutes(10);

    @RegisterExtension
    static final DataHubEmulatorExtension DATAHUB = DataHubEmulatorExtension.builder().build();

    static DataHubClient client;
    static DataHubConnection connection;

    private final List<MockSplitEnumeratorContext<ShardSplit>> contexts = new ArrayList<>();
    private final List<DataHubSourceEnumerator> enumerators = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void createProject() {
        client = DATAHUB.client();
        client.createProject(PROJECT, "enumerator tests");
        connection = EmulatorConnections.builder(DATAHUB.emulator()).build();
    }

    @BeforeEach
    void topicName(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        topic = "t_" + method.substring(0, Math.min(method.length(), 60));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (DataHubSourceEnumerator e : enumerators) {
            e.close();
        }
        for (MockSplitEnumeratorContext<ShardSplit> c : contexts) {
            c.close();
        }
    }

    private void createTopic(int shards) {
        client.createBlobTopic(PROJECT, topic, shards, 1, "enumerator test");
        client.waitShardsReady(PROJECT, topic);
    }

    /**
     * Splits {@code shardId} in the middle; the emulator refuses to split a shard younger than its
     * cool-down.
     */
    private void splitShard(String shardId) {
        DATAHUB.emulator().clock().advance(Duration.ofSeconds(10));
        client.splitShard(PROJECT, topic, shardId);
        client.waitShardsReady(PROJECT, topic);
    }

    private MockSplitEnumeratorContext<ShardSplit> context(int parallelism) {
        MockSplitEnumeratorContext<ShardSplit> context =
                new MockSplitEnumeratorContext<>(parallelism);
        contexts.add(context);
        return context;
    }

    private DataHubSourceEnumerator enumerator(
            MockSplitEnumeratorContext<ShardSplit> context,
            @Nullable StoppingPosition stop,
            EnumeratorState state) {
        DataHubSourceEnumerator e =
                new DataHubSourceEnumerator(
                        context,
                        connection,
                        PROJECT,
                        topic,
                        null,
                        StartingPosition.earliest(),
                        stop,
                        DISCOVERY_INTERVAL,
                        ShardAssigner.uniform(),
                        state);
        enumerators.add(e);
        return e;
    }

    /**
     * An unbounded enumerator, started, with every reader registered and the first listing done.
     */
    private DataHubSourceEnumerator runningUnbounded(MockSplitEnumeratorContext<ShardSplit> context)
            throws Throwable {
        DataHubSourceEnumerator e = enumerator(context, null, EnumeratorState.initial());
        e.start();
        registerAll(context, e);
        discover(context);
        return e;
    }

    private static void register(
            MockSplitEnumeratorContext<ShardSplit> context,
            DataHubSourceEnumerator e,
            int... readers) {
        for (int r : readers) {
            context.registerReader(new ReaderInfo(r, "host-" + r));
            e.addReader(r);
        }
    }

    private static void registerAll(
            MockSplitEnumeratorContext<ShardSplit> context, DataHubSourceEnumerator e) {
        for (int r = 0; r < context.currentParallelism(); r++) {
            register(context, e, r);
        }
    }

    private static void discover(MockSplitEnumeratorContext<ShardSplit> context) throws Throwable {
        context.runPeriodicCallable(0);
    }

    private static Map<String, Status> statuses(DataHubSourceEnumerator e) {
        Map<String, Status> out = new HashMap<>();
        e.tracker().snapshot().forEach((split, status) -> out.put(split.splitId(), status));
        return out;
    }

    @Test
    void assignsNothingUntilEveryReaderRegistered() throws Throwable {
        createTopic(4);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e = enumerator(context, null, EnumeratorState.initial());
        e.start();

        discover(context);
        assertThat(e.tracker().size()).isEqualTo(4);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        register(context, e, 1);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        register(context, e, 0);
        assertThat(context.getSplitsAssignmentSequence()).hasSize(1);
        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1")), Map.entry(1, List.of("2", "3")));
    }

    @Test
    void initialDiscoveryAssignsEveryShardSpreadByTheAssigner() throws Throwable {
        createTopic(6);
        MockSplitEnumeratorContext<ShardSplit> context = context(3);
        DataHubSourceEnumerator e = enumerator(context, null, EnumeratorState.initial());
        e.start();
        registerAll(context, e);
        assertThat(context.getSplitsAssignmentSequence()).as("nothing discovered yet").isEmpty();

        discover(context);

        List<ShardSplit> assigned = Assignments.all(context);
        assertThat(assigned)
                .extracting(ShardSplit::splitId)
                .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5");
        context.getSplitsAssignmentSequence()
                .forEach(
                        a ->
                                a.assignment()
                                        .forEach(
                                                (reader, splits) ->
                                                        splits.forEach(
                                                                s ->
                                                                        assertThat(
                                                                                        ShardAssigner
                                                                                                .uniform()
                                                                                                .assign(
                                                                                                        s,
                                                                                                        3))
                                                                                .isEqualTo(
                                                                                        reader))));
        assertThat(Assignments.idsByReader(context))
                .containsOnly(
                        Map.entry(0, List.of("0", "1")),
                        Map.entry(1, List.of("2", "3")),
                        Map.entry(2, List.of("4", "5")));
        assertThat(assigned)
                .allSatisfy(
                        s -> {
                            assertThat(s.position()).isEqualTo(ShardPosition.earliest());
                            assertThat(s.isBounded()).isFalse();
                            assertThat(s.parentShardIds()).isEmpty();
                        });
        assertThat(statuses(e))
                .hasSize(6)
                .containsValues(Status.ASSIGNED)
                .doesNotContainValue(Status.UNASSIGNED);
    }

    @Test
    void childrenOfASplitAreTrackedAtTheNextDiscoveryButAssignedOnlyAfterTheirParentFinished()
            throws Throwable {
        createTopic(2);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e = runningUnbounded(context);
        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0")), Map.entry(1, List.of("1")));

        splitShard("0");
        discover(context);

        assertThat(statuses(e))
                .containsOnly(
                        Map.entry("0", Status.ASSIGNED),
                        Map.entry("1", Status.ASSIGNED),
                        Map.entry("2", Status.UNASSIGNED),
                        Map.entry("3", Status.UNASSIGNED));
        assertThat(context.getSplitsAssignmentSequence())
                .as("children wait for shard 0")
                .hasSize(1);

        e.handleSourceEvent(1, new SplitsFinishedEvent(List.of("1")));
        assertThat(context.getSplitsAssignmentSequence())
                .as("shard 1 is not their parent")
                .hasSize(1);

        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));

        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        // Both halves of shard 0's range belong to reader 0.
        assertThat(context.getSplitsAssignmentSequence().get(1).assignment().keySet())
                .containsExactly(0);
        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "2", "3")), Map.entry(1, List.of("1")));
        for (String child : List.of("2", "3")) {
            ShardSplit split = Assignments.of(context, child);
            assertThat(split.parentShardIds()).containsExactly("0");
            assertThat(split.position())
                    .as("children start at their beginning")
                    .isEqualTo(ShardPosition.earliest());
            assertThat(split.isBounded()).isFalse();
        }
        assertThat(statuses(e))
                .containsEntry("0", Status.FINISHED)
                .containsEntry("1", Status.FINISHED)
                .containsEntry("2", Status.ASSIGNED)
                .containsEntry("3", Status.ASSIGNED);
    }

    @Test
    void
            inACheckpointedJobChildrenWaitUntilTheParentsFinishIsCheckpointedAndAReaderRestoreUndoesIt()
                    throws Throwable {
        createTopic(1);
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        DataHubSourceEnumerator e = runningUnbounded(context);
        e.snapshotState(1);
        e.notifyCheckpointComplete(1);
        splitShard("0");
        discover(context);

        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        e.snapshotState(2);
        // Region failover: the reader is restored to checkpoint 1, where shard 0 is still being
        // read.
        e.addSplitsBack(List.of(), 0);
        e.notifyCheckpointComplete(2);
        assertThat(context.getSplitsAssignmentSequence())
                .as("children wait for shard 0")
                .hasSize(1);
        assertThat(statuses(e)).containsEntry("0", Status.ASSIGNED);

        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        assertThat(context.getSplitsAssignmentSequence()).hasSize(1);
        e.snapshotState(3);
        e.notifyCheckpointComplete(3);

        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1", "2")));
    }

    @Test
    void repeatedAndUnknownFinishedEventsChangeNothing() throws Throwable {
        createTopic(1);
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        DataHubSourceEnumerator e = runningUnbounded(context);
        splitShard("0");
        discover(context);
        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        Map<ShardSplit, Status> before = e.tracker().snapshot();

        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("no-such-shard")));
        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of()));

        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        assertThat(e.tracker().snapshot()).containsExactlyEntriesOf(before);
        assertThat(e.tracker().isKnown("no-such-shard")).isFalse();
    }

    @Test
    void splitsGivenBackAreAssignedAgainWithTheirPositionsWhenTheReaderReturns() throws Throwable {
        createTopic(4);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e = runningUnbounded(context);
        List<ShardSplit> ofReader1 =
                context.getSplitsAssignmentSequence().get(0).assignment().get(1);
        assertThat(ofReader1).extracting(ShardSplit::splitId).containsExactly("2", "3");

        // Reader 1 fails: Flink unregisters it and gives back what it got since the last
        // checkpoint.
        context.unregisterReader(1);
        List<ShardSplit> givenBack =
                List.of(
                        ofReader1.get(0).withPosition(ShardPosition.sequence(12, 0)),
                        ofReader1.get(1).withPosition(ShardPosition.sequence(7, 2)));
        e.addSplitsBack(givenBack, 1);

        assertThat(statuses(e))
                .containsEntry("2", Status.UNASSIGNED)
                .containsEntry("3", Status.UNASSIGNED)
                .containsEntry("0", Status.ASSIGNED)
                .containsEntry("1", Status.ASSIGNED);
        discover(context);
        assertThat(context.getSplitsAssignmentSequence())
                .as("reader 1 has not come back")
                .hasSize(1);

        register(context, e, 1);

        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        assertThat(context.getSplitsAssignmentSequence().get(1).assignment())
                .containsOnly(Map.entry(1, givenBack));
        assertThat(statuses(e))
                .containsOnlyKeys("0", "1", "2", "3")
                .doesNotContainValue(Status.UNASSIGNED);
    }

    @Test
    void boundedEnumeratorSignalsNoMoreSplitsOnceEverySplitIsAssigned() throws Throwable {
        createTopic(2);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e =
                enumerator(context, StoppingPosition.latest(), EnumeratorState.initial());
        e.start();
        assertThat(context.getPeriodicCallables()).as("bounded: no periodic discovery").isEmpty();
        registerAll(context, e);

        context.runNextOneTimeCallable();

        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0")), Map.entry(1, List.of("1")));
        assertThat(Assignments.all(context)).allSatisfy(s -> assertThat(s.isBounded()).isTrue());
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void boundedEnumeratorWaitsForChildrenBeforeSignallingNoMoreSplits() throws Throwable {
        createTopic(2);
        splitShard("1");
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e =
                enumerator(context, StoppingPosition.latest(), EnumeratorState.initial());
        e.start();
        registerAll(context, e);

        context.runNextOneTimeCallable();

        assertThat(Assignments.all(context))
                .extracting(ShardSplit::splitId)
                .containsExactlyInAnyOrder("0", "1");
        assertThat(statuses(e))
                .containsEntry("2", Status.UNASSIGNED)
                .containsEntry("3", Status.UNASSIGNED);
        assertThat(context.hasNoMoreSplits(0)).isFalse();
        assertThat(context.hasNoMoreSplits(1)).isFalse();

        e.handleSourceEvent(1, new SplitsFinishedEvent(List.of("1")));

        assertThat(Assignments.all(context))
                .extracting(ShardSplit::splitId)
                .containsExactlyInAnyOrder("0", "1", "2", "3");
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void boundedEnumeratorSignalsNoMoreSplitsAgainToAReaderThatGaveSplitsBack() throws Throwable {
        createTopic(2);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e =
                enumerator(context, StoppingPosition.latest(), EnumeratorState.initial());
        e.start();
        registerAll(context, e);
        context.runNextOneTimeCallable();
        ShardSplit ofReader1 =
                context.getSplitsAssignmentSequence().get(0).assignment().get(1).get(0);

        // What Flink's coordinator does on a subtask reset.
        context.unregisterReader(1);
        context.resetNoMoreSplits(1);
        e.addSplitsBack(List.of(ofReader1), 1);
        register(context, e, 1);

        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        assertThat(context.getSplitsAssignmentSequence().get(1).assignment())
                .containsOnly(Map.entry(1, List.of(ofReader1)));
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void restoredEnumeratorKeepsStatusesAndContinuesTheLineage() throws Throwable {
        createTopic(2);
        MockSplitEnumeratorContext<ShardSplit> context = context(2);
        DataHubSourceEnumerator e = runningUnbounded(context);
        splitShard("0");
        discover(context);
        e.handleSourceEvent(1, new SplitsFinishedEvent(List.of("1")));

        EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();
        EnumeratorState checkpoint =
                serializer.deserialize(
                        serializer.getVersion(), serializer.serialize(e.snapshotState(1)));
        assertThat(checkpoint.initialDiscoveryDone()).isTrue();

        MockSplitEnumeratorContext<ShardSplit> restoredContext = context(2);
        DataHubSourceEnumerator restored = enumerator(restoredContext, null, checkpoint);
        assertThat(statuses(restored))
                .containsOnly(
                        Map.entry("0", Status.ASSIGNED),
                        Map.entry("1", Status.FINISHED),
                        Map.entry("2", Status.UNASSIGNED),
                        Map.entry("3", Status.UNASSIGNED));
        restored.start();
        registerAll(restoredContext, restored);
        discover(restoredContext);

        assertThat(restoredContext.getSplitsAssignmentSequence())
                .as(
                        "assigned and finished splits stay with"
                                + " their readers; the children still wait")
                .isEmpty();

        restored.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        assertThat(restoredContext.getSplitsAssignmentSequence())
                .as("the finish waits for a checkpoint")
                .isEmpty();
        restored.snapshotState(2);
        restored.notifyCheckpointComplete(2);

        assertThat(Assignments.all(restoredContext))
                .extracting(ShardSplit::splitId)
                .containsExactlyInAnyOrder("2", "3");
        assertThat(statuses(restored))
                .containsOnly(
                        Map.entry("0", Status.FINISHED),
                        Map.entry("1", Status.FINISHED),
                        Map.entry("2", Status.ASSIGNED),
                        Map.entry("3", Status.ASSIGNED));
    }

    @Test
    void restoredEnumeratorAssignsNothingBeforeItsFirstDiscoveryLists() throws Throwable {
        // Readers register before the first listing of the restored run; until then no parent can
        // be told apart from an expired one.
        createTopic(1);
        splitShard("0");
        ShardSplit parent =
                new ShardSplit(
                        "0",
                        ShardPosition.sequence(3, 0),
                        List.of(),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false);
        Map<ShardSplit, Status> tracked = new LinkedHashMap<>();
        tracked.put(parent, Status.ASSIGNED);
        for (String child : List.of("1", "2")) {
            tracked.put(
                    new ShardSplit(
                            child,
                            ShardPosition.earliest(),
                            List.of("0"),
                            "0",
                            "1",
                            ShardSplit.NO_STOP,
                            ShardSplit.NO_STOP,
                            false),
                    Status.UNASSIGNED);
        }
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        DataHubSourceEnumerator e = enumerator(context, null, new EnumeratorState(tracked, true));
        e.start();

        registerAll(context, e);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        discover(context);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        // The stale-checkpoint case: the reader re-sends the finish it kept in its own state.
        e.handleSourceEvent(0, new SplitsFinishedEvent(List.of("0")));
        e.snapshotState(5);
        e.notifyCheckpointComplete(5);

        assertThat(Assignments.idsByReader(context)).containsOnly(Map.entry(0, List.of("1", "2")));
    }

    @Test
    void restoredUnboundedEnumeratorRetriesAFailedListingAtTheNextDiscovery() throws Throwable {
        // The topic does not exist yet, so the first listing of the restored run fails.
        ShardSplit waiting =
                new ShardSplit(
                        "0",
                        ShardPosition.sequence(3, 1),
                        List.of(),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false);
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        DataHubSourceEnumerator e =
                enumerator(
                        context,
                        null,
                        new EnumeratorState(Map.of(waiting, Status.UNASSIGNED), true));
        e.start();
        registerAll(context, e);

        discover(context);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();

        createTopic(1);
        discover(context);

        assertThat(Assignments.all(context)).containsExactly(waiting);
    }

    @Test
    void restoredBoundedEnumeratorFailsWhenItsOnlyListingFails() throws Throwable {
        // Bounded mode lists once; a silent failure would leave the job waiting for splits forever.
        ShardSplit waiting =
                new ShardSplit(
                        "0",
                        ShardPosition.earliest(),
                        List.of(),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        10,
                        ShardSplit.NO_STOP,
                        false);
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        DataHubSourceEnumerator e =
                enumerator(
                        context,
                        StoppingPosition.latest(),
                        new EnumeratorState(Map.of(waiting, Status.UNASSIGNED), true));
        e.start();
        registerAll(context, e);

        assertThatThrownBy(context::runNextOneTimeCallable)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "Cannot list the shards of DataHub topic " + PROJECT + "/" + topic);
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
    }

    @Test
    void laterDiscoveryForgetsFinishedShardsThatExpired() throws Throwable {
        createTopic(1);
        MockSplitEnumeratorContext<ShardSplit> context = context(1);
        // A shard from an older checkpoint that the service no longer lists.
        ShardSplit expired =
                new ShardSplit(
                        "expired",
                        ShardPosition.earliest(),
                        List.of(),
                        "00000000000000000000000000000000",
                        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false);
        DataHubSourceEnumerator e =
                enumerator(
                        context, null, new EnumeratorState(Map.of(expired, Status.FINISHED), true));
        e.start();
        registerAll(context, e);

        discover(context);

        assertThat(e.tracker().isKnown("expired")).isFalse();
        assertThat(Assignments.idsByReader(context)).containsOnly(Map.entry(0, List.of("0")));
        assertThat(Assignments.of(context, "0").position())
                .as("found after the start: from its beginning")
                .isEqualTo(ShardPosition.earliest());
    }
}
