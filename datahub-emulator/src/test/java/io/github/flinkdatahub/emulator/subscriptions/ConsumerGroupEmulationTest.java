package io.github.flinkdatahub.emulator.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.SubscriptionOfflineException;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * joinGroup / heartbeat / syncGroup / leaveGroup, sent as the Java SDK sends them (our client has
 * no group API).
 */
class ConsumerGroupEmulationTest {
    static final String P = "group_proj";

    /**
     * Sessions run on the data clock, which also moves with real time: members that must not expire
     * get an hour, which no test step takes, so only the clock advances a test makes can end them.
     */
    static final long HOUR_SESSION = Duration.ofHours(1).toMillis();

    static DataHubEmulator emulator;
    static DataHubClient client;
    static RawCalls raw;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        raw = new RawCalls(emulator);
        client.createProject(P, "groups");
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        emulator.close();
    }

    /**
     * A topic with {@code shards} shards and a subscription on it; returns the subscription path.
     */
    static String group(String topic, int shards) {
        client.createTupleTopic(
                P,
                topic,
                shards,
                1,
                RecordSchema.fromLists(List.of("id"), List.of(FieldType.BIGINT)),
                "t");
        String sub = client.createSubscription(P, topic, "group").getSubId();
        return "/projects/" + P + "/topics/" + topic + "/subscriptions/" + sub;
    }

    static JsonNode join(String path, long timeout) {
        return raw.post(path, "{\"Action\":\"joinGroup\",\"SessionTimeout\":" + timeout + "}");
    }

    static JsonNode heartbeat(
            String path, JsonNode member, List<String> hold, List<String> readEnd) {
        return raw.post(
                path,
                "{\"Action\":\"heartbeat\",\"ConsumerId\":\""
                        + member.get("ConsumerId").asText()
                        + "\",\"VersionId\":"
                        + member.get("VersionId").asLong()
                        + ",\"HoldShardList\":"
                        + Json.stringArray(hold)
                        + ",\"ReadEndShardList\":"
                        + Json.stringArray(readEnd)
                        + "}");
    }

    static List<String> shards(JsonNode heartbeat) {
        return Json.stringList(heartbeat, "ShardList");
    }

    @Test
    void membersShareTheShardsEvenlyAndEveryChangeBumpsThePlanVersion() {
        String path = group("even", 4);
        JsonNode a = join(path, HOUR_SESSION);
        assertThat(a.get("ConsumerId").asText())
                .matches("\\d{13}[A-Z0-9]{5}-[0-9a-f]{8}-[0-9a-f]{8}");
        assertThat(a.get("SessionTimeout").asLong()).isEqualTo(HOUR_SESSION);
        JsonNode hbA = heartbeat(path, a, List.of(), List.of());
        assertThat(shards(hbA)).containsExactly("0", "1", "2", "3");
        long v1 = hbA.get("PlanVersion").asLong();
        assertThat(v1).isEqualTo(a.get("VersionId").asLong());
        heartbeat(path, a, List.of("0", "1", "2", "3"), List.of());

        JsonNode b = join(path, HOUR_SESSION);
        assertThat(b.get("VersionId").asLong()).isEqualTo(v1 + 1);
        // B's half is still held by A: B gets it only once A lets go.
        JsonNode hbB = heartbeat(path, b, List.of(), List.of());
        assertThat(shards(hbB)).isEmpty();
        hbA = heartbeat(path, a, List.of("0", "1", "2", "3"), List.of());
        assertThat(shards(hbA)).containsExactly("0", "1");
        assertThat(hbA.get("PlanVersion").asLong()).isEqualTo(v1 + 1);
        assertThat(hbA.get("TotalPlan").asText())
                .contains(a.get("ConsumerId").asText(), b.get("ConsumerId").asText());
        raw.post(
                path,
                "{\"Action\":\"syncGroup\",\"ConsumerId\":\""
                        + a.get("ConsumerId").asText()
                        + "\",\"VersionId\":"
                        + (v1 + 1)
                        + ",\"ReleaseShardList\":[\"2\",\"3\"],\"ReadEndShardList\":[]}");
        assertThat(shards(heartbeat(path, b, List.of(), List.of()))).containsExactly("2", "3");

        raw.post(
                path,
                "{\"Action\":\"leaveGroup\",\"ConsumerId\":\""
                        + b.get("ConsumerId").asText()
                        + "\",\"VersionId\":"
                        + (v1 + 1)
                        + "}");
        JsonNode after = heartbeat(path, a, List.of("0", "1"), List.of());
        assertThat(shards(after)).containsExactly("0", "1", "2", "3");
        assertThat(after.get("PlanVersion").asLong()).isEqualTo(v1 + 2);
        assertThatThrownBy(() -> heartbeat(path, b, List.of(), List.of()))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("NoSuchConsumer"));
    }

    @Test
    void membersThatStopHeartbeatingExpireOnTheDataClock() {
        String path = group("expiry", 3);
        JsonNode a = join(path, Duration.ofMinutes(10).toMillis());
        JsonNode b = join(path, HOUR_SESSION);
        heartbeat(path, a, List.of(), List.of());
        List<String> all = new ArrayList<>(shards(heartbeat(path, a, List.of(), List.of())));
        all.addAll(shards(heartbeat(path, b, List.of(), List.of())));
        assertThat(all).containsExactlyInAnyOrder("0", "1", "2");

        emulator.clock().advance(Duration.ofMinutes(11));
        JsonNode hb = heartbeat(path, b, List.of(), List.of());
        assertThat(shards(hb)).containsExactly("0", "1", "2");
        assertThatThrownBy(() -> heartbeat(path, a, List.of(), List.of()))
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("NoSuchConsumer"));
    }

    @Test
    void moreMembersThanShardsLeavesSomeIdle() {
        String path = group("idle", 1);
        JsonNode a = join(path, HOUR_SESSION);
        JsonNode b = join(path, HOUR_SESSION);
        List<String> shardsA = shards(heartbeat(path, a, List.of(), List.of()));
        List<String> shardsB = shards(heartbeat(path, b, List.of(), List.of()));
        assertThat(shardsA.size() + shardsB.size()).isEqualTo(1);
    }

    @Test
    void unknownConsumersAndOfflineSubscriptionsAreRefused() {
        String path = group("refuse", 1);
        assertThatThrownBy(
                        () ->
                                raw.post(
                                        path,
                                        "{\"Action\":\"heartbeat\",\"ConsumerId\":\"nobody\",\"VersionId\":1,"
                                                + "\"HoldShardList\":[],\"ReadEndShardList\":[]}"))
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("NoSuchConsumer"));
        assertThatThrownBy(
                        () ->
                                raw.post(
                                        path,
                                        "{\"Action\":\"leaveGroup\",\"ConsumerId\":\"nobody\",\"VersionId\":1}"))
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("NoSuchConsumer"));
        String subId = path.substring(path.lastIndexOf('/') + 1);
        client.updateSubscriptionState(P, "refuse", subId, SubscriptionState.OFFLINE);
        assertThatThrownBy(() -> join(path, 60_000))
                .isInstanceOf(SubscriptionOfflineException.class);
        String unknown = path.substring(0, path.lastIndexOf('/') + 1) + "1700000000000ABCDE";
        assertThatThrownBy(() -> join(unknown, 60_000))
                .satisfies(
                        e ->
                                assertThat(((DataHubException) e).getErrorCode())
                                        .isEqualTo("NoSuchSubscription"));
    }

    @Test
    void closedShardsReadToTheEndAreNotAssignedAgainAndTheirChildrenAre() {
        String path = group("lineage", 1);
        JsonNode a = join(path, HOUR_SESSION);
        assertThat(shards(heartbeat(path, a, List.of(), List.of()))).containsExactly("0");
        // New shards may not be split during their first seconds.
        emulator.clock().advance(Duration.ofSeconds(10));
        client.splitShard(P, "lineage", "0");
        // The children wait for their parent to be read to the end.
        assertThat(shards(heartbeat(path, a, List.of("0"), List.of()))).containsExactly("0");
        JsonNode hb = heartbeat(path, a, List.of("0"), List.of("0"));
        assertThat(shards(hb)).containsExactly("1", "2");
    }
}
