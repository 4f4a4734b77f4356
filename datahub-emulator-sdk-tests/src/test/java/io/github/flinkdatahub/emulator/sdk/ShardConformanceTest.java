package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.InvalidParameterException;
import com.aliyun.datahub.client.exception.LimitExceededException;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.exception.ShardNotFoundException;
import com.aliyun.datahub.client.exception.ShardSealedException;
import com.aliyun.datahub.client.model.GetMeterInfoResult;
import com.aliyun.datahub.client.model.ListShardResult;
import com.aliyun.datahub.client.model.MergeShardResult;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.ShardEntry;
import com.aliyun.datahub.client.model.ShardState;
import com.aliyun.datahub.client.model.SplitShardResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Shards through the official SDK: list with neighbours, split with and without key, merge, extend,
 * wait, metering. Each test has its own topic; the split/merge cool-down is passed by moving the
 * emulator's data clock, never waited out.
 */
@ExtendWith(SharedEmulatorExtension.class)
class ShardConformanceTest {
    private static final String PROJECT = "sdk_shards";
    static final String MIN_KEY = "00000000000000000000000000000000";
    static final String MAX_KEY = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static Sdk sdk;
    private static DatahubClient client;

    @BeforeAll
    static void createProject(Sdk shared) {
        sdk = shared;
        client = sdk.client();
        client.createProject(PROJECT, "shard conformance");
    }

    private static void topic(String name, int shards) {
        client.createTopic(PROJECT, name, shards, 1, RecordType.BLOB, name);
        client.waitForShardReady(PROJECT, name);
    }

    static Map<String, ShardEntry> shards(DatahubClient client, String project, String topic) {
        return client.listShard(project, topic).getShards().stream()
                .collect(Collectors.toMap(ShardEntry::getShardId, Function.identity()));
    }

    @Test
    void newTopicShardsAreActiveCoverTheHashSpaceAndNameTheirNeighbours() {
        topic("three_shards", 3);
        ListShardResult result = client.listShard(PROJECT, "three_shards");
        List<ShardEntry> list = result.getShards();
        assertThat(list).extracting(ShardEntry::getShardId).containsExactly("0", "1", "2");
        assertThat(list).extracting(ShardEntry::getState).containsOnly(ShardState.ACTIVE);
        // Boundaries of a 3-shard topic as the service reports them (recorded fixture).
        assertThat(list)
                .extracting(ShardEntry::getBeginHashKey)
                .containsExactly(
                        MIN_KEY,
                        "55555555555555555555555555555555",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(list)
                .extracting(ShardEntry::getEndHashKey)
                .containsExactly(
                        "55555555555555555555555555555555",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        MAX_KEY);
        assertThat(list).extracting(ShardEntry::getLeftShardId).containsExactly(null, "0", "1");
        assertThat(list).extracting(ShardEntry::getRightShardId).containsExactly("1", "2", null);
        assertThat(list).allSatisfy(s -> assertThat(s.getParentShardIds()).isNullOrEmpty());
        assertThat(result.getRequestId()).isNotBlank();
        assertThat(result.getProtocol()).isIn("http1.1", "http2");
        assertThat(result.getIntervalMs()).isPositive();
    }

    @Test
    void listShardOfUnknownTopicThrowsResourceNotFound() {
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.listShard(PROJECT, "no_such_topic")),
                "NoSuchTopic",
                404);
    }

    @Test
    void splitWithoutKeyHalvesTheShardAndClosesTheParent() {
        topic("split_mid", 2);
        ShardEntry parent = shards(client, PROJECT, "split_mid").get("0");
        String mid = midpoint(parent.getBeginHashKey(), parent.getEndHashKey());

        SplitShardResult split =
                sdk.afterCoolDown(() -> client.splitShard(PROJECT, "split_mid", "0"));

        List<ShardEntry> children = split.getNewShards();
        assertThat(children).extracting(ShardEntry::getShardId).containsExactly("2", "3");
        assertThat(children.get(0).getBeginHashKey()).isEqualTo(parent.getBeginHashKey());
        assertThat(children.get(0).getEndHashKey()).isEqualTo(mid);
        assertThat(children.get(1).getBeginHashKey()).isEqualTo(mid);
        assertThat(children.get(1).getEndHashKey()).isEqualTo(parent.getEndHashKey());

        client.waitForShardReady(PROJECT, "split_mid");
        Map<String, ShardEntry> after = shards(client, PROJECT, "split_mid");
        assertThat(after).containsOnlyKeys("0", "1", "2", "3");
        assertThat(after.get("0").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(after.get("0").getClosedTime()).isPositive();
        for (String child : List.of("2", "3")) {
            assertThat(after.get(child).getState()).isEqualTo(ShardState.ACTIVE);
            assertThat(after.get(child).getParentShardIds()).containsExactly("0");
        }
        assertThat(after.get("2").getLeftShardId()).isNull();
        assertThat(after.get("2").getRightShardId()).isEqualTo("3");
        assertThat(after.get("3").getLeftShardId()).isEqualTo("2");
        assertThat(after.get("3").getRightShardId()).isEqualTo("1");
        assertThat(after.get("1").getLeftShardId()).isEqualTo("3");
        assertThat(after.get("1").getRightShardId()).isNull();
    }

    @Test
    void splitAtAGivenKeyUsesThatKey() {
        topic("split_key", 1);
        String key = "40000000000000000000000000000000";
        SplitShardResult split =
                sdk.afterCoolDown(() -> client.splitShard(PROJECT, "split_key", "0", key));
        assertThat(split.getNewShards())
                .extracting(ShardEntry::getShardId)
                .containsExactly("1", "2");
        assertThat(split.getNewShards())
                .extracting(ShardEntry::getBeginHashKey)
                .containsExactly(MIN_KEY, key);
        assertThat(split.getNewShards())
                .extracting(ShardEntry::getEndHashKey)
                .containsExactly(key, MAX_KEY);
    }

    @Test
    void splittingAShardYoungerThanTheCoolDownThrowsLimitExceeded() {
        // Paused, the data clock keeps the shard young however long the calls take.
        sdk.pauseDataClock();
        LimitExceededException e;
        try {
            topic("split_young", 1);
            e =
                    catchThrowableOfType(
                            LimitExceededException.class,
                            () -> client.splitShard(PROJECT, "split_young", "0"));
        } finally {
            sdk.resumeDataClock();
        }
        assertServiceError(e, "LimitExceeded", 429);
        assertThat(e.getErrorMessage()).isEqualTo("Split/Merge shard operation limit exceeded.");
    }

    @Test
    void splitKeyOutsideTheShardThrowsInvalidParameter() {
        topic("split_bad_key", 2);
        String outside = "F0000000000000000000000000000000";
        InvalidParameterException e =
                catchThrowableOfType(
                        InvalidParameterException.class,
                        () ->
                                sdk.afterCoolDown(
                                        () ->
                                                client.splitShard(
                                                        PROJECT, "split_bad_key", "0", outside)));
        assertServiceError(e, "InvalidParameter", 400);
        assertThat(e.getErrorMessage()).isEqualTo("The key range is invalid.");
    }

    @Test
    void splittingAClosedShardThrowsShardSealed() {
        topic("split_closed", 1);
        sdk.afterCoolDown(() -> client.splitShard(PROJECT, "split_closed", "0"));
        client.waitForShardReady(PROJECT, "split_closed");
        ShardSealedException e =
                catchThrowableOfType(
                        ShardSealedException.class,
                        () ->
                                sdk.afterCoolDown(
                                        () ->
                                                client.splitShard(
                                                        PROJECT,
                                                        "split_closed",
                                                        "0",
                                                        "20000000000000000000000000000000")));
        assertServiceError(e, "InvalidShardOperation", 400);
    }

    @Test
    void splittingAnUnknownShardThrowsShardNotFound() {
        topic("split_unknown", 1);
        ShardNotFoundException e =
                catchThrowableOfType(
                        ShardNotFoundException.class,
                        () ->
                                client.splitShard(
                                        PROJECT,
                                        "split_unknown",
                                        "7",
                                        "20000000000000000000000000000000"));
        assertServiceError(e, "NoSuchShard", 404);
    }

    @Test
    void mergeOfAdjacentShardsMakesOneShardSpanningBoth() {
        topic("merge_adj", 3);
        Map<String, ShardEntry> before = shards(client, PROJECT, "merge_adj");

        MergeShardResult merged =
                sdk.afterCoolDown(() -> client.mergeShard(PROJECT, "merge_adj", "0", "1"));

        assertThat(merged.getShardId()).isEqualTo("3");
        assertThat(merged.getBeginHashKey()).isEqualTo(before.get("0").getBeginHashKey());
        assertThat(merged.getEndHashKey()).isEqualTo(before.get("1").getEndHashKey());
        client.waitForShardReady(PROJECT, "merge_adj");
        Map<String, ShardEntry> after = shards(client, PROJECT, "merge_adj");
        assertThat(after.get("0").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(after.get("1").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(after.get("3").getState()).isEqualTo(ShardState.ACTIVE);
        assertThat(after.get("3").getParentShardIds()).containsExactlyInAnyOrder("0", "1");
        assertThat(after.get("3").getLeftShardId()).isNull();
        assertThat(after.get("3").getRightShardId()).isEqualTo("2");
        assertThat(after.get("2").getLeftShardId()).isEqualTo("3");
    }

    @Test
    void mergeOfShardsThatDoNotTouchThrowsInvalidParameter() {
        topic("merge_gap", 3);
        InvalidParameterException e =
                catchThrowableOfType(
                        InvalidParameterException.class,
                        () ->
                                sdk.afterCoolDown(
                                        () -> client.mergeShard(PROJECT, "merge_gap", "0", "2")));
        assertServiceError(e, "InvalidParameter", 400);
        assertThat(e.getErrorMessage()).isEqualTo("The two shards are not adjacent.");
    }

    @Test
    void mergeWithAClosedShardThrowsShardSealed() {
        topic("merge_closed", 2);
        sdk.afterCoolDown(() -> client.splitShard(PROJECT, "merge_closed", "1"));
        client.waitForShardReady(PROJECT, "merge_closed");
        ShardSealedException e =
                catchThrowableOfType(
                        ShardSealedException.class,
                        () ->
                                sdk.afterCoolDown(
                                        () ->
                                                client.mergeShard(
                                                        PROJECT, "merge_closed", "0", "1")));
        assertServiceError(e, "InvalidShardOperation", 400);
    }

    @Test
    void extendGrowsTheTopicToTheGivenShardCount() {
        topic("extended", 2);
        client.extendShard(PROJECT, "extended", 4);
        client.waitForShardReady(PROJECT, "extended");
        List<ShardEntry> list = client.listShard(PROJECT, "extended").getShards();
        assertThat(list)
                .extracting(ShardEntry::getShardId)
                .containsExactlyInAnyOrder("0", "1", "2", "3");
        assertThat(list).extracting(ShardEntry::getState).containsOnly(ShardState.ACTIVE);
    }

    @Test
    void waitForShardReadyReturnsOnceEveryShardIsActive() {
        client.createTopic(PROJECT, "waited", 4, 1, RecordType.BLOB, "w");
        client.waitForShardReady(PROJECT, "waited", 10_000);
        assertThat(client.listShard(PROJECT, "waited").getShards())
                .hasSize(4)
                .extracting(ShardEntry::getState)
                .containsOnly(ShardState.ACTIVE);
    }

    @Test
    void meteringIsReportedPerShardAndUnknownShardsAreNotFound() {
        topic("metered", 1);
        GetMeterInfoResult meter = client.getMeterInfo(PROJECT, "metered", "0");
        assertThat(meter.getActiveTime()).isNotNegative();
        assertThat(meter.getStorage()).isNotNegative();
        assertThat(meter.getRequestId()).isNotBlank();

        assertServiceError(
                catchThrowableOfType(
                        ShardNotFoundException.class,
                        () -> client.getMeterInfo(PROJECT, "metered", "5")),
                "NoSuchShard",
                404);
    }

    /** The SDK's default split key: floor((begin + end) / 2) as 32 upper-case hex digits. */
    static String midpoint(String begin, String end) {
        BigInteger mid = new BigInteger(begin, 16).add(new BigInteger(end, 16)).shiftRight(1);
        return String.format("%032X", mid);
    }
}
