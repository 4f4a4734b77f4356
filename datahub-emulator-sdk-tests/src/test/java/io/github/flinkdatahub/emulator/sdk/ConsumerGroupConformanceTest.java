package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.ResourceNotFoundException;
import com.aliyun.datahub.client.exception.ServiceInProcessException;
import com.aliyun.datahub.client.model.HeartbeatResult;
import com.aliyun.datahub.client.model.JoinGroupResult;
import com.aliyun.datahub.client.model.RecordType;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Cooperative consumption (consumer groups named by a subscription) through the official SDK: join,
 * heartbeat for an assignment, sync to release shards, leave; driven the way the SDK's client
 * library drives it.
 */
@ExtendWith(SharedEmulatorExtension.class)
class ConsumerGroupConformanceTest {
    private static final String PROJECT = "sdk_groups";

    /**
     * The data clock also runs with real time: an hour, which no test step takes, keeps members
     * alive.
     */
    private static final long SESSION_TIMEOUT = Duration.ofHours(1).toMillis();

    private static DatahubClient client;

    @BeforeAll
    static void createProject(Sdk sdk) {
        client = sdk.client();
        client.createProject(PROJECT, "consumer groups");
    }

    private static String topicWithSubscription(String topic, int shards) {
        client.createTopic(PROJECT, topic, shards, 1, RecordType.BLOB, topic);
        client.waitForShardReady(PROJECT, topic);
        return client.createSubscription(PROJECT, topic, "group").getSubId();
    }

    /** One member of a group, holding what the last heartbeat assigned it. */
    private static final class Member {
        final String topic;
        final String subId;
        final String consumerId;
        long version;
        List<String> held = new ArrayList<>();

        Member(String topic, String subId) {
            this.topic = topic;
            this.subId = subId;
            JoinGroupResult joined = client.joinGroup(PROJECT, topic, subId, SESSION_TIMEOUT);
            assertThat(joined.getConsumerId()).isNotBlank();
            assertThat(joined.getSessionTimeout()).isEqualTo(SESSION_TIMEOUT);
            this.consumerId = joined.getConsumerId();
            this.version = joined.getVersionId();
        }

        /**
         * Heartbeats once; shards taken away are handed back with a sync, as the client library
         * does.
         */
        void beat() {
            HeartbeatResult result;
            try {
                result =
                        client.heartbeat(
                                PROJECT, topic, subId, consumerId, version, held, List.of());
            } catch (ServiceInProcessException rebalancing) {
                return;
            }
            List<String> assigned =
                    result.getShardList() == null ? List.of() : result.getShardList();
            List<String> released = new ArrayList<>(held);
            released.removeAll(assigned);
            if (!released.isEmpty()) {
                client.syncGroup(PROJECT, topic, subId, consumerId, version, released, List.of());
            }
            version = result.getPlanVersion();
            held = new ArrayList<>(assigned);
        }
    }

    private static void beatUntil(List<Member> members, BooleanSupplier done) {
        Wait.until(
                "the assignment settles",
                () -> {
                    if (done.getAsBoolean()) {
                        return true;
                    }
                    members.forEach(Member::beat);
                    return done.getAsBoolean();
                });
    }

    @Test
    void aLoneConsumerIsAssignedEveryShard() {
        String subId = topicWithSubscription("lone", 3);
        Member member = new Member("lone", subId);
        beatUntil(List.of(member), () -> member.held.size() == 3);
        assertThat(member.held).containsExactlyInAnyOrder("0", "1", "2");
    }

    @Test
    void twoConsumersShareTheShardsWithoutOverlap() {
        String subId = topicWithSubscription("shared", 4);
        Member first = new Member("shared", subId);
        beatUntil(List.of(first), () -> first.held.size() == 4);
        Member second = new Member("shared", subId);

        beatUntil(
                List.of(first, second),
                () ->
                        !first.held.isEmpty()
                                && !second.held.isEmpty()
                                && first.held.size() + second.held.size() == 4);

        Set<String> union = new HashSet<>(first.held);
        union.addAll(second.held);
        assertThat(union).containsExactlyInAnyOrder("0", "1", "2", "3");
    }

    @Test
    void aConsumerThatLeftIsNoLongerKnown() {
        String subId = topicWithSubscription("leaving", 1);
        Member member = new Member("leaving", subId);
        beatUntil(List.of(member), () -> member.held.size() == 1);

        client.leaveGroup(PROJECT, "leaving", subId, member.consumerId, member.version);

        ResourceNotFoundException e =
                catchThrowableOfType(
                        ResourceNotFoundException.class,
                        () ->
                                client.heartbeat(
                                        PROJECT,
                                        "leaving",
                                        subId,
                                        member.consumerId,
                                        member.version,
                                        List.of(),
                                        List.of()));
        assertServiceError(e, "NoSuchConsumer", 404);
    }
}
