package io.github.flinkdatahub.client.operations;

import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.SeekOutOfRangeException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Shard;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.client.model.result.GetCursorResult;
import io.github.flinkdatahub.client.model.result.ListShardResult;
import io.github.flinkdatahub.client.model.result.MergeShardResult;
import io.github.flinkdatahub.client.model.result.SplitShardResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardOperationsTest extends OperationTestBase {

    @Test
    void listShardReadsRangesStatesParentsAndNeighbours() {
        server.respondFixture(200, "projects.success.topics.success.shards.json");
        ListShardResult result = client.listShard("success", "success");
        assertRequest("GET", "/projects/success/topics/success/shards");
        assertThat(result.getProtocol()).isEqualTo("http1.1");
        assertThat(result.getInterval()).isEqualTo(300000L);
        List<Shard> shards = result.getShards();
        assertThat(shards).extracting(Shard::getShardId).containsExactly("0", "1", "2", "3");
        assertThat(shards)
                .extracting(Shard::getState)
                .containsExactly(
                        ShardState.ACTIVE,
                        ShardState.CLOSED,
                        ShardState.OPENING,
                        ShardState.CLOSING);
        Shard first = shards.get(0);
        assertThat(first.getBeginHashKey()).isEqualTo("00000000000000000000000000000000");
        assertThat(first.getEndHashKey()).isEqualTo("55555555555555555555555555555555");
        assertThat(first.getParentShardIds()).containsExactly("10", "11");
        assertThat(first.getLeftShardId()).isNull();
        assertThat(first.getRightShardId()).isEqualTo("1");
        assertThat(shards.get(2).getRightShardId()).isNull();
        assertThat(shards.get(2).getBeginHashKey()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(shards.get(2).getEndHashKey()).isEqualTo("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
        assertThat(first.containsHashKey("55555555555555555555555555555554")).isTrue();
        assertThat(first.containsHashKey("55555555555555555555555555555555")).isFalse();
    }

    @Test
    void listShardReadsAStateNewerThanTheClientAsUnknown() {
        server.respondJson(
                200,
                "{\"Shards\":[{\"ShardId\":\"0\",\"State\":\"FROZEN\","
                        + "\"BeginHashKey\":\"00000000000000000000000000000000\","
                        + "\"EndHashKey\":\"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\"},"
                        + "{\"ShardId\":\"1\",\"State\":\"active\","
                        + "\"BeginHashKey\":\"00000000000000000000000000000000\","
                        + "\"EndHashKey\":\"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\"}]}");
        assertThat(client.listShard("p", "t").getShards())
                .extracting(Shard::getState)
                .containsExactly(ShardState.UNKNOWN, ShardState.ACTIVE);
    }

    @Test
    void listShardErrors() {
        server.respondFixture(404, "projects.valid.topics.valid.shards.json");
        assertThatThrownBy(() -> client.listShard("valid", "valid"))
                .isInstanceOf(ShardNotFoundException.class)
                .hasMessageContaining("Shard meta not exist.");
        server.respondFixture(404, "projects.valid.topics.unexisted.shards.json");
        assertThatThrownBy(() -> client.listShard("valid", "unexisted"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchTopic");
        server.respondFixture(404, "projects.unexisted.topics.valid.shards.json");
        assertThatThrownBy(() -> client.listShard("unexisted", "valid"))
                .hasMessageContaining("NoSuchProject");
    }

    @Test
    void splitWithKeySendsKeyAndReadsNewShards() {
        server.respondFixture(200, "projects.split.topics.success.shards.json");
        SplitShardResult r =
                client.splitShard("split", "success", "0", "16666666666666666666666666666666");
        assertThat(json(assertRequest("POST", "/projects/split/topics/success/shards")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"split\",\"ShardId\":\"0\",\"SplitKey\":\"16666666666666666666666666666666\"}"));
        assertThat(r.getNewShards()).hasSize(2);
        assertThat(r.getNewShards().get(0).getShardId()).isEqualTo("3");
        assertThat(r.getNewShards().get(0).getBeginHashKey())
                .isEqualTo("00000000000000000000000000000000");
        assertThat(r.getNewShards().get(0).getEndHashKey())
                .isEqualTo("16666666666666666666666666666666");
        assertThat(r.getNewShards().get(1).getShardId()).isEqualTo("4");
        assertThat(r.getNewShards().get(1).getBeginHashKey())
                .isEqualTo("16666666666666666666666666666666");
        assertThat(r.getNewShards().get(1).getEndHashKey())
                .isEqualTo("55555555555555555555555555555555");
    }

    @Test
    void splitWithoutKeyListsShardsAndSplitsAtTheMiddle() {
        server.respondFixture(200, "projects.split.topics.default.shards.json");
        server.respondFixture(200, "projects.split.topics.default.shards.json");
        SplitShardResult r = client.splitShard("split", "default", "0");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).method).isEqualTo("GET");
        // floor((0 + 0x5555...) / 2)
        assertThat(
                        json(assertRequest("POST", "/projects/split/topics/default/shards"))
                                .get("SplitKey")
                                .asText())
                .isEqualTo("2AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(r.getNewShards()).extracting(s -> s.getShardId()).containsExactly("3", "4");
    }

    @Test
    void splitErrorsMapToTypedExceptions() {
        server.respondFixture(400, "projects.split.topics.invalid_key.shards.json");
        assertThatThrownBy(
                        () ->
                                client.splitShard(
                                        "split",
                                        "invalid_key",
                                        "0",
                                        "00000000000000000000000000000000"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The key range is invalid.");
        server.respondFixture(400, "projects.split.topics.invalid_state.shards.json");
        assertThatThrownBy(
                        () ->
                                client.splitShard(
                                        "split",
                                        "invalid_state",
                                        "0",
                                        "16666666666666666666666666666666"))
                .isInstanceOf(ShardSealedException.class);
        server.respondFixture(400, "projects.split.topics.limit_exceeded.shards.json");
        // LimitExceeded is retried; make every attempt fail.
        server.respondFixture(400, "projects.split.topics.limit_exceeded.shards.json");
        server.respondFixture(400, "projects.split.topics.limit_exceeded.shards.json");
        assertThatThrownBy(
                        () ->
                                client.splitShard(
                                        "split",
                                        "limit_exceeded",
                                        "0",
                                        "16666666666666666666666666666666"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Split/Merge shard operation limit exceeded.");
    }

    @Test
    void splitKeyMustBeHex() {
        assertThatThrownBy(() -> client.splitShard("p1", "t1", "0", "xyz"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("splitKey");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void mergeSendsBothShardsAndReadsTheNewShard() {
        server.respondFixture(200, "projects.merge.topics.success.shards.json");
        MergeShardResult r = client.mergeShard("merge", "success", "0", "1");
        assertThat(json(assertRequest("POST", "/projects/merge/topics/success/shards")))
                .isEqualTo(
                        json("{\"Action\":\"merge\",\"ShardId\":\"0\",\"AdjacentShardId\":\"1\"}"));
        assertThat(r.getShardId()).isEqualTo("2");
        assertThat(r.getBeginHashKey()).isEqualTo("00000000000000000000000000000000");
        assertThat(r.getEndHashKey()).isEqualTo("55555555555555555555555555555555");
    }

    @Test
    void mergeErrorsMapToTypedExceptions() {
        server.respondFixture(400, "projects.merge.topics.shards_not_adjacent.shards.json");
        assertThatThrownBy(() -> client.mergeShard("merge", "shards_not_adjacent", "0", "2"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not adjacent");
        server.respondFixture(400, "projects.merge.topics.invalid_state.shards.json");
        assertThatThrownBy(() -> client.mergeShard("merge", "invalid_state", "0", "1"))
                .isInstanceOf(ShardSealedException.class)
                .hasMessageContaining("not active");
        for (int i = 0; i < 3; i++) {
            server.respondFixture(429, "projects.merge.topics.limit_exceeded.shards.json");
        }
        assertThatThrownBy(() -> client.mergeShard("merge", "limit_exceeded", "0", "1"))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void waitShardsReadyPollsUntilAllActiveOrClosed() {
        server.respondFixture(200, "projects.wait.topics.unready.shards.json");
        server.respondFixture(200, "projects.wait.topics.ready.shards.json");
        // The timeout only guards against a hang: the second listing answers ready.
        client.waitShardsReady("wait", "ready", Duration.ofMinutes(2));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void waitShardsReadyTimesOutNamingTheShards() {
        for (int i = 0; i < 50; i++) {
            server.respondFixture(200, "projects.wait.topics.unready.shards.json");
        }
        assertThatThrownBy(() -> client.waitShardsReady("wait", "unready", Duration.ofMillis(300)))
                .isInstanceOf(DataHubClientException.class)
                .hasMessageContaining("0=OPENING")
                .hasMessageContaining("1=CLOSING");
    }

    @Test
    void getCursorOfEachType() {
        server.respondFixture(200, "projects.cursor.topics.success.shards.0.json");
        GetCursorResult c = client.getCursor("cursor", "success", "0", CursorType.OLDEST);
        assertThat(json(assertRequest("POST", "/projects/cursor/topics/success/shards/0")))
                .isEqualTo(json("{\"Action\":\"cursor\",\"Type\":\"OLDEST\"}"));
        assertThat(c.getCursor()).isEqualTo("20000000000000000000000000000000");
        assertThat(c.getRecordTime()).isZero();
        assertThat(c.getSequence()).isZero();

        client.getCursor("cursor", "success", "0", CursorType.LATEST);
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"cursor\",\"Type\":\"LATEST\"}"));
        client.getCursor("cursor", "success", "0", CursorType.SEQUENCE, 42);
        assertThat(json(server.lastRequest()))
                .isEqualTo(json("{\"Action\":\"cursor\",\"Type\":\"SEQUENCE\",\"Sequence\":42}"));
        client.getCursor("cursor", "success", "0", CursorType.SYSTEM_TIME, 1700000000000L);
        assertThat(json(server.lastRequest()))
                .isEqualTo(
                        json(
                                "{\"Action\":\"cursor\",\"Type\":\"SYSTEM_TIME\",\"SystemTime\":1700000000000}"));
    }

    @Test
    void getCursorErrors() {
        server.respondFixture(400, "projects.cursor.topics.invalid_param.shards.0.json");
        assertThatThrownBy(
                        () ->
                                client.getCursor(
                                        "cursor", "invalid_param", "0", CursorType.SYSTEM_TIME, 1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid time value: ErrorTime");
        server.respondFixture(404, "projects.valid.topics.valid.shards.0.json");
        assertThatThrownBy(() -> client.getCursor("valid", "valid", "0", CursorType.OLDEST))
                .isInstanceOf(ShardNotFoundException.class)
                .hasMessageContaining("Invalid shard id");
        server.respondFixture(404, "projects.valid.topics.unexisted.shards.0.json");
        assertThatThrownBy(() -> client.getCursor("valid", "unexisted", "0", CursorType.OLDEST))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("NoSuchTopic");
        server.respondFixture(404, "projects.unexisted.topics.valid.shards.0.json");
        assertThatThrownBy(() -> client.getCursor("unexisted", "valid", "0", CursorType.OLDEST))
                .hasMessageContaining("NoSuchProject");
        server.respondJson(
                400, "{\"ErrorCode\":\"SeekOutOfRange\",\"ErrorMessage\":\"out of range\"}");
        assertThatThrownBy(() -> client.getCursor("p1", "t1", "0", CursorType.SEQUENCE, 999))
                .isInstanceOf(SeekOutOfRangeException.class);
    }

    @Test
    void sequenceAndTimeCursorsNeedAParameter() {
        assertThatThrownBy(() -> client.getCursor("p1", "t1", "0", CursorType.SEQUENCE))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("SEQUENCE");
        assertThatThrownBy(() -> client.getCursor("p1", "t1", "x", CursorType.OLDEST))
                .hasMessageContaining("shard id 'x'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void meteringInfo() {
        server.respondFixture(200, "projects.meter.topics.success.shards.0.json");
        assertThat(client.getMeteringInfo("meter", "success", "0").getActiveTime())
                .isEqualTo(1590206L);
        assertThat(json(assertRequest("POST", "/projects/meter/topics/success/shards/0")))
                .isEqualTo(json("{\"Action\":\"meter\"}"));
        server.respondFixture(200, "projects.meter.topics.success.shards.0.json");
        assertThat(client.getMeteringInfo("meter", "success", "0").getStorage()).isZero();
    }
}
