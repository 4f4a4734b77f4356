package io.github.flinkdatahub.connector.sink.routing;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writing to one configured shard while it is split and merged, against a scripted client: the
 * records follow the open shard holding the start of the configured shard's range.
 */
class ShardIdRoutingTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC);

    /** Refreshed only when marked stale, as the writer does after a put hit a closed shard. */
    private final ShardTable table =
            new ShardTable(fake.client(), PROJECT, TOPIC, Duration.ofDays(1), 0);

    private RecordRouter open(String shardId) {
        table.refresh();
        return DataHubRouting.toShard(shardId)
                .open(new RoutingContext(PROJECT, TOPIC, null, table));
    }

    /** What the writer does when a put to {@code shardId} answers that the shard is closed. */
    private void putHitClosedShard(RecordRouter router, String shardId) {
        table.markStale();
        router.shardClosed(shardId);
    }

    @Test
    void writesEveryRequestToTheConfiguredShardAndLeavesRecordsAsTheyAre() {
        fake.withShards(3);
        RecordRouter router = open("1");
        Record record = BlobRecord.of("x".getBytes(StandardCharsets.UTF_8));

        assertThat(router.routedByService()).isFalse();
        assertThat(router.prepare(record)).isSameAs(record);
        assertThat(router.shardForNextRequest()).isEqualTo("1");
        assertThat(router.shardForNextRequest()).isEqualTo("1");
    }

    @Test
    void unknownShardFailsAtOpenNamingTheTopicAndItsShards() {
        fake.withShards(2).split("1");

        assertThatThrownBy(() -> open("7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Shard '7' does not exist in DataHub topic p/t; its shards are [0 (ACTIVE), 1 (CLOSED),"
                                + " 2 (ACTIVE), 3 (ACTIVE)]");
    }

    @Test
    void splitWhileRoutingMovesToTheLeftChildOnceTheWriteHitTheClosedShard() {
        fake.withShards(2);
        RecordRouter router = open("1");
        fake.split("1"); // 2 holds the start of 1's range, 3 its upper half

        assertThat(router.shardForNextRequest())
                .as("the table has not seen the split yet")
                .isEqualTo("1");
        putHitClosedShard(router, "1");

        assertThat(router.shardForNextRequest()).isEqualTo("2");
        assertThat(router.shardForNextRequest()).isEqualTo("2");
    }

    @Test
    void configuredShardInAStateThisClientDoesNotKnowIsNeitherWrittenToNorFollowedAsClosed() {
        fake.withShards(2);
        RecordRouter router = open("1");
        fake.split("1"); // 2 and 3 active: where a closed 1 would be followed
        fake.shard("1").state(ShardState.UNKNOWN);
        putHitClosedShard(router, "1");

        assertThat(router.shardForNextRequest())
                .as("no shard: the writer retries with a fresh list")
                .isNull();
        assertThat(router.shardForNextRequest()).isNull();

        fake.shard("1").state(ShardState.ACTIVE);
        table.markStale();
        assertThat(router.shardForNextRequest()).isEqualTo("1");
    }

    @Test
    void mergeWhileRoutingMovesToTheMergedShardFromEitherSide() {
        fake.withShards(3);
        RecordRouter left = open("1");
        RecordRouter right =
                DataHubRouting.toShard("2").open(new RoutingContext(PROJECT, TOPIC, null, table));
        fake.merge("1", "2"); // 3

        putHitClosedShard(left, "1");

        assertThat(left.shardForNextRequest()).isEqualTo("3");
        assertThat(right.shardForNextRequest()).isEqualTo("3");
    }

    @Test
    void followsTheLineageDownSeveralSplitsAndAMerge() {
        fake.withShards(1);
        RecordRouter router = open("0");
        fake.split("0"); // 1, 2
        fake.split("1"); // 3 (left of 1), 4
        fake.merge("4", "2"); // 5: right of 1 and all of 2; 3 still holds the start of 0

        putHitClosedShard(router, "0");

        assertThat(router.shardForNextRequest()).isEqualTo("3");
    }

    @Test
    void shardClosedBeforeTheWriterStartedIsFollowedAtOpen() {
        fake.withShards(2).split("0"); // 2, 3

        RecordRouter router = open("0");

        assertThat(router.shardForNextRequest()).isEqualTo("2");
    }

    @Test
    void childStillOpeningIsWrittenToSoTheWriteIsRetriedUntilItIsReady() {
        fake.withShards(1);
        RecordRouter router = open("0");
        fake.split("0").forEach(child -> child.state(ShardState.OPENING));

        putHitClosedShard(router, "0");

        assertThat(router.shardForNextRequest()).isEqualTo("1");
    }

    @Test
    void keepsTheClosedShardWhenNoOpenShardHoldsItsRangeYet() {
        fake.withShards(1);
        RecordRouter router = open("0");
        fake.shard("0").state(ShardState.CLOSED);

        putHitClosedShard(router, "0");

        assertThat(router.shardForNextRequest())
                .as("the put fails again and the writer retries")
                .isEqualTo("0");
        fake.split("0");
        putHitClosedShard(router, "0");
        assertThat(router.shardForNextRequest()).isEqualTo("1");
    }
}
