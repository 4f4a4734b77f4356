package io.github.flinkdatahub.connector.source.enumerator;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;

import io.github.flinkdatahub.connector.source.StartingPosition;
import io.github.flinkdatahub.connector.source.StartingPosition.OffsetResetStrategy;
import io.github.flinkdatahub.connector.source.StoppingPosition;
import io.github.flinkdatahub.connector.source.enumerator.assigner.ShardAssigner;
import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker.Status;
import io.github.flinkdatahub.connector.source.event.SplitsFinishedEvent;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.connector.testutil.FakeDataHubClient.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The enumerator's discovery edge cases against a scripted client, driven through Flink's mock
 * enumerator context: failed listings, shards that appear after a split or merge, expired parents,
 * an empty listing and the resolution of starting positions. The lineage end to end over HTTP is in
 * {@link DataHubSourceEnumeratorTest}.
 */
class DataHubSourceEnumeratorDiscoveryTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final String SUBSCRIPTION = "sub-1";
    private static final long T0 = 1_700_000_000_000L;

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC);
    private MockSplitEnumeratorContext<ShardSplit> context;
    private DataHubSourceEnumerator enumerator;

    @AfterEach
    void close() throws Exception {
        if (enumerator != null) {
            enumerator.close();
        }
        if (context != null) {
            context.close();
        }
    }

    /** Started, with every reader registered; nothing listed yet. */
    private DataHubSourceEnumerator start(
            int parallelism, StartingPosition start, @Nullable StoppingPosition stop) {
        context = new MockSplitEnumeratorContext<>(parallelism);
        enumerator =
                new DataHubSourceEnumerator(
                        context,
                        fake.connection(),
                        PROJECT,
                        TOPIC,
                        SUBSCRIPTION,
                        start,
                        stop,
                        Duration.ofMinutes(10),
                        ShardAssigner.uniform(),
                        EnumeratorState.initial());
        enumerator.start();
        for (int r = 0; r < parallelism; r++) {
            context.registerReader(new ReaderInfo(r, "host-" + r));
            enumerator.addReader(r);
        }
        return enumerator;
    }

    private DataHubSourceEnumerator startUnbounded(int parallelism) {
        return start(parallelism, StartingPosition.earliest(), null);
    }

    private void discover() throws Throwable {
        context.runPeriodicCallable(0);
    }

    private void finish(int reader, String... shardIds) {
        enumerator.handleSourceEvent(reader, new SplitsFinishedEvent(List.of(shardIds)));
    }

    private ShardSplit assigned(String shardId) {
        return Assignments.of(context, shardId);
    }

    private Map<String, Status> statuses() {
        Map<String, Status> out = new HashMap<>();
        enumerator
                .tracker()
                .snapshot()
                .forEach((split, status) -> out.put(split.splitId(), status));
        return out;
    }

    @Test
    void failedFirstListingFailsTheEnumeratorSoTheJobRestarts() {
        fake.withShards(2).failNext(Call.LIST_SHARD, throttled());
        startUnbounded(2);

        assertThatThrownBy(this::discover)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "Cannot list the shards of DataHub topic p/t to start reading: [LimitExceeded]");
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(enumerator.tracker().size()).isZero();
    }

    @Test
    void failedLaterListingChangesNothingAndTheNextOneFindsTheNewShards() throws Throwable {
        fake.withShards(2);
        startUnbounded(2);
        discover();
        fake.split("1");
        fake.failNext(Call.LIST_SHARD, throttled());

        discover();
        assertThat(statuses())
                .containsOnly(Map.entry("0", Status.ASSIGNED), Map.entry("1", Status.ASSIGNED));

        discover();
        assertThat(statuses())
                .containsOnly(
                        Map.entry("0", Status.ASSIGNED),
                        Map.entry("1", Status.ASSIGNED),
                        Map.entry("2", Status.UNASSIGNED),
                        Map.entry("3", Status.UNASSIGNED));
        assertThat(fake.calls())
                .containsExactly("listShard", "listShard -> LimitExceeded", "listShard");
    }

    @Test
    void childrenOfASplitFoundLaterStartAtTheirBeginningOnTheParentsReaderOnceItFinished()
            throws Throwable {
        fake.withShards(2);
        startUnbounded(2);
        discover();
        fake.split("1");
        discover();
        finish(0, "0");
        assertThat(context.getSplitsAssignmentSequence()).as("0 is no parent of theirs").hasSize(1);

        finish(1, "1");

        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0")), Map.entry(1, List.of("1", "2", "3")));
        for (String child : List.of("2", "3")) {
            ShardSplit split = assigned(child);
            assertThat(split.parentShardIds()).containsExactly("1");
            assertThat(split.position()).isEqualTo(ShardPosition.earliest());
            assertThat(split.isBounded()).isFalse();
        }
    }

    @Test
    void mergedShardWaitsForBothParentsToFinish() throws Throwable {
        fake.withShards(2);
        startUnbounded(2);
        discover();
        fake.merge("0", "1");
        discover();

        finish(1, "1");
        assertThat(context.getSplitsAssignmentSequence())
                .as("parent 0 is still being read")
                .hasSize(1);
        assertThat(statuses()).containsEntry("2", Status.UNASSIGNED);

        finish(0, "0");
        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        assertThat(assigned("2").parentShardIds()).containsExactly("0", "1");
        assertThat(assigned("2").position()).isEqualTo(ShardPosition.earliest());
    }

    @Test
    void shardsSplitTwiceBetweenTwoDiscoveriesAreReadGenerationByGeneration() throws Throwable {
        fake.withShards(1);
        startUnbounded(1);
        discover();
        fake.split("0"); // 1, 2
        fake.split("1"); // 3, 4
        discover();

        finish(0, "0");
        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1", "2")));
        finish(0, "1");

        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1", "2", "3", "4")));
    }

    @Test
    void initialDiscoveryOfAReshardedTopicReadsTheClosedParentBeforeItsChildren() throws Throwable {
        fake.withShards(1).split("0");
        startUnbounded(1);

        discover();
        assertThat(Assignments.idsByReader(context)).containsOnly(Map.entry(0, List.of("0")));

        finish(0, "0");
        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1", "2")));
    }

    @Test
    void childWhoseParentExpiredIsAssignedAtOnce() throws Throwable {
        fake.withShards(1).split("0");
        fake.expire("0");
        startUnbounded(1);

        discover();

        assertThat(Assignments.idsByReader(context)).containsOnly(Map.entry(0, List.of("1", "2")));
    }

    @Test
    void parentThatExpiresWhileBeingReadStopsBlockingItsChildren() throws Throwable {
        fake.withShards(1);
        startUnbounded(1);
        discover();
        fake.split("0");
        discover();
        assertThat(statuses()).containsEntry("1", Status.UNASSIGNED);

        fake.expire("0");
        discover();

        assertThat(Assignments.idsByReader(context))
                .containsOnly(Map.entry(0, List.of("0", "1", "2")));
    }

    @Test
    void emptyListingAssignsNothingUntilAShardAppears() throws Throwable {
        startUnbounded(1);
        discover();
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).as("unbounded: more may come").isFalse();

        fake.withShards(1);
        discover();

        assertThat(Assignments.idsByReader(context)).containsOnly(Map.entry(0, List.of("0")));
    }

    @Test
    void boundedEnumeratorOnAnEmptyListingSignalsNoMoreSplitsAtOnce() throws Throwable {
        start(2, StartingPosition.earliest(), StoppingPosition.latest());

        context.runNextOneTimeCallable();

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void latestStartAndStopResolveToEachShardsNextSequence() throws Throwable {
        fake.withShards(2).shard("0").append(T0, "a", "b", "c");
        start(2, StartingPosition.latest(), StoppingPosition.latest());

        context.runNextOneTimeCallable();

        assertThat(assigned("0").position()).isEqualTo(ShardPosition.sequence(3, 0));
        assertThat(assigned("0").stopSequence()).isEqualTo(3);
        assertThat(assigned("1").position())
                .as("empty: everything from now on")
                .isEqualTo(ShardPosition.sequence(0, 0));
        assertThat(assigned("1").stopSequence()).isZero();
    }

    @Test
    void latestStartFailsTheEnumeratorWhenAShardsNewestRecordCannotBeLookedUp() {
        fake.withShards(2).shard("0").append(T0, "a", "b", "c");
        fake.failNext(Call.GET_CURSOR, throttled());
        start(2, StartingPosition.latest(), null);

        // Throttling says nothing about the shard: taken for "empty" it would start at sequence 0
        // and read the three old records again.
        assertThatThrownBy(this::discover)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "Cannot list the shards of DataHub topic p/t to start reading");
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
    }

    @Test
    void subscriptionStartResumesAfterTheCommittedRecordAndResetsShardsWithoutOffset()
            throws Throwable {
        fake.withShards(2).committedOffset("0", 5, 2);
        fake.shard("1").append(T0, "a", "b");
        start(2, StartingPosition.fromSubscription(OffsetResetStrategy.LATEST), null);

        discover();

        assertThat(assigned("0").position())
                .as("after record 5, batch index 2")
                .isEqualTo(ShardPosition.sequence(5, 3));
        assertThat(assigned("1").position())
                .as("reset to latest")
                .isEqualTo(ShardPosition.sequence(2, 0));
        assertThat(fake.calls()).contains("getSubscriptionOffset [0, 1]");
    }

    @Test
    void subscriptionStartWithoutOffsetFailsWhenTheResetStrategySaysSo() {
        fake.withShards(2).committedOffset("0", 5, 0);
        start(2, StartingPosition.fromSubscription(OffsetResetStrategy.FAIL), null);

        assertThatThrownBy(this::discover)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "Shard 1 of p/t has no offset committed to subscription sub-1");
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
    }

    @Test
    void failedOffsetLookupAtStartFailsTheEnumerator() {
        fake.withShards(1).failNext(Call.GET_SUBSCRIPTION_OFFSET, throttled());
        start(1, StartingPosition.fromSubscription(OffsetResetStrategy.EARLIEST), null);

        assertThatThrownBy(this::discover)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "Cannot list the shards of DataHub topic p/t to start reading");
        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
    }

    @Test
    void enumeratorOpensOneClientAtStartAndClosesItAtClose() throws Exception {
        fake.withShards(1);
        startUnbounded(1);
        assertThat(fake.openedClients()).isEqualTo(1);

        enumerator.close();
        enumerator = null;

        assertThat(fake.closedClients()).isEqualTo(1);
    }
}
