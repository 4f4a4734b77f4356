package io.github.flinkdatahub.connector.sink.routing;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.NoPermissionException;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient.Call;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.flinkdatahub.connector.testutil.FakeDataHubClient.MAX_KEY;
import static io.github.flinkdatahub.connector.testutil.FakeDataHubClient.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's view of a topic's shards against a scripted client: refreshes, round robin and lookups
 * by hash key.
 */
class ShardTableTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";

    /** Longer than any test: only a stale mark makes the table list again. */
    private static final Duration NEVER = Duration.ofDays(1);

    /** Where shard 1 of 2 begins: the middle of the key space. */
    private static final String MIDDLE = "80000000000000000000000000000000";

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC);

    private ShardTable table(Duration refreshInterval, int roundRobinStart) {
        ShardTable table =
                new ShardTable(fake.client(), PROJECT, TOPIC, refreshInterval, roundRobinStart);
        table.refresh();
        fake.clearCalls();
        return table;
    }

    private static List<String> ids(List<Shard> shards) {
        List<String> ids = new ArrayList<>();
        shards.forEach(s -> ids.add(s.getShardId()));
        return ids;
    }

    private static String next(ShardTable table, int times) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < times; i++) {
            sb.append(table.nextActiveShard());
        }
        return sb.toString();
    }

    @Test
    void activeShardsLeaveOutClosedAndOpeningOnes() {
        fake.withShards(2).split("0");
        fake.shard("3").state(ShardState.OPENING);
        ShardTable table = table(NEVER, 0);

        assertThat(ids(table.shards())).containsExactly("0", "1", "2", "3");
        assertThat(ids(table.activeShards())).containsExactly("1", "2");
    }

    @Test
    void roundRobinCyclesOverActiveShardsFromItsStart() {
        fake.withShards(3);

        assertThat(next(table(NEVER, 0), 4)).isEqualTo("0120");
        assertThat(next(table(NEVER, 2), 4)).isEqualTo("2012");
        assertThat(next(table(NEVER, 7), 3))
                .as("a start beyond the shard count wraps")
                .isEqualTo("120");
    }

    @Test
    void roundRobinFallsBackToOpeningShardsWhenNoneIsActiveAndGivesNullWhenAllAreClosed() {
        fake.withShards(1);
        List<FakeDataHubClient.FakeShard> children = fake.split("0");
        children.forEach(c -> c.state(ShardState.OPENING));
        ShardTable opening = table(NEVER, 0);

        assertThat(next(opening, 3))
                .as("the write is answered 'not ready' and retried")
                .isEqualTo("121");

        children.forEach(c -> c.state(ShardState.CLOSED));
        ShardTable closed = table(NEVER, 0);
        assertThat(closed.nextActiveShard()).isNull();
        assertThat(new ShardTable(fake.client(), PROJECT, TOPIC, NEVER, 0).nextActiveShard())
                .as("never listed")
                .isNull();
    }

    @Test
    void roundRobinNeverFallsBackToAShardInAStateThisClientDoesNotKnow() {
        fake.withShards(1);
        List<FakeDataHubClient.FakeShard> children = fake.split("0");
        children.get(0).state(ShardState.OPENING);
        children.get(1).state(ShardState.UNKNOWN);
        ShardTable table = table(NEVER, 0);

        assertThat(ids(table.activeShards())).isEmpty();
        assertThat(next(table, 3)).as("only the opening shard").isEqualTo("111");

        children.get(0).state(ShardState.UNKNOWN);
        assertThat(table(NEVER, 0).nextActiveShard())
                .as("none is written to; the writer retries with a fresh list")
                .isNull();
    }

    @Test
    void hashKeyRangesIncludeTheirBeginAndExcludeTheirEndExceptTheLastShard() {
        fake.withShards(2);
        ShardTable table = table(NEVER, 0);

        assertThat(table.openShardHolding("00000000000000000000000000000000").getShardId())
                .isEqualTo("0");
        assertThat(table.openShardHolding("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF").getShardId())
                .isEqualTo("0");
        assertThat(table.openShardHolding(MIDDLE).getShardId())
                .as("the end of 0 is the begin of 1")
                .isEqualTo("1");
        assertThat(table.openShardHolding(MAX_KEY).getShardId())
                .as("the last shard owns FF..FF")
                .isEqualTo("1");
        assertThat(table.openShardHolding("7fffffffffffffffffffffffffffffff").getShardId())
                .as("lower case")
                .isEqualTo("0");
    }

    @Test
    void hashKeyOfAClosedShardIsHeldByTheChildWhoseRangeHoldsIt() {
        fake.withShards(2);
        fake.split(
                "1"); // at floor((begin + end) / 2), as the client splits: 2 = [80..00, BF..FF), 3
        // = [BF..FF, FF..FF]
        ShardTable table = table(NEVER, 0);

        assertThat(table.openShardHolding(MIDDLE).getShardId()).isEqualTo("2");
        assertThat(table.openShardHolding("BFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE").getShardId())
                .isEqualTo("2");
        assertThat(table.openShardHolding("BFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF").getShardId())
                .isEqualTo("3");
        assertThat(table.openShardHolding(MAX_KEY).getShardId()).isEqualTo("3");
        assertThat(table.openShardHolding("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF").getShardId())
                .as("shard 0 unchanged")
                .isEqualTo("0");
    }

    @Test
    void hashKeyHeldOnlyByAnOpeningShardGoesToItAndByClosedOnesToNone() {
        fake.withShards(1);
        fake.split("0").forEach(child -> child.state(ShardState.OPENING));
        ShardTable table = table(NEVER, 0);
        assertThat(table.openShardHolding(MIDDLE).getShardId())
                .as("OPENING: the write is retried until ready")
                .isEqualTo("2");

        fake.shard("2").state(ShardState.CLOSED);
        table.refresh();
        assertThat(table.openShardHolding(MIDDLE)).isNull();
    }

    @Test
    void hashKeyHeldOnlyByAShardInAStateThisClientDoesNotKnowGoesToNone() {
        fake.withShards(1);
        fake.split("0").forEach(child -> child.state(ShardState.UNKNOWN));
        ShardTable table = table(NEVER, 0);

        assertThat(table.openShardHolding(MIDDLE)).isNull();
        assertThat(table.openShardHolding(MAX_KEY)).isNull();
    }

    @Test
    void findNamesOnlyListedShards() {
        fake.withShards(2);
        ShardTable table = table(NEVER, 0);

        assertThat(table.find("1").getEndHashKey()).isEqualTo(MAX_KEY);
        assertThat(table.find("2")).isNull();
    }

    @Test
    void listsAgainOnlyWhenStaleOrDue() {
        fake.withShards(1);
        ShardTable rarely = table(NEVER, 0);
        rarely.refreshIfDue();
        rarely.refreshIfDue();
        assertThat(fake.calls()).as("fresh").isEmpty();

        fake.split("0");
        rarely.markStale();
        rarely.refreshIfDue();
        rarely.refreshIfDue();
        assertThat(fake.calls()).containsExactly("listShard");
        assertThat(ids(rarely.activeShards())).containsExactly("1", "2");

        ShardTable always = table(Duration.ZERO, 0);
        always.refreshIfDue();
        always.refreshIfDue();
        assertThat(fake.calls()).containsExactly("listShard", "listShard");
    }

    @Test
    void throttledListingKeepsThePreviousShardsAndIsRetriedAtTheNextCall() {
        fake.withShards(1);
        ShardTable table = table(NEVER, 0);
        fake.split("0");
        table.markStale();
        fake.failNext(Call.LIST_SHARD, throttled());

        table.refreshIfDue();
        assertThat(ids(table.activeShards())).containsExactly("0");

        table.refreshIfDue();
        assertThat(ids(table.activeShards())).containsExactly("1", "2");
        assertThat(fake.calls()).containsExactly("listShard -> LimitExceeded", "listShard");
    }

    @Test
    void nonRetryableListingFailureIsThrownAndKeepsThePreviousShards() {
        fake.withShards(1);
        ShardTable table = table(NEVER, 0);
        table.markStale();
        fake.failNext(
                Call.LIST_SHARD, ErrorCode.NO_PERMISSION.exception("No permission (scripted)."));

        assertThatThrownBy(table::refreshIfDue).isInstanceOf(NoPermissionException.class);
        assertThat(ids(table.shards())).containsExactly("0");
    }
}
