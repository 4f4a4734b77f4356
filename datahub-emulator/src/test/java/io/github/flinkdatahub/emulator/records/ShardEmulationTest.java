package io.github.flinkdatahub.emulator.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidOperationException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.ServiceInProcessException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.ExpandMode;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardBase;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetMeteringInfoResult;
import io.github.flinkdatahub.client.model.result.MergeShardResult;
import io.github.flinkdatahub.client.model.result.SplitShardResult;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.store.HashRanges;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Shard listing, split, merge, extend, quotas, opening and metering, through our client over HTTP.
 */
class ShardEmulationTest {
    private static final String PROJECT = "shard_ops";
    private static final String MIN = "00000000000000000000000000000000";
    private static final String MAX = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static final Duration COOL_DOWN = Duration.ofSeconds(5);
    static DataHubEmulator emulator;
    static DataHubClient client;
    static RawRequests raw;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        raw = new RawRequests(emulator);
        client.createProject(PROJECT, "shards");
    }

    @AfterEach
    void letTheClockRun() {
        emulator.clock().resume();
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        emulator.close();
    }

    private static void topic(String name, int shards) {
        client.createBlobTopic(PROJECT, name, shards, 1, name);
    }

    private static Map<String, Shard> shards(String topic) {
        return client.listShard(PROJECT, topic).getShards().stream()
                .collect(Collectors.toMap(Shard::getShardId, Function.identity()));
    }

    /** New shards refuse split and merge for 5 s by the data clock; let that pass. */
    private static void coolDown() {
        emulator.clock().advance(COOL_DOWN);
    }

    private static String shardsPath(String topic) {
        return "/projects/" + PROJECT + "/topics/" + topic + "/shards";
    }

    @Test
    void listingGivesRangesNeighboursStatesAndTheServiceMembers() {
        long before = emulator.clock().millis() / 1000;
        topic("listed", 3);
        long after = emulator.clock().millis() / 1000;
        List<Shard> list = client.listShard(PROJECT, "listed").getShards();
        assertThat(list).extracting(Shard::getShardId).containsExactly("0", "1", "2");
        assertThat(list)
                .extracting(Shard::getBeginHashKey)
                .containsExactly(
                        MIN,
                        "55555555555555555555555555555555",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(list)
                .extracting(Shard::getEndHashKey)
                .containsExactly(
                        "55555555555555555555555555555555",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        MAX);
        assertThat(list).extracting(Shard::getState).containsOnly(ShardState.ACTIVE);
        assertThat(list).extracting(Shard::getLeftShardId).containsExactly(null, "0", "1");
        assertThat(list).extracting(Shard::getRightShardId).containsExactly("1", "2", null);
        assertThat(list)
                .allSatisfy(
                        s -> {
                            assertThat(s.getParentShardIds()).isEmpty();
                            assertThat(s.getClosedTime()).isZero();
                        });

        JsonNode body = Json.parse(raw.get(shardsPath("listed")).getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("Protocol").asText()).isEqualTo("http1.1");
        assertThat(body.get("Interval").asLong()).isEqualTo(300_000);
        JsonNode first = body.get("Shards").get(0);
        assertThat(first.get("LeftShardId").asText()).isEqualTo("4294967295");
        assertThat(first.get("BeginKey").asText()).isEqualTo(MIN);
        assertThat(first.get("EndKey").asText()).isEqualTo("55555555555555555555555555555555");
        assertThat(first.get("CreateTime").asLong()).isBetween(before, after);
    }

    @Test
    void splitClosesTheParentAndOpensTwoChildrenThatNameIt() {
        topic("split_me", 2);
        coolDown();
        String key = "40000000000000000000000000000000";

        long before = emulator.clock().millis() / 1000;
        SplitShardResult split = client.splitShard(PROJECT, "split_me", "0", key);
        long after = emulator.clock().millis() / 1000;

        assertThat(split.getNewShards())
                .containsExactly(
                        new ShardBase("2", MIN, key),
                        new ShardBase("3", key, "80000000000000000000000000000000"));
        Map<String, Shard> listed = shards("split_me");
        assertThat(listed.get("0").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(listed.get("0").getClosedTime()).isBetween(before, after);
        assertThat(listed.get("2").getParentShardIds()).containsExactly("0");
        assertThat(listed.get("3").getParentShardIds()).containsExactly("0");
        assertThat(listed.get("2").getState()).isEqualTo(ShardState.ACTIVE);
        // Neighbours by hash order among the open shards.
        assertThat(listed.get("2").getLeftShardId()).isNull();
        assertThat(listed.get("2").getRightShardId()).isEqualTo("3");
        assertThat(listed.get("3").getRightShardId()).isEqualTo("1");
        assertThat(listed.get("1").getLeftShardId()).isEqualTo("3");
        assertThat(client.getTopic(PROJECT, "split_me").getShardCount()).isEqualTo(3);
    }

    @Test
    void mergeJoinsTwoAdjacentShardsIntoOneWithBothAsParents() {
        topic("merge_me", 3);
        coolDown();

        MergeShardResult merged = client.mergeShard(PROJECT, "merge_me", "2", "1");

        assertThat(merged.getShardId()).isEqualTo("3");
        assertThat(merged.getBeginHashKey()).isEqualTo("55555555555555555555555555555555");
        assertThat(merged.getEndHashKey()).isEqualTo(MAX);
        Map<String, Shard> after = shards("merge_me");
        assertThat(after.get("1").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(after.get("2").getState()).isEqualTo(ShardState.CLOSED);
        assertThat(after.get("3").getParentShardIds()).containsExactly("1", "2");
        assertThat(after.get("3").getLeftShardId()).isEqualTo("0");
        assertThat(after.get("0").getRightShardId()).isEqualTo("3");
    }

    @Test
    void splitAndMergeRefuseWhatTheServiceRefuses() {
        // Paused, the data clock moves only with coolDown(): the shards stay young however slow the
        // run.
        emulator.clock().pause();
        topic("refusals", 3);
        assertThat(
                        catchThrowableOfType(
                                        () -> client.splitShard(PROJECT, "refusals", "0"),
                                        LimitExceededException.class)
                                .getErrorMessage())
                .isEqualTo("Split/Merge shard operation limit exceeded.");
        assertThat(
                        catchThrowableOfType(
                                        () -> client.mergeShard(PROJECT, "refusals", "0", "1"),
                                        LimitExceededException.class)
                                .getErrorCode())
                .isEqualTo("LimitExceeded");
        coolDown();

        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.splitShard(
                                                        PROJECT,
                                                        "refusals",
                                                        "0",
                                                        "55555555555555555555555555555555"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .as("a key on the shard's own boundary")
                .isEqualTo("The key range is invalid.");
        assertThat(
                        catchThrowableOfType(
                                        () -> client.splitShard(PROJECT, "refusals", "0", MAX),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("The key range is invalid.");
        assertThat(
                        catchThrowableOfType(
                                        () -> client.mergeShard(PROJECT, "refusals", "0", "2"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .isEqualTo("The two shards are not adjacent.");
        assertThat(
                        catchThrowableOfType(
                                        () -> client.splitShard(PROJECT, "refusals", "9", MAX),
                                        ShardNotFoundException.class)
                                .getErrorCode())
                .isEqualTo("NoSuchShard");

        client.splitShard(PROJECT, "refusals", "1");
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.splitShard(
                                                        PROJECT,
                                                        "refusals",
                                                        "1",
                                                        "60000000000000000000000000000000"),
                                        ShardSealedException.class)
                                .getErrorMessage())
                .isEqualTo("The specified shard is not active.");
        assertThat(
                        catchThrowableOfType(
                                        () -> client.mergeShard(PROJECT, "refusals", "0", "1"),
                                        ShardSealedException.class)
                                .getErrorCode())
                .isEqualTo("InvalidShardOperation");
        // The children are new: they wait out their own cool-down.
        assertThatThrownBy(() -> client.mergeShard(PROJECT, "refusals", "3", "4"))
                .isInstanceOf(LimitExceededException.class);
        coolDown();
        assertThat(client.mergeShard(PROJECT, "refusals", "3", "4").getShardId()).isEqualTo("5");
    }

    @Test
    void aTopicHoldsAtMost256OpenAnd512Shards() {
        topic("quota", 256);
        coolDown();
        LimitExceededException open =
                catchThrowableOfType(
                        () -> client.splitShard(PROJECT, "quota", "0"),
                        LimitExceededException.class);
        assertThat(open.getErrorCode()).isEqualTo("ResourceLimit");
        assertThat(open.isRetryable()).isFalse();

        // 128 merges (384 shards, 128 open), then 64 splits reach 512 shards.
        for (int i = 0; i < 256; i += 2) {
            client.mergeShard(PROJECT, "quota", Integer.toString(i), Integer.toString(i + 1));
        }
        coolDown();
        for (int k = 0; k < 64; k++) {
            // Merged shard 256+k spans original shards 2k and 2k+1: split it where they met.
            client.splitShard(
                    PROJECT,
                    "quota",
                    Integer.toString(256 + k),
                    HashRanges.boundary(2 * k + 1, 256));
        }
        assertThat(client.listShard(PROJECT, "quota").getShards()).hasSize(512);
        coolDown();
        LimitExceededException total =
                catchThrowableOfType(
                        () -> client.splitShard(PROJECT, "quota", "320"),
                        LimitExceededException.class);
        assertThat(total.getErrorCode()).isEqualTo("ResourceLimit");
        assertThat(total.getErrorMessage()).contains("514 shards including closed ones");
    }

    @Test
    void extendAddsShardsBesideTheOpenOnesAndSpreadsTheKeySpaceOverAll() {
        topic("extended", 2);
        raw.json(
                "POST",
                shardsPath("extended"),
                "{\"Action\":\"extend\",\"ShardNumber\":4,\"ExtendMode\":\"TO\"}");

        List<Shard> list = client.listShard(PROJECT, "extended").getShards();
        assertThat(list).extracting(Shard::getShardId).containsExactly("0", "1", "2", "3");
        assertThat(list).extracting(Shard::getState).containsOnly(ShardState.ACTIVE);
        assertThat(list).allSatisfy(s -> assertThat(s.getParentShardIds()).isEmpty());
        assertThat(list)
                .extracting(Shard::getBeginHashKey)
                .containsExactly(
                        MIN,
                        "40000000000000000000000000000000",
                        "80000000000000000000000000000000",
                        "C0000000000000000000000000000000");
        assertThat(list)
                .extracting(Shard::getEndHashKey)
                .containsExactly(
                        "40000000000000000000000000000000",
                        "80000000000000000000000000000000",
                        "C0000000000000000000000000000000",
                        MAX);

        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        shardsPath("extended"),
                                                        "{\"Action\":\"extend\",\"ShardNumber\":3,\"ExtendMode\":\"TO\"}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .contains("does not add shards");
    }

    @Test
    void theExpandModeDecidesBetweenSplitMergeAndExtend() {
        client.createBlobTopic(PROJECT, "only_extend", 2, 1, "", ExpandMode.ONLY_EXTEND);
        client.createBlobTopic(PROJECT, "only_split", 2, 1, "", ExpandMode.ONLY_SPLIT);
        coolDown();

        assertThat(
                        catchThrowableOfType(
                                        () -> client.splitShard(PROJECT, "only_extend", "0"),
                                        InvalidOperationException.class)
                                .getErrorMessage())
                .contains("does not allow split");
        assertThatThrownBy(() -> client.mergeShard(PROJECT, "only_extend", "0", "1"))
                .isInstanceOf(InvalidOperationException.class);
        raw.json(
                "POST",
                shardsPath("only_extend"),
                "{\"Action\":\"extend\",\"ShardNumber\":3,\"ExtendMode\":\"TO\"}");
        assertThat(client.listShard(PROJECT, "only_extend").getShards()).hasSize(3);

        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        shardsPath("only_split"),
                                                        "{\"Action\":\"extend\",\"ShardNumber\":3,\"ExtendMode\":\"TO\"}"),
                                        InvalidOperationException.class)
                                .getErrorMessage())
                .contains("does not allow extend");
        assertThat(client.splitShard(PROJECT, "only_split", "0").getNewShards()).hasSize(2);
    }

    @Test
    void meteringCountsActiveSecondsUntilClosedAndTheBytesStored() {
        // The data clock also runs with real time: active seconds are bounded by the clock's
        // readings around the calls, never by a guess of how long the test takes.
        long created = emulator.clock().millis();
        topic("metered", 1);
        assertThat(client.getMeteringInfo(PROJECT, "metered", "0").getStorage()).isZero();
        emulator.clock().advance(Duration.ofSeconds(90));
        client.putRecordsByShard(PROJECT, "metered", "0", List.of(BlobRecord.of(new byte[1000])));

        GetMeteringInfoResult open = client.getMeteringInfo(PROJECT, "metered", "0");
        assertThat(open.getActiveTime()).isBetween(90L, secondsSince(created));
        assertThat(open.getStorage()).isBetween(1000L, 1100L);

        long split = emulator.clock().millis();
        client.splitShard(PROJECT, "metered", "0");
        long closedActive = client.getMeteringInfo(PROJECT, "metered", "0").getActiveTime();
        assertThat(closedActive).isBetween(90L, secondsSince(created));
        emulator.clock().advance(Duration.ofSeconds(600));
        assertThat(client.getMeteringInfo(PROJECT, "metered", "0").getActiveTime())
                .as("a closed shard's active time stops")
                .isEqualTo(closedActive);
        assertThat(client.getMeteringInfo(PROJECT, "metered", "1").getActiveTime())
                .isBetween(600L, secondsSince(split));
        assertThat(
                        catchThrowableOfType(
                                        () -> client.getMeteringInfo(PROJECT, "metered", "7"),
                                        ShardNotFoundException.class)
                                .getErrorCode())
                .isEqualTo("NoSuchShard");
    }

    @Test
    void openingShardsRefuseRecordsUntilTheirDelayHasPassed() throws Exception {
        // An hour of opening by the data clock: the test moves the clock instead of racing real
        // time.
        try (DataHubEmulator slow =
                        DataHubEmulator.builder()
                                .shardOpeningDelay(Duration.ofHours(1))
                                .build()
                                .start();
                DataHubClient c = slow.clientBuilder().retryPolicy(RetryPolicy.none()).build()) {
            c.createProject("opening", "");
            c.createBlobTopic("opening", "slow", 2, 1, "");
            assertThat(c.listShard("opening", "slow").getShards())
                    .extracting(Shard::getState)
                    .containsOnly(ShardState.OPENING);
            DataHubException early =
                    catchThrowableOfType(
                            () ->
                                    c.putRecordsByShard(
                                            "opening",
                                            "slow",
                                            "0",
                                            List.of(BlobRecord.of(new byte[] {1}))),
                            ServiceInProcessException.class);
            assertThat(early.getErrorCode()).isEqualTo("ShardNotReady");
            assertThat(
                            c.putRecords(
                                            "opening",
                                            "slow",
                                            List.of(
                                                    BlobRecord.builder(new byte[] {1})
                                                            .shardId("1")
                                                            .build()))
                                    .getFailedRecords())
                    .extracting(f -> f.getErrorCode())
                    .containsExactly("ShardNotReady");
            assertThatThrownBy(() -> c.getCursor("opening", "slow", "0", CursorType.OLDEST))
                    .isInstanceOf(ServiceInProcessException.class);

            // A one-millisecond latency rule on the topic makes the injector count the waiter's
            // listings.
            slow.faults().set("opening", "slow", FaultRule.none().latencyMillis(1));
            CompletableFuture<Void> waited =
                    CompletableFuture.runAsync(
                            () -> c.waitShardsReady("opening", "slow", Wait.TIMEOUT));
            // A second listing is only sent after the first found shards opening.
            Wait.until(
                    "the waiter has listed the shards twice",
                    () -> slow.faults().delayedCount() >= 2);
            assertThat(waited)
                    .as("still waiting: the data clock has not moved, the shards still open")
                    .isNotDone();
            slow.clock().advance(Duration.ofHours(1));
            waited.get(Wait.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            slow.faults().clearAll();
            assertThat(c.listShard("opening", "slow").getShards())
                    .extracting(Shard::getState)
                    .containsOnly(ShardState.ACTIVE);
            c.putRecordsByShard("opening", "slow", "0", List.of(BlobRecord.of(new byte[] {1})));

            c.splitShard("opening", "slow", "0");
            assertThat(c.listShard("opening", "slow").getShards())
                    .extracting(Shard::getState)
                    .containsExactly(
                            ShardState.CLOSED,
                            ShardState.ACTIVE,
                            ShardState.OPENING,
                            ShardState.OPENING);
        }
    }

    @Test
    void waitShardsReadyWaitsOutARealOpeningDelay() {
        try (DataHubEmulator slow =
                        DataHubEmulator.builder()
                                .shardOpeningDelay(Duration.ofMillis(300))
                                .build()
                                .start();
                DataHubClient c = slow.client()) {
            c.createProject("opening", "");
            long started = System.nanoTime();
            c.createBlobTopic("opening", "brief", 3, 1, "");
            c.waitShardsReady("opening", "brief", Wait.TIMEOUT);
            // A lower bound only: the shards cannot open sooner; how much later is up to the
            // machine.
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(c.listShard("opening", "brief").getShards())
                    .extracting(Shard::getState)
                    .containsOnly(ShardState.ACTIVE);
        }
    }

    /**
     * Whole seconds the data clock has moved since {@code millis}, as an upper bound of what it
     * measured.
     */
    private static long secondsSince(long millis) {
        return (emulator.clock().millis() - millis) / 1000;
    }
}
