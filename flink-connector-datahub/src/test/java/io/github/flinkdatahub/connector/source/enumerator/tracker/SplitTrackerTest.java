package io.github.flinkdatahub.connector.source.enumerator.tracker;

import io.github.flinkdatahub.connector.source.enumerator.tracker.SplitTracker.Status;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTrackerTest {

    /**
     * A and B merge into C, which splits into E and F. The service keeps listing closed shards
     * until they expire, so all five are listed.
     */
    private static final Set<String> LINEAGE_LISTED = Set.of("A", "B", "C", "E", "F");

    private static ShardSplit split(String id, String... parents) {
        return new ShardSplit(
                id,
                ShardPosition.earliest(),
                Arrays.asList(parents),
                "00000000000000000000000000000000",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                ShardSplit.NO_STOP,
                ShardSplit.NO_STOP,
                false);
    }

    private static SplitTracker mergeThenSplitLineage() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(
                List.of(
                        split("A"),
                        split("B"),
                        split("C", "A", "B"),
                        split("E", "C"),
                        split("F", "C")));
        return tracker;
    }

    private static List<String> ids(List<ShardSplit> splits) {
        return splits.stream().map(ShardSplit::splitId).collect(Collectors.toList());
    }

    /** What the enumerator does: take every assignable split and mark it assigned. */
    private static List<String> assignAll(SplitTracker tracker, Set<String> listed) {
        List<String> assigned = ids(tracker.assignable(listed));
        assigned.forEach(tracker::markAssigned);
        return assigned;
    }

    @Test
    void mergedChildIsAssignableOnlyAfterBothParentsFinishAndItsChildrenOnlyAfterIt() {
        SplitTracker tracker = mergeThenSplitLineage();

        assertThat(assignAll(tracker, LINEAGE_LISTED)).containsExactly("A", "B");
        assertThat(tracker.assignable(LINEAGE_LISTED)).isEmpty();

        tracker.markFinished(List.of("A"));
        assertThat(tracker.assignable(LINEAGE_LISTED)).as("C waits for B").isEmpty();

        tracker.markFinished(List.of("B"));
        assertThat(assignAll(tracker, LINEAGE_LISTED)).containsExactly("C");
        assertThat(tracker.assignable(LINEAGE_LISTED)).as("E and F wait for C").isEmpty();

        tracker.markFinished(List.of("C"));
        assertThat(assignAll(tracker, LINEAGE_LISTED)).containsExactly("E", "F");
        assertThat(tracker.status("E")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.status("F")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.allFinished()).isFalse();

        tracker.markFinished(List.of("E", "F"));
        assertThat(tracker.allFinished()).isTrue();
    }

    @Test
    void childWithOneParentFinishedAndTheOtherStillAssignedIsNotAssignable() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("A"), split("B"), split("C", "A", "B")));
        Set<String> listed = Set.of("A", "B", "C");
        assignAll(tracker, listed);

        tracker.markFinished(List.of("B"));

        assertThat(tracker.status("A")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.assignable(listed)).isEmpty();
        assertThat(tracker.status("C")).isEqualTo(Status.UNASSIGNED);
    }

    @Test
    void childWhoseParentIsStillUnassignedIsNotAssignableTogetherWithIt() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P"), split("K", "P")));

        assertThat(ids(tracker.assignable(Set.of("P", "K")))).containsExactly("P");
    }

    @Test
    void parentTrackedButNoLongerListedHasExpiredAndUnblocksItsChild() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("A"), split("B"), split("C", "A", "B")));
        assignAll(tracker, Set.of("A", "B", "C"));
        tracker.markFinished(List.of("B"));

        // A is still ASSIGNED but its shard expired out of the listing: nothing of it is left to
        // read.
        assertThat(ids(tracker.assignable(Set.of("B", "C")))).containsExactly("C");
    }

    @Test
    void parentThatWasNeverTrackedDoesNotBlockItsChild() {
        SplitTracker tracker = new SplitTracker();
        // The parent expired (and was forgotten, or predates the job) before the child was
        // discovered.
        tracker.addDiscovered(List.of(split("C", "A", "B")));

        assertThat(ids(tracker.assignable(Set.of("C")))).containsExactly("C");
        assertThat(ids(tracker.assignable(Set.of("A", "B", "C"))))
                .as("untracked even when listed")
                .containsExactly("C");
    }

    @Test
    void finishOfUnknownShardIsANoOp() {
        SplitTracker tracker = mergeThenSplitLineage();
        Map<ShardSplit, Status> before = tracker.snapshot();

        assertThat(tracker.markFinished(List.of("X"))).isEmpty();

        assertThat(tracker.snapshot()).isEqualTo(before);
        assertThat(tracker.isKnown("X")).isFalse();
        assertThat(tracker.size()).isEqualTo(5);
    }

    @Test
    void repeatedFinishIsANoOpAndReportsOnlyNewlyFinishedShards() {
        SplitTracker tracker = mergeThenSplitLineage();
        assignAll(tracker, LINEAGE_LISTED);

        assertThat(tracker.markFinished(List.of("A", "X"))).containsExactly("A");
        assertThat(tracker.markFinished(List.of("A", "B"))).containsExactly("B");
        assertThat(tracker.markFinished(List.of("A", "B"))).isEmpty();

        assertThat(tracker.status("A")).isEqualTo(Status.FINISHED);
        assertThat(tracker.status("B")).isEqualTo(Status.FINISHED);
        assertThat(ids(tracker.assignable(LINEAGE_LISTED))).containsExactly("C");
    }

    @Test
    void discoveringAKnownSplitAgainKeepsItsStatusAndPosition() {
        SplitTracker tracker = new SplitTracker();
        ShardSplit original = split("A").withPosition(ShardPosition.sequence(42, 0));
        tracker.addDiscovered(List.of(original));
        tracker.markAssigned("A");

        List<ShardSplit> added = tracker.addDiscovered(List.of(split("A"), split("B")));

        assertThat(ids(added)).containsExactly("B");
        assertThat(tracker.status("A")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.snapshot()).containsKey(original);
    }

    @Test
    void addBackReturnsSplitsToUnassignedWithTheReturnedPositions() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("A"), split("B")));
        assignAll(tracker, Set.of("A", "B"));

        ShardSplit returned = split("A").withPosition(ShardPosition.sequence(17, 3));
        tracker.addBack(List.of(returned));

        assertThat(tracker.status("A")).isEqualTo(Status.UNASSIGNED);
        assertThat(tracker.status("B")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.assignable(Set.of("A", "B"))).containsExactly(returned);
        assertThat(tracker.assignable(Set.of("A", "B")).get(0).position())
                .isEqualTo(ShardPosition.sequence(17, 3));
    }

    @Test
    void addBackIgnoresSplitsTheTrackerAlreadyFinished() {
        SplitTracker tracker = new SplitTracker();
        ShardSplit a = split("A");
        tracker.addDiscovered(List.of(a));
        assignAll(tracker, Set.of("A"));
        tracker.markFinished(List.of("A"));

        tracker.addBack(List.of(a.withPosition(ShardPosition.sequence(5, 0))));

        assertThat(tracker.status("A")).isEqualTo(Status.FINISHED);
        assertThat(tracker.snapshot()).containsOnlyKeys(a);
        assertThat(tracker.assignable(Set.of("A"))).isEmpty();
    }

    @Test
    void addBackOfASplitMarkedFinishedByTheReaderFinishesIt() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P"), split("K", "P")));
        assignAll(tracker, Set.of("P", "K"));

        tracker.addBack(List.of(split("P").asFinished()));

        assertThat(tracker.status("P")).isEqualTo(Status.FINISHED);
        assertThat(ids(tracker.assignable(Set.of("P", "K")))).containsExactly("K");
    }

    @Test
    void forgetExpiredDropsOnlyFinishedSplitsThatAreNoLongerListed() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(
                List.of(
                        split("gone-finished"),
                        split("gone-assigned"),
                        split("gone-unassigned"),
                        split("listed-finished")));
        tracker.markAssigned("gone-finished");
        tracker.markAssigned("gone-assigned");
        tracker.markAssigned("listed-finished");
        tracker.markFinished(List.of("gone-finished", "listed-finished"));

        tracker.forgetExpired(Set.of("listed-finished"));

        assertThat(tracker.isKnown("gone-finished")).isFalse();
        assertThat(tracker.status("gone-finished")).isNull();
        assertThat(tracker.isKnown("gone-assigned")).isTrue();
        assertThat(tracker.isKnown("gone-unassigned")).isTrue();
        assertThat(tracker.status("listed-finished")).isEqualTo(Status.FINISHED);
        assertThat(tracker.size()).isEqualTo(3);
    }

    @Test
    void childOfAForgottenParentStaysAssignable() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P")));
        assignAll(tracker, Set.of("P"));
        tracker.markFinished(List.of("P"));
        tracker.forgetExpired(Set.of("K"));
        tracker.addDiscovered(List.of(split("K", "P")));

        assertThat(ids(tracker.assignable(Set.of("K")))).containsExactly("K");
    }

    @Test
    void restoredTrackerKeepsStatusesAndContinuesTheLineage() {
        SplitTracker tracker = mergeThenSplitLineage();
        assignAll(tracker, LINEAGE_LISTED);
        tracker.markFinished(List.of("A", "B"));
        assignAll(tracker, LINEAGE_LISTED);

        SplitTracker restored = new SplitTracker(tracker.snapshot());

        assertThat(restored.snapshot()).containsExactlyEntriesOf(tracker.snapshot());
        assertThat(restored.status("A")).isEqualTo(Status.FINISHED);
        assertThat(restored.status("C")).isEqualTo(Status.ASSIGNED);
        assertThat(restored.status("E")).isEqualTo(Status.UNASSIGNED);
        assertThat(restored.assignable(LINEAGE_LISTED)).isEmpty();

        restored.markFinished(List.of("C"));
        assertThat(assignAll(restored, LINEAGE_LISTED)).containsExactly("E", "F");
    }

    @Test
    void staleSnapshotWithParentAssignedCatchesUpWhenTheReaderReportsItFinishedAgain() {
        // Checkpoint taken while P was ASSIGNED; P finished afterwards, but before the next
        // checkpoint completed the job failed. The reader keeps P as finished in its own state and
        // re-sends the event after the restore.
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P"), split("L", "P"), split("R", "P")));
        assignAll(tracker, Set.of("P", "L", "R"));
        Map<ShardSplit, Status> staleSnapshot = tracker.snapshot();

        SplitTracker restored = new SplitTracker(staleSnapshot);
        assertThat(restored.status("P")).isEqualTo(Status.ASSIGNED);
        assertThat(restored.assignable(Set.of("P", "L", "R"))).isEmpty();

        assertThat(restored.markFinished(List.of("P"))).containsExactly("P");
        assertThat(assignAll(restored, Set.of("P", "L", "R"))).containsExactly("L", "R");
        assertThat(restored.markFinished(List.of("P"))).as("a second re-send").isEmpty();
    }

    @Test
    void snapshotIsInDiscoveryOrderAndDetachedFromTheTracker() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("Z"), split("A"), split("M")));
        Map<ShardSplit, Status> snapshot = tracker.snapshot();

        tracker.markAssigned("Z");

        assertThat(snapshot.keySet())
                .extracting(ShardSplit::splitId)
                .containsExactly("Z", "A", "M");
        assertThat(snapshot.values()).containsOnly(Status.UNASSIGNED);
    }

    @Test
    void markAssignedOfUnknownShardDoesNotStartTrackingIt() {
        SplitTracker tracker = new SplitTracker();

        tracker.markAssigned("X");

        assertThat(tracker.isKnown("X")).isFalse();
        assertThat(tracker.status("X")).isNull();
        assertThat(tracker.size()).isZero();
    }

    @Test
    void
            aFinishReportedInACheckpointedJobUnblocksChildrenOnlyOnceACheckpointTakenAfterItCompletes() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P"), split("K", "P")));
        assignAll(tracker, Set.of("P", "K"));
        tracker.checkpointTaken(1);

        tracker.markFinishedUnconfirmed(List.of("P"), 0);
        assertThat(tracker.status("P")).isEqualTo(Status.FINISHED);
        assertThat(tracker.checkpointCompleted(1))
                .as("checkpoint 1 was taken before the finish")
                .isFalse();
        assertThat(tracker.assignable(Set.of("P", "K"))).isEmpty();

        tracker.checkpointTaken(2);
        tracker.checkpointTaken(3);
        assertThat(tracker.checkpointCompleted(3)).as("a later checkpoint also covers it").isTrue();
        assertThat(ids(tracker.assignable(Set.of("P", "K")))).containsExactly("K");
    }

    @Test
    void aReaderRestoredBeforeItsFinishWasConfirmedReadsTheShardAgainAndChildrenStayBlocked() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P"), split("Q"), split("K", "P"), split("L", "Q")));
        assignAll(tracker, Set.of("P", "Q", "K", "L"));
        tracker.markFinishedUnconfirmed(List.of("P"), 0);
        tracker.markFinishedUnconfirmed(List.of("Q"), 1);
        tracker.checkpointTaken(7);

        // Reader 0 fails and is restored to a checkpoint before 7: P is in its state again.
        tracker.readerReset(0, List.of());
        assertThat(tracker.status("P")).isEqualTo(Status.ASSIGNED);
        assertThat(tracker.status("Q")).as("reader 1 was not restored").isEqualTo(Status.FINISHED);

        tracker.checkpointCompleted(7);
        assertThat(ids(tracker.assignable(Set.of("P", "Q", "K", "L")))).containsExactly("L");

        tracker.markFinishedUnconfirmed(List.of("P"), 0);
        tracker.checkpointTaken(8);
        tracker.checkpointCompleted(8);
        assertThat(ids(tracker.assignable(Set.of("P", "Q", "K", "L")))).containsExactly("K", "L");
    }

    @Test
    void anUnconfirmedFinishOfASplitAssignedAfterTheRestoredCheckpointReturnsItToThePool() {
        SplitTracker tracker = new SplitTracker();
        tracker.addDiscovered(List.of(split("P")));
        assignAll(tracker, Set.of("P"));
        tracker.markFinishedUnconfirmed(List.of("P"), 0);

        tracker.readerReset(0, List.of(split("P")));

        assertThat(tracker.status("P")).isEqualTo(Status.UNASSIGNED);
        assertThat(ids(tracker.assignable(Set.of("P")))).containsExactly("P");
    }
}
