package io.github.flinkdatahub.emulator.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.OffsetResetException;
import io.github.flinkdatahub.client.exception.OffsetSessionChangedException;
import io.github.flinkdatahub.client.exception.OffsetSessionClosedException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.SubscriptionOfflineException;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.result.GetSubscriptionResult;
import io.github.flinkdatahub.client.model.result.ListSubscriptionResult;
import io.github.flinkdatahub.client.model.subscription.OffsetBase;
import io.github.flinkdatahub.client.model.subscription.OffsetWithSession;
import io.github.flinkdatahub.client.model.subscription.OffsetWithVersion;
import io.github.flinkdatahub.client.model.subscription.Subscription;
import io.github.flinkdatahub.client.model.subscription.SubscriptionState;
import io.github.flinkdatahub.client.model.subscription.SubscriptionType;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionEmulationTest {
    static final String P = "sub_proj";
    static DataHubEmulator emulator;
    static DataHubClient client;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        client.createProject(P, "subscriptions");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static void topic(String name, int shards) {
        client.createTupleTopic(
                P,
                name,
                shards,
                1,
                RecordSchema.fromLists(List.of("id"), List.of(FieldType.BIGINT)),
                "t");
    }

    static String code(Throwable t) {
        return ((DataHubException) t).getErrorCode();
    }

    @Test
    void subscriptionLifecycleShowsEveryField() {
        topic("life", 1);
        String subId = client.createSubscription(P, "life", "first comment").getSubId();
        assertThat(subId).matches("\\d{13}[A-Z0-9]{5}");

        GetSubscriptionResult got = client.getSubscription(P, "LIFE", subId);
        assertThat(got.getSubId()).isEqualTo(subId);
        assertThat(got.getTopicName()).isEqualTo("life");
        assertThat(got.getComment()).isEqualTo("first comment");
        assertThat(got.getCreator()).isEqualTo(DataHubEmulator.DEFAULT_ACCESS_ID);
        assertThat(got.getType()).isEqualTo(SubscriptionType.USER);
        assertThat(got.getState()).isEqualTo(SubscriptionState.ONLINE);
        assertThat(got.isOwner()).isTrue();
        assertThat(got.getCreateTime()).isPositive().isEqualTo(got.getLastModifyTime());

        client.updateSubscription(P, "life", subId, "second comment");
        assertThat(client.getSubscription(P, "life", subId).getComment())
                .isEqualTo("second comment");
        client.updateSubscriptionState(P, "life", subId, SubscriptionState.OFFLINE);
        assertThat(client.getSubscription(P, "life", subId).getState())
                .isEqualTo(SubscriptionState.OFFLINE);
        assertThat(client.getSubscription(P, "life", subId).getComment())
                .isEqualTo("second comment");

        client.deleteSubscription(P, "life", subId);
        assertThatThrownBy(() -> client.getSubscription(P, "life", subId))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
        assertThatThrownBy(() -> client.deleteSubscription(P, "life", subId))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
    }

    @Test
    void missingProjectOrTopicIsReportedBeforeTheSubscription() {
        topic("missing", 1);
        assertThatThrownBy(() -> client.createSubscription("no_such_project", "missing", "c"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchProject"));
        assertThatThrownBy(() -> client.createSubscription(P, "no_such_topic", "c"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchTopic"));
        assertThatThrownBy(() -> client.getSubscription(P, "no_such_topic", "1700000000000ABCDE"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchTopic"));
        assertThatThrownBy(() -> client.updateSubscription(P, "missing", "1700000000000ABCDE", "c"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
    }

    @Test
    void listPagesFromOneAndSearchesCommentsAndIds() {
        topic("paging", 1);
        // All five in one millisecond of the data clock: the list keeps their creation order even
        // so.
        emulator.clock().pause();
        try {
            for (int i = 0; i < 5; i++) {
                client.createSubscription(P, "paging", (i % 2 == 0 ? "alpha-" : "beta-") + i);
            }
        } finally {
            emulator.clock().resume();
        }
        ListSubscriptionResult first = client.listSubscription(P, "paging", null, 1, 2);
        assertThat(first.getTotalCount()).isEqualTo(5);
        assertThat(first.getSubscriptions())
                .extracting(Subscription::getComment)
                .containsExactly("alpha-0", "beta-1");
        assertThat(client.listSubscription(P, "paging", null, 3, 2).getSubscriptions())
                .extracting(Subscription::getComment)
                .containsExactly("alpha-4");
        assertThat(client.listSubscription(P, "paging", null, 4, 2).getSubscriptions()).isEmpty();

        ListSubscriptionResult betas = client.listSubscription(P, "paging", "BETA", 1, 10);
        assertThat(betas.getTotalCount()).isEqualTo(2);
        assertThat(betas.getSubscriptions())
                .extracting(Subscription::getComment)
                .containsExactly("beta-1", "beta-3");

        String id = first.getSubscriptions().get(1).getSubId();
        assertThat(client.listSubscription(P, "paging", id.substring(8), 1, 10).getSubscriptions())
                .extracting(Subscription::getSubId)
                .containsExactly(id);
    }

    @Test
    void offsetsOfEveryShardWhenNoShardIsNamed() {
        topic("allshards", 3);
        String sub = client.createSubscription(P, "allshards", "c").getSubId();
        try (RawCalls raw = new RawCalls(emulator)) {
            JsonNode all =
                    raw.post(
                            "/projects/"
                                    + P
                                    + "/topics/allshards/subscriptions/"
                                    + sub
                                    + "/offsets",
                            "{\"Action\":\"get\"}");
            assertThat(all.get("Offsets").fieldNames()).toIterable().containsExactly("0", "1", "2");
            assertThat(all.get("Offsets").get("2").has("SessionId")).isFalse();
        }
    }

    @Test
    void listRejectsPagesBelowOne() {
        topic("badpage", 1);
        try (RawCalls raw = new RawCalls(emulator)) {
            assertThatThrownBy(
                            () ->
                                    raw.post(
                                            "/projects/" + P + "/topics/badpage/subscriptions",
                                            "{\"Action\":\"list\",\"PageIndex\":0,\"PageSize\":10}"))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("pageIndex");
        }
    }

    @Test
    void aTopicHoldsAtMostOneThousandSubscriptions() throws Exception {
        topic("limit", 1);
        // Many at a time: each request waits on the network far longer than on the emulator.
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String comment = "s" + i;
                created.add(pool.submit(() -> client.createSubscription(P, "limit", comment)));
            }
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> client.createSubscription(P, "limit", "one too many"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("1000");
        assertThat(client.listSubscription(P, "limit", null, 1, 1).getTotalCount()).isEqualTo(1000);
    }

    @Test
    void neverCommittedOffsetsAreMinusOneAndOpenStartsSessionsPerShard() {
        topic("fresh", 2);
        String sub = client.createSubscription(P, "fresh", "c").getSubId();
        Map<String, OffsetWithVersion> got =
                client.getSubscriptionOffset(P, "fresh", sub, List.of("0", "1")).getOffsets();
        assertThat(got).containsOnlyKeys("0", "1");
        assertThat(got.get("0")).isEqualTo(new OffsetWithVersion(-1, -1, 0, 0));

        assertThat(open(sub, "fresh", "0").getSessionId()).isEqualTo(0);
        assertThat(open(sub, "fresh", "0").getSessionId()).isEqualTo(1);
        assertThat(open(sub, "fresh", "1").getSessionId()).isEqualTo(0);
        Map<String, OffsetWithSession> both =
                client.initAndGetSubscriptionOffset(P, "fresh", sub, List.of("0", "1"))
                        .getOffsets();
        assertThat(both.get("0").getSessionId()).isEqualTo(2);
        assertThat(both.get("1").getSessionId()).isEqualTo(1);
        assertThat(both.get("0").getSequence()).isEqualTo(-1);
    }

    @Test
    void commitNeedsTheLatestSessionAndVersion() {
        topic("commits", 1);
        String sub = client.createSubscription(P, "commits", "c").getSubId();
        assertThatThrownBy(() -> commit(sub, "commits", new OffsetWithSession(5, 1000, 0, 0, 0)))
                .isInstanceOf(OffsetSessionClosedException.class);

        OffsetWithSession older = open(sub, "commits", "0");
        OffsetWithSession newer = open(sub, "commits", "0");
        assertThatThrownBy(() -> commit(sub, "commits", older.withPosition(5, 1000, 0)))
                .isInstanceOf(OffsetSessionChangedException.class)
                .hasMessageContaining("SubId is occupied by another open");

        commit(sub, "commits", newer.withPosition(5, 1000, 2));
        assertThat(client.getSubscriptionOffset(P, "commits", sub, "0").getOffsets().get("0"))
                .isEqualTo(new OffsetWithVersion(5, 1000, 2, 0));

        client.resetSubscriptionOffset(P, "commits", sub, Map.of("0", new OffsetBase(1, 500, 0)));
        assertThat(client.getSubscriptionOffset(P, "commits", sub, "0").getOffsets().get("0"))
                .isEqualTo(new OffsetWithVersion(1, 500, 0, 1));
        assertThatThrownBy(() -> commit(sub, "commits", newer.withPosition(6, 1100, 0)))
                .isInstanceOf(OffsetResetException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("OffsetReseted"));

        OffsetWithSession reopened = open(sub, "commits", "0");
        assertThat(reopened.getVersion()).isEqualTo(1);
        assertThat(reopened.getSequence()).isEqualTo(1);
        commit(sub, "commits", reopened.withPosition(7, 1200, 0));
        assertThat(
                        client.getSubscriptionOffset(P, "commits", sub, "0")
                                .getOffsets()
                                .get("0")
                                .getSequence())
                .isEqualTo(7);
    }

    @Test
    void offlineSubscriptionsRefuseOpenAndCommitButAcceptReset() {
        topic("offline", 1);
        String sub = client.createSubscription(P, "offline", "c").getSubId();
        OffsetWithSession session = open(sub, "offline", "0");
        client.updateSubscriptionState(P, "offline", sub, SubscriptionState.OFFLINE);
        assertThatThrownBy(() -> open(sub, "offline", "0"))
                .isInstanceOf(SubscriptionOfflineException.class);
        assertThatThrownBy(() -> commit(sub, "offline", session.withPosition(1, 1, 0)))
                .isInstanceOf(SubscriptionOfflineException.class);
        client.resetSubscriptionOffset(P, "offline", sub, Map.of("0", new OffsetBase(3, 30, 0)));
        client.updateSubscriptionState(P, "offline", sub, SubscriptionState.ONLINE);
        assertThat(open(sub, "offline", "0").getSequence()).isEqualTo(3);
    }

    @Test
    void offsetCallsOnUnknownShardsAreNoSuchShard() {
        topic("shards", 1);
        String sub = client.createSubscription(P, "shards", "c").getSubId();
        assertThatThrownBy(() -> open(sub, "shards", "7"))
                .isInstanceOf(ShardNotFoundException.class)
                .hasMessageContaining("7");
        assertThatThrownBy(() -> client.getSubscriptionOffset(P, "shards", sub, "7"))
                .isInstanceOf(ShardNotFoundException.class);
        assertThatThrownBy(
                        () ->
                                client.resetSubscriptionOffset(
                                        P, "shards", sub, Map.of("7", new OffsetBase(1, 1))))
                .isInstanceOf(ShardNotFoundException.class);
        assertThatThrownBy(
                        () -> client.getSubscriptionOffset(P, "shards", "1700000000000ABCDE", "0"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
    }

    @Test
    void deletingATopicDeletesItsSubscriptions() {
        topic("gone", 1);
        String sub = client.createSubscription(P, "gone", "c").getSubId();
        open(sub, "gone", "0");
        client.deleteTopic(P, "gone");
        topic("gone", 1);
        assertThatThrownBy(() -> client.getSubscription(P, "gone", sub))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchSubscription"));
        assertThat(client.listSubscription(P, "gone", null, 1, 10).getTotalCount()).isZero();
    }

    static OffsetWithSession open(String sub, String topic, String shard) {
        return client.initAndGetSubscriptionOffset(P, topic, sub, shard).getOffsets().get(shard);
    }

    static void commit(String sub, String topic, OffsetWithSession offset) {
        client.updateSubscriptionOffset(P, topic, sub, Map.of("0", offset));
    }
}
