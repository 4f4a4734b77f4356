package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.exception.SubscriptionOfflineException;
import com.aliyun.datahub.client.exception.SubscriptionOffsetResetException;
import com.aliyun.datahub.client.exception.SubscriptionSessionInvalidException;
import com.aliyun.datahub.client.model.GetSubscriptionResult;
import com.aliyun.datahub.client.model.ListSubscriptionResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.SubscriptionEntry;
import com.aliyun.datahub.client.model.SubscriptionOffset;
import com.aliyun.datahub.client.model.SubscriptionState;
import com.aliyun.datahub.client.model.SubscriptionType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static io.github.flinkdatahub.emulator.sdk.Records.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Subscriptions and their offsets through the official SDK: create, get, list with pages, update
 * comment and state, delete; open a session, get, commit, reset, and the session/version/offline
 * rules that make commits fail.
 */
@ExtendWith(SharedEmulatorExtension.class)
class SubscriptionConformanceTest {
    private static final String PROJECT = "sdk_subs";
    private static final String TOPIC = "subscribed";
    private static final RecordSchema SCHEMA = Schemas.allTypes();
    private static Sdk sdk;
    private static DatahubClient client;
    private static List<RecordEntry> shard0;

    @BeforeAll
    static void createTopicWithRecords(Sdk shared) {
        sdk = shared;
        client = sdk.client();
        client.createProject(PROJECT, "subscription conformance");
        client.createTopic(PROJECT, TOPIC, 2, 1, RecordType.TUPLE, SCHEMA, "subs");
        client.waitForShardReady(PROJECT, TOPIC);
        for (long i = 0; i < 6; i++) {
            client.putRecordsByShard(
                    PROJECT, TOPIC, "0", List.of(entry(Schemas.fullRow(SCHEMA, i))));
        }
        shard0 = readAll(client, PROJECT, TOPIC, "0", SCHEMA);
    }

    private static String subscribe(String comment) {
        String subId = client.createSubscription(PROJECT, TOPIC, comment).getSubId();
        assertThat(subId).isNotBlank();
        return subId;
    }

    @Test
    void createdSubscriptionIsOnlineAndReadBack() {
        long before = sdk.dataClockMillis() / 1000;
        String subId = subscribe("my app");
        long after = sdk.dataClockMillis() / 1000;

        GetSubscriptionResult sub = client.getSubscription(PROJECT, TOPIC, subId);
        assertThat(sub.getSubId()).isEqualTo(subId);
        assertThat(sub.getTopicName()).isEqualTo(TOPIC);
        assertThat(sub.getComment()).isEqualTo("my app");
        assertThat(sub.getType()).isEqualTo(SubscriptionType.USER);
        assertThat(sub.getState()).isEqualTo(SubscriptionState.ONLINE);
        assertThat(sub.getCreator()).isNotBlank();
        assertThat(sub.getCreateTime()).isPositive();
        assertThat(sub.getLastModifyTime()).isGreaterThanOrEqualTo(sub.getCreateTime());
        assertThat(sub.getCreateTime())
                .as("seconds or milliseconds since the epoch")
                .satisfiesAnyOf(
                        t -> assertThat(t).isBetween(before, after),
                        t -> assertThat(t / 1000).isBetween(before, after));
    }

    @Test
    void listPagesThroughTheTopicsSubscriptions() {
        client.createTopic(PROJECT, "listed_subs", 1, 1, RecordType.BLOB, "l");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.createSubscription(PROJECT, "listed_subs", "sub " + i).getSubId());
        }

        ListSubscriptionResult page1 = client.listSubscription(PROJECT, "listed_subs", 1, 2);
        ListSubscriptionResult page2 = client.listSubscription(PROJECT, "listed_subs", 2, 2);

        assertThat(page1.getTotalCount()).isEqualTo(3);
        assertThat(page1.getSubscriptions()).hasSize(2);
        assertThat(page2.getSubscriptions()).hasSize(1);
        List<String> listed = new ArrayList<>();
        page1.getSubscriptions().forEach(s -> listed.add(s.getSubId()));
        page2.getSubscriptions().forEach(s -> listed.add(s.getSubId()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(page1.getSubscriptions())
                .extracting(SubscriptionEntry::getTopicName)
                .containsOnly("listed_subs");
    }

    @Test
    void updateChangesTheComment() {
        String subId = subscribe("before");
        client.updateSubscription(PROJECT, TOPIC, subId, "after");
        assertThat(client.getSubscription(PROJECT, TOPIC, subId).getComment()).isEqualTo("after");
    }

    @Test
    void deletedSubscriptionIsNotFound() {
        String subId = subscribe("short lived");
        client.deleteSubscription(PROJECT, TOPIC, subId);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getSubscription(PROJECT, TOPIC, subId)),
                "NoSuchSubscription",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.openSubscriptionSession(PROJECT, TOPIC, subId, List.of("0"))),
                "NoSuchSubscription",
                404);
    }

    @Test
    void unknownSubscriptionIsNotFound() {
        assertServiceError(
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () -> client.getSubscription(PROJECT, TOPIC, "1700000000000AbCdE")),
                "NoSuchSubscription",
                404);
    }

    @Test
    void offlineSubscriptionRefusesSessionsAndCommitsUntilOnlineAgain() {
        String subId = subscribe("offline");
        Map<String, SubscriptionOffset> session = open(subId, "0");

        client.updateSubscriptionState(PROJECT, TOPIC, subId, SubscriptionState.OFFLINE);
        assertThat(client.getSubscription(PROJECT, TOPIC, subId).getState())
                .isEqualTo(SubscriptionState.OFFLINE);

        assertServiceError(
                catchThrowableOfType(
                        SubscriptionOfflineException.class,
                        () -> client.openSubscriptionSession(PROJECT, TOPIC, subId, List.of("0"))),
                "SubscriptionOffline",
                400);
        moveTo(session.get("0"), 1);
        assertServiceError(
                catchThrowableOfType(
                        SubscriptionOfflineException.class,
                        () -> client.commitSubscriptionOffset(PROJECT, TOPIC, subId, session)),
                "SubscriptionOffline",
                400);

        client.updateSubscriptionState(PROJECT, TOPIC, subId, SubscriptionState.ONLINE);
        assertThat(client.getSubscription(PROJECT, TOPIC, subId).getState())
                .isEqualTo(SubscriptionState.ONLINE);
        Map<String, SubscriptionOffset> again = open(subId, "0");
        moveTo(again.get("0"), 1);
        client.commitSubscriptionOffset(PROJECT, TOPIC, subId, again);
    }

    @Test
    void aNewSessionStartsWithNoOffsetAndEachOpenMakesANewSessionId() {
        String subId = subscribe("sessions");

        Map<String, SubscriptionOffset> first = open(subId, "0", "1");
        assertThat(first).containsOnlyKeys("0", "1");
        for (SubscriptionOffset o : first.values()) {
            assertThat(o.getSequence()).isEqualTo(-1);
            assertThat(o.getTimestamp()).isEqualTo(-1);
            assertThat(o.getSessionId()).isNotBlank().containsOnlyDigits();
        }
        Map<String, SubscriptionOffset> second = open(subId, "0");
        assertThat(Long.parseLong(second.get("0").getSessionId()))
                .isEqualTo(Long.parseLong(first.get("0").getSessionId()) + 1);

        Map<String, SubscriptionOffset> read =
                client.getSubscriptionOffset(PROJECT, TOPIC, subId, List.of("0")).getOffsets();
        assertThat(read).containsOnlyKeys("0");
        assertThat(read.get("0").getSequence()).isEqualTo(-1);
        assertThat(read.get("0").getSessionId())
                .as("get is a read-only view without a session")
                .isNull();
    }

    @Test
    void committedOffsetIsWhatGetReturns() {
        String subId = subscribe("commit");
        Map<String, SubscriptionOffset> session = open(subId, "0", "1");
        long version = session.get("0").getVersionId();
        moveTo(session.get("0"), 4);
        session.get("0").setBatchIndex(2);

        client.commitSubscriptionOffset(PROJECT, TOPIC, subId, Map.of("0", session.get("0")));

        SubscriptionOffset read =
                client.getSubscriptionOffset(PROJECT, TOPIC, subId, List.of("0"))
                        .getOffsets()
                        .get("0");
        assertThat(read.getSequence()).isEqualTo(4);
        assertThat(read.getTimestamp()).isEqualTo(shard0.get(4).getSystemTime());
        assertThat(read.getBatchIndex()).as("index inside a batch").isEqualTo(2);
        assertThat(read.getVersionId()).isEqualTo(version);
        Map<String, SubscriptionOffset> all =
                client.getSubscriptionOffset(PROJECT, TOPIC, subId, null).getOffsets();
        assertThat(all).containsOnlyKeys("0", "1");
        assertThat(all.get("1").getSequence()).isEqualTo(-1);
    }

    @Test
    void commitOfAnOlderSessionThrowsSessionInvalid() {
        String subId = subscribe("stolen");
        Map<String, SubscriptionOffset> mine = open(subId, "0");
        client.openSubscriptionSession(PROJECT, TOPIC, subId, List.of("0"));
        moveTo(mine.get("0"), 2);

        SubscriptionSessionInvalidException e =
                catchThrowableOfType(
                        SubscriptionSessionInvalidException.class,
                        () -> client.commitSubscriptionOffset(PROJECT, TOPIC, subId, mine));

        assertServiceError(e, "OffsetSessionChanged", 400);
        assertThat(
                        client.getSubscriptionOffset(PROJECT, TOPIC, subId, List.of("0"))
                                .getOffsets()
                                .get("0")
                                .getSequence())
                .isEqualTo(-1);
    }

    @Test
    void resetMovesTheOffsetBumpsTheVersionAndRejectsCommitsOfTheOldVersion() {
        String subId = subscribe("reset");
        Map<String, SubscriptionOffset> session = open(subId, "0");
        long version = session.get("0").getVersionId();
        moveTo(session.get("0"), 5);
        client.commitSubscriptionOffset(PROJECT, TOPIC, subId, session);

        SubscriptionOffset target = new SubscriptionOffset();
        target.setSequence(shard0.get(2).getSequence());
        target.setTimestamp(shard0.get(2).getSystemTime());
        client.resetSubscriptionOffset(PROJECT, TOPIC, subId, Map.of("0", target));

        SubscriptionOffset read =
                client.getSubscriptionOffset(PROJECT, TOPIC, subId, List.of("0"))
                        .getOffsets()
                        .get("0");
        assertThat(read.getSequence()).isEqualTo(2);
        assertThat(read.getTimestamp()).isEqualTo(shard0.get(2).getSystemTime());
        assertThat(read.getVersionId()).isEqualTo(version + 1);

        moveTo(session.get("0"), 3);
        SubscriptionOffsetResetException e =
                catchThrowableOfType(
                        SubscriptionOffsetResetException.class,
                        () -> client.commitSubscriptionOffset(PROJECT, TOPIC, subId, session));
        assertServiceError(e, "OffsetReseted", 400);

        Map<String, SubscriptionOffset> renewed = open(subId, "0");
        assertThat(renewed.get("0").getVersionId()).isEqualTo(version + 1);
        assertThat(renewed.get("0").getSequence()).isEqualTo(2);
        moveTo(renewed.get("0"), 3);
        client.commitSubscriptionOffset(PROJECT, TOPIC, subId, renewed);
        assertThat(
                        client.getSubscriptionOffset(PROJECT, TOPIC, subId, List.of("0"))
                                .getOffsets()
                                .get("0")
                                .getSequence())
                .isEqualTo(3);
    }

    private static Map<String, SubscriptionOffset> open(String subId, String... shards) {
        return client.openSubscriptionSession(PROJECT, TOPIC, subId, List.of(shards)).getOffsets();
    }

    /**
     * Points an offset of shard 0 at the record with that index, as a consumer does after reading
     * it.
     */
    private static void moveTo(SubscriptionOffset offset, int index) {
        offset.setSequence(shard0.get(index).getSequence());
        offset.setTimestamp(shard0.get(index).getSystemTime());
    }
}
