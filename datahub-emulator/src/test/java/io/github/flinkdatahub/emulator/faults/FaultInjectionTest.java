package io.github.flinkdatahub.emulator.faults;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.InternalServerException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every fault kind as our client sees it over real HTTP, using control-plane calls (and record puts
 * for partial put failures), plus scopes, budgets and counts. The extension resets the injector
 * after each test, so each test starts with no rule and zero counts.
 */
class FaultInjectionTest {
    @RegisterExtension
    static final DataHubEmulatorExtension EMULATOR = DataHubEmulatorExtension.builder().build();

    static final String PROJECT = "faults";
    static final RecordSchema SCHEMA =
            RecordSchema.fromLists(List.of("id"), List.of(FieldType.BIGINT), List.of(true));

    /** As many reads as the benchmarks keep waiting out latency at once (16 shards x 4). */
    static final int IN_FLIGHT = 64;

    static final RetryPolicy FAST_RETRIES =
            RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(20));

    @BeforeAll
    static void createTopics(DataHubClient client) {
        client.createProject(PROJECT, "fault injection");
        client.createBlobTopic(PROJECT, "hot", 1, 1, "faulted");
        client.createBlobTopic(PROJECT, "cold", 1, 1, "left alone");
        client.createBlobTopic(PROJECT, "slow", 1, 1, "delayed");
        client.createTupleTopic(PROJECT, "records", 1, 1, SCHEMA, "partial puts");
        client.createTupleTopic(PROJECT, "by_shard", 1, 1, SCHEMA, "puts by shard");
    }

    @Test
    void throttlingAnswersLimitExceededWithStatus429(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().throttleRate(1));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOfSatisfying(
                            LimitExceededException.class,
                            e -> {
                                assertThat(e.getErrorCode()).isEqualTo("LimitExceeded");
                                assertThat(e.getHttpStatus()).isEqualTo(429);
                                assertThat(e.isRetryable()).isTrue();
                                assertThat(e.getRequestId()).isNotBlank();
                            });
        }
        assertThat(faults.throttledCount()).isEqualTo(1);
    }

    @Test
    void throttledCallsAreRetriedUntilTheRuleHasInjectedItsMaximum(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().throttleRate(1).maxFaults(2));
        try (DataHubClient client = client(emulator, FAST_RETRIES)) {
            assertThat(client.getTopic(PROJECT, "hot").getComment()).isEqualTo("faulted");
        }
        assertThat(faults.throttledCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsAnswerInternalServerErrorWithStatus500AndAreRetried(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().serverErrorRate(1));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOfSatisfying(
                            InternalServerException.class,
                            e -> {
                                assertThat(e.getErrorCode()).isEqualTo("InternalServerError");
                                assertThat(e.getHttpStatus()).isEqualTo(500);
                                assertThat(e.isRetryable()).isTrue();
                            });
        }
        faults.set(PROJECT, "hot", FaultRule.none().serverErrorRate(1).maxFaults(1));
        try (DataHubClient client = client(emulator, FAST_RETRIES)) {
            assertThat(client.getTopic(PROJECT, "hot").getComment()).isEqualTo("faulted");
        }
        assertThat(faults.serverErrorCount()).isEqualTo(2);
    }

    @Test
    void aDroppedConnectionIsARetryableIoErrorAndChangesNothing(
            DataHubEmulator emulator, FaultInjector faults, DataHubClient plain) {
        faults.set("dropped", FaultRule.none().closeConnectionRate(1));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            // A POST: the JDK's HTTP client never re-sends it on its own, so exactly one attempt is
            // made.
            assertThatThrownBy(() -> client.createProject("dropped", "never created"))
                    .isInstanceOfSatisfying(
                            DataHubClientException.class,
                            e -> {
                                assertThat(e.isRetryable()).isTrue();
                                assertThat(e.getCause()).isInstanceOf(IOException.class);
                            });
        }
        assertThat(faults.closedConnectionCount()).isEqualTo(1);
        faults.clear("dropped", null);
        assertThatThrownBy(() -> plain.getProject("dropped"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theClientRetriesAfterADroppedConnection(
            DataHubEmulator emulator, FaultInjector faults, DataHubClient plain) {
        faults.set("dropped_once", FaultRule.none().closeConnectionRate(1).maxFaults(1));
        try (DataHubClient client = client(emulator, FAST_RETRIES)) {
            client.createProject("dropped_once", "second attempt");
        }
        assertThat(faults.closedConnectionCount()).isEqualTo(1);
        assertThat(plain.getProject("dropped_once").getComment()).isEqualTo("second attempt");
    }

    @Test
    void aCallFailsOnceItsRetriesAreUsedUpWhileEveryConnectionIsDropped(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().closeConnectionRate(1));
        try (DataHubClient client =
                client(emulator, RetryPolicy.of(2, Duration.ofMillis(10), Duration.ofMillis(20)))) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOfSatisfying(
                            DataHubClientException.class,
                            e -> assertThat(e.getCause()).isInstanceOf(IOException.class));
        }
        // One per attempt at least; the JDK client may itself re-send a GET once on a reused
        // connection.
        assertThat(faults.closedConnectionCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void latencyDelaysOnlyTheRequestsOfItsScope(DataHubClient client, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().latency(Duration.ofMillis(400)));
        // The latency is waited out before serving, so the call cannot be quicker; being slow
        // proves
        // nothing about the other scope, so that request is checked by the injector's count of
        // delayed ones.
        assertThat(millisOf(() -> client.getTopic(PROJECT, "hot"))).isGreaterThanOrEqualTo(400);
        assertThat(faults.delayedCount()).isEqualTo(1);
        client.getTopic(PROJECT, "cold");
        assertThat(faults.delayedCount())
                .as("the request outside the scope was not delayed")
                .isEqualTo(1);
        client.getTopic(PROJECT, "hot");
        assertThat(faults.delayedCount()).isEqualTo(2);
    }

    @Test
    void requestsWaitingOutTheirLatencyAreAllInFlightAtOnce(
            DataHubEmulator emulator, DataHubClient shared, FaultInjector faults) {
        String cursor = shared.getCursor(PROJECT, "slow", "0", CursorType.OLDEST, -1).getCursor();
        // An hour: no request of this test is answered by the time it ends (the emulator drops
        // them when it stops).
        faults.set(PROJECT, "slow", FaultRule.none().latency(Duration.ofHours(1)));
        int requests = IN_FLIGHT;
        try (DataHubClient client =
                emulator.clientBuilder()
                        .retryPolicy(RetryPolicy.none())
                        .requestTimeout(Duration.ofHours(2))
                        .build()) {
            List<CompletableFuture<GetRecordsResult>> reads = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                reads.add(client.getBlobRecordsAsync(PROJECT, "slow", "0", cursor, 1));
            }
            // A request waiting out its latency on a thread of a small shared pool would leave the
            // requests beyond the pool's size unread, never counted as delayed.
            Wait.until("every read waits out its latency", () -> faults.delayedCount() == requests);
            assertThat(reads).noneMatch(CompletableFuture::isDone);
            assertThat(client.getTopic(PROJECT, "cold").getComment())
                    .as("served while %s requests wait", requests)
                    .isEqualTo("left alone");
        }
    }

    @Test
    void manyDelayedRequestsAreAllServedOnceTheirLatencyHasPassed(
            DataHubClient client, FaultInjector faults) {
        String cursor = client.getCursor(PROJECT, "slow", "0", CursorType.OLDEST, -1).getCursor();
        faults.set(PROJECT, "slow", FaultRule.none().latencyMillis(20));
        int requests = IN_FLIGHT;
        List<CompletableFuture<GetRecordsResult>> reads = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            reads.add(client.getBlobRecordsAsync(PROJECT, "slow", "0", cursor, 1));
        }
        assertThat(reads).allSatisfy(r -> assertThat(r.join().getNextCursor()).isEqualTo(cursor));
        assertThat(faults.delayedCount()).isEqualTo(requests);
    }

    @Test
    void latencyBeyondTheRequestTimeoutIsARetryableTimeout(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "hot", FaultRule.none().latencyMillis(1500));
        try (DataHubClient client =
                emulator.clientBuilder()
                        .retryPolicy(RetryPolicy.none())
                        .requestTimeout(Duration.ofMillis(200))
                        .build()) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOfSatisfying(
                            DataHubClientException.class,
                            e -> {
                                assertThat(e.isRetryable()).isTrue();
                                assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
                            });
        }
    }

    @Test
    void theMostSpecificScopeWins(DataHubEmulator emulator, FaultInjector faults) {
        faults.setGlobal(FaultRule.none().throttleRate(1));
        faults.set(PROJECT, FaultRule.none());
        faults.set(PROJECT, "hot", FaultRule.none().serverErrorRate(1));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(client::listProject).isInstanceOf(LimitExceededException.class);
            assertThatThrownBy(() -> client.getProject("elsewhere"))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(client.getProject(PROJECT).getComment()).isEqualTo("fault injection");
            assertThat(client.getTopic(PROJECT, "cold").getComment()).isEqualTo("left alone");
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOf(InternalServerException.class);
        }
        assertThat(faults.throttledCount()).isEqualTo(2);
        assertThat(faults.serverErrorCount()).isEqualTo(1);
        assertThat(faults.ruleFor(PROJECT, "cold")).isEqualTo(FaultRule.none());
        assertThat(faults.ruleFor("other", "topic")).isEqualTo(FaultRule.none().throttleRate(1));
    }

    @Test
    void scopesIgnoreTheCaseOfNamesAsTheServiceDoes(
            DataHubEmulator emulator, FaultInjector faults) {
        faults.set("FAULTS", "Hot", FaultRule.none().throttleRate(1));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.getTopic("faults", "HOT"))
                    .isInstanceOf(LimitExceededException.class);
        }
        assertThat(faults.rules()).containsOnlyKeys("faults/hot");
    }

    @Test
    void settingAScopeAgainReplacesItsRuleAndRenewsItsBudget(
            DataHubEmulator emulator, FaultInjector faults) {
        FaultRule once = FaultRule.none().throttleRate(1).maxFaults(1);
        faults.set(PROJECT, "hot", once);
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOf(LimitExceededException.class);
            client.getTopic(PROJECT, "hot");
            faults.set(PROJECT, "hot", once);
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOf(LimitExceededException.class);
            client.getTopic(PROJECT, "hot");
        }
        assertThat(faults.throttledCount()).isEqualTo(2);
    }

    @Test
    void clearingAScopeLeavesTheOtherScopes(DataHubEmulator emulator, FaultInjector faults) {
        faults.setGlobal(FaultRule.none().throttleRate(1));
        faults.set(PROJECT, FaultRule.none());
        faults.set(PROJECT, "hot", FaultRule.none().serverErrorRate(1));
        faults.clear(PROJECT, null);
        assertThat(faults.rules()).containsOnlyKeys(FaultInjector.GLOBAL, "faults/hot");
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.getTopic(PROJECT, "cold"))
                    .isInstanceOf(LimitExceededException.class);
            assertThatThrownBy(() -> client.getTopic(PROJECT, "hot"))
                    .isInstanceOf(InternalServerException.class);
        }
        faults.clearAll();
        assertThat(faults.rules()).isEmpty();
        assertThat(faults.throttledCount()).as("clearing rules keeps the counts").isEqualTo(1);
        faults.reset();
        assertThat(faults.throttledCount()).isZero();
        assertThat(faults.serverErrorCount()).isZero();
    }

    @Test
    void partialPutFailuresRefuseSingleRecordsOfARoutedPut(
            DataHubClient client, FaultInjector faults) {
        faults.set(PROJECT, "records", FaultRule.none().partialPutFailureRate(1).maxFaults(2));
        List<Record> batch = new ArrayList<>();
        for (long id = 0; id < 5; id++) {
            batch.add(TupleRecord.builder(SCHEMA).values(id).shardId("0").build());
        }
        PutRecordsResult result = client.putRecords(PROJECT, "records", batch);
        assertThat(result.getFailedRecordCount()).isEqualTo(2);
        assertThat(result.getFailedRecords())
                .extracting(FailedRecord::getIndex)
                .containsExactly(0, 1);
        assertThat(result.getFailedRecords())
                .allSatisfy(f -> assertThat(f.getErrorCode()).isNotBlank());
        assertThat(result.getFailedRecordList()).containsExactly(batch.get(0), batch.get(1));
        assertThat(faults.failedRecordCount()).isEqualTo(2);

        String cursor = client.getCursor(PROJECT, "records", "0", CursorType.OLDEST).getCursor();
        List<Object> stored =
                client
                        .getTupleRecords(PROJECT, "records", "0", SCHEMA, cursor, 100)
                        .getRecords()
                        .stream()
                        .map(r -> ((TupleRecord) r).getValue("id"))
                        .collect(Collectors.toList());
        assertThat(stored).containsExactly(2L, 3L, 4L);
    }

    @Test
    void partialPutFailuresFailAPutByShardAsAWhole(DataHubEmulator emulator, FaultInjector faults) {
        faults.set(PROJECT, "by_shard", FaultRule.none().partialPutFailureRate(1).maxFaults(1));
        List<TupleRecord> batch = List.of(TupleRecord.of(SCHEMA, 7L), TupleRecord.of(SCHEMA, 8L));
        try (DataHubClient client = client(emulator, RetryPolicy.none())) {
            assertThatThrownBy(() -> client.putRecordsByShard(PROJECT, "by_shard", "0", batch))
                    .isInstanceOf(DataHubException.class);
            client.putRecordsByShard(PROJECT, "by_shard", "0", batch);
            String cursor =
                    client.getCursor(PROJECT, "by_shard", "0", CursorType.OLDEST).getCursor();
            assertThat(
                            client.getTupleRecords(PROJECT, "by_shard", "0", SCHEMA, cursor, 100)
                                    .getRecords())
                    .extracting(r -> ((TupleRecord) r).getValue("id"))
                    .containsExactly(7L, 8L);
        }
        assertThat(faults.failedRecordCount()).isEqualTo(1);
    }

    private static DataHubClient client(DataHubEmulator emulator, RetryPolicy retries) {
        return emulator.clientBuilder().retryPolicy(retries).build();
    }

    private static long millisOf(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
