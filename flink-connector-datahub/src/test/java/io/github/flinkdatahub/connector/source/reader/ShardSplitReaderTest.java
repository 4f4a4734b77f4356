package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.ShardState;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.SCAN_FETCH_MAX_BUFFERED_BYTES;
import static io.github.flinkdatahub.connector.testutil.FakeDataHubClient.cursorExpired;
import static io.github.flinkdatahub.connector.testutil.FakeDataHubClient.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fetch loop of one reader against a scripted client and a clock the test moves: how pages, the
 * end of a closed shard, expired cursors, throttling, stops and seeks outside the retained records
 * turn into emitted records and finished splits. End to end over HTTP: the source ITs.
 */
class ShardSplitReaderTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final long EMPTY_FETCH_INTERVAL = 1_000;
    private static final long MAX_BACKOFF = 400;
    private static final long T0 = 1_700_000_000_000L;

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC).withShards(2);
    private long now = T0;
    private ShardSplitReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private ShardSplitReader reader(int maxRecordsPerFetch, ShardSplit... splits) {
        reader =
                new ShardSplitReader(
                        fake.client(),
                        PROJECT,
                        TOPIC,
                        RecordType.BLOB,
                        null,
                        // A fixed empty interval: the first wait is already the bound.
                        new FetchSettings(
                                maxRecordsPerFetch,
                                Duration.ofMillis(EMPTY_FETCH_INTERVAL),
                                Duration.ofMillis(EMPTY_FETCH_INTERVAL),
                                Duration.ofMillis(MAX_BACKOFF),
                                SCAN_FETCH_MAX_BUFFERED_BYTES.defaultValue().getBytes()),
                        new DataHubSourceReaderMetrics(
                                UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                        () -> now);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(splits)));
        fake.clearCalls();
        return reader;
    }

    private static ShardSplit split(String shardId, ShardPosition position) {
        return bounded(shardId, position, ShardSplit.NO_STOP, ShardSplit.NO_STOP);
    }

    private static ShardSplit bounded(
            String shardId, ShardPosition position, long stopSequence, long stopTime) {
        return new ShardSplit(
                shardId,
                position,
                List.of(),
                "00000000000000000000000000000000",
                FakeDataHubClient.MAX_KEY,
                stopSequence,
                stopTime,
                false);
    }

    /** One fetch; the wake-up first makes a fetch that finds every shard resting return at once. */
    private Fetched fetch() throws IOException {
        reader.wakeUp();
        RecordsWithSplitIds<Record> records = reader.fetch();
        Fetched f = new Fetched(records.finishedSplits());
        for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
            for (Record r = records.nextRecordFromSplit();
                    r != null;
                    r = records.nextRecordFromSplit()) {
                f.records.add(split + ":" + FakeDataHubClient.text(r));
            }
        }
        return f;
    }

    /** What one fetch handed out: records as {@code shard:text}, and the splits it finished. */
    private static final class Fetched {
        final List<String> records = new ArrayList<>();
        final Set<String> finished;

        Fetched(Set<String> finished) {
            this.finished = Set.copyOf(finished);
        }
    }

    @Test
    void readsPageAfterPageFromTheCursorEachPageReturned() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e");
        reader(2, split("0", ShardPosition.earliest()));

        assertThat(fetch().records).containsExactly("0:a", "0:b");
        assertThat(fetch().records).containsExactly("0:c", "0:d");
        assertThat(fetch().records).containsExactly("0:e");

        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 OLDEST",
                        "getRecords 0 @0 limit 2",
                        "getRecords 0 @2 limit 2",
                        "getRecords 0 @4 limit 2");
    }

    @Test
    void closedShardFinishesItsSplitOnlyAfterEmittingItsLastPage() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c").state(ShardState.CLOSED);
        reader(2, split("0", ShardPosition.earliest()));

        Fetched first = fetch();
        Fetched last = fetch();
        Fetched sealed = fetch();

        assertThat(first.records).containsExactly("0:a", "0:b");
        assertThat(last.records).containsExactly("0:c");
        assertThat(first.finished).isEmpty();
        assertThat(last.finished).as("records came back: the end is not known yet").isEmpty();
        assertThat(sealed.records).isEmpty();
        assertThat(sealed.finished).containsExactly("0");
        assertThat(fake.calls()).endsWith("getRecords 0 @3 limit 2 -> InvalidShardOperation");

        fake.clearCalls();
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).as("a finished split is never read again").isEmpty();
    }

    @Test
    void shardClosedWhileCaughtUpFinishesAtTheFetchAfterItsRest() throws IOException {
        fake.shard("0").append(T0, "a");
        reader(10, split("0", ShardPosition.earliest()));
        assertThat(fetch().records).containsExactly("0:a");
        assertThat(fetch().records).as("caught up").isEmpty();

        fake.split("0");
        now += EMPTY_FETCH_INTERVAL;
        Fetched f = fetch();

        assertThat(f.records).isEmpty();
        assertThat(f.finished).containsExactly("0");
    }

    @Test
    void expiredCursorIsRebuiltFromTheNextSequenceToHandOutWithoutDuplicatesOrLoss()
            throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e", "f");
        reader(2, split("0", ShardPosition.earliest()));
        List<String> emitted = new ArrayList<>(fetch().records);
        fake.failNext(Call.GET_RECORDS, cursorExpired());

        Fetched failed = fetch();
        emitted.addAll(failed.records);
        emitted.addAll(fetch().records);
        emitted.addAll(fetch().records);

        assertThat(failed.records).isEmpty();
        assertThat(failed.finished).isEmpty();
        assertThat(emitted).containsExactly("0:a", "0:b", "0:c", "0:d", "0:e", "0:f");
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 OLDEST",
                        "getRecords 0 @0 limit 2",
                        "getRecords 0 @2 limit 2 -> InvalidCursor",
                        "getCursor 0 SEQUENCE 2",
                        "getRecords 0 @2 limit 2",
                        "getRecords 0 @4 limit 2");
    }

    @Test
    void throttledShardBacksOffExponentiallyThenContinuesWithTheSameCursor() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d");
        reader(2, split("0", ShardPosition.earliest()));
        assertThat(fetch().records).containsExactly("0:a", "0:b");
        fake.failNext(Call.GET_RECORDS, throttled()).failNext(Call.GET_RECORDS, throttled());

        assertThat(fetch().records).isEmpty();
        fake.clearCalls();
        // First backoff: 100 ms, of which the rest is a random half or more.
        now += 49;
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).as("still backing off").isEmpty();
        now += 51;
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).containsExactly("getRecords 0 @2 limit 2 -> LimitExceeded");
        fake.clearCalls();
        // Second backoff doubles: 200 ms, at least 100 of them.
        now += 99;
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).isEmpty();
        now += 101;
        Fetched resumed = fetch();

        assertThat(resumed.records).containsExactly("0:c", "0:d");
        assertThat(fake.calls()).containsExactly("getRecords 0 @2 limit 2");
    }

    @Test
    void backoffIsCappedAtTheMaximumAndResetByASuccessfulFetch() throws IOException {
        fake.shard("0").append(T0, "a", "b");
        reader(1, split("0", ShardPosition.earliest()));
        for (int i = 0; i < 5; i++) {
            fake.failNext(Call.GET_RECORDS, throttled());
        }
        assertThat(fetch().records).isEmpty();
        // 100, 200, 400, then capped at MAX_BACKOFF (400): each wait covers the longest possible
        // rest, so every next fetch asks again; an uncapped 800 ms backoff would rest longer.
        for (long backoff : new long[] {100, 200, 400, 400}) {
            now += backoff / 2 - 1;
            fake.clearCalls();
            assertThat(fetch().records).isEmpty();
            assertThat(fake.calls()).as("resting at least half of %s ms", backoff).isEmpty();
            now += backoff / 2 + 1;
            assertThat(fetch().records).isEmpty();
            assertThat(fake.calls())
                    .as("asking again after %s ms", backoff)
                    .containsExactly("getRecords 0 @0 limit 1 -> LimitExceeded");
        }
        now += MAX_BACKOFF;
        assertThat(fetch().records).containsExactly("0:a");
        fake.failNext(Call.GET_RECORDS, throttled());

        assertThat(fetch().records).isEmpty();
        now += 100;
        assertThat(fetch().records)
                .as("back to the first backoff of 100 ms")
                .containsExactly("0:b");
    }

    @Test
    void throttledCursorRequestBacksOffAndIsRepeated() throws IOException {
        fake.shard("0").append(T0, "a");
        reader(10, split("0", ShardPosition.sequence(0, 0)));
        fake.failNext(Call.GET_CURSOR, throttled());

        assertThat(fetch().records).isEmpty();
        now += 100;
        assertThat(fetch().records).containsExactly("0:a");
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 SEQUENCE 0 -> LimitExceeded",
                        "getCursor 0 SEQUENCE 0",
                        "getRecords 0 @0 limit 10");
    }

    @Test
    void nonRetryableFailureFailsTheFetchNamingShardAndTopic() {
        reader(10, split("0", ShardPosition.earliest()));
        fake.failNext(
                Call.GET_CURSOR, ErrorCode.NO_PERMISSION.exception("No permission (scripted)."));

        assertThatThrownBy(this::fetch)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Reading shard 0 of DataHub topic p/t failed")
                .hasMessageContaining("NoPermission");
    }

    @Test
    void shardThatNoLongerExistsIsFinished() throws IOException {
        reader(10, split("7", ShardPosition.earliest()));

        Fetched f = fetch();

        assertThat(f.records).isEmpty();
        assertThat(f.finished).containsExactly("7");
        assertThat(fake.calls()).containsExactly("getCursor 7 OLDEST -> NoSuchShard");
    }

    @Test
    void emptyPageRestsTheShardForTheEmptyFetchInterval() throws IOException {
        reader(10, split("0", ShardPosition.earliest()));
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).containsExactly("getCursor 0 OLDEST", "getRecords 0 @0 limit 10");
        fake.shard("0").append(T0, "a");
        fake.clearCalls();

        now += EMPTY_FETCH_INTERVAL - 1;
        assertThat(fetch().records).isEmpty();
        assertThat(fake.calls()).as("resting").isEmpty();
        now += 1;
        assertThat(fetch().records).containsExactly("0:a");
        assertThat(fake.calls()).containsExactly("getRecords 0 @0 limit 10");
    }

    @Test
    void restingShardDoesNotHoldBackTheOthers() throws IOException {
        fake.shard("1").append(T0, "x", "y", "z");
        reader(1, split("0", ShardPosition.earliest()), split("1", ShardPosition.earliest()));

        List<String> emitted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            emitted.addAll(fetch().records);
        }

        assertThat(emitted).containsExactly("1:x", "1:y", "1:z");
        assertThat(fake.calls())
                .filteredOn(c -> c.startsWith("getRecords 0"))
                .containsExactly("getRecords 0 @0 limit 1");
    }

    @Test
    void pausedShardIsNotReadUntilResumed() throws IOException {
        fake.shard("0").append(T0, "a", "b");
        fake.shard("1").append(T0, "x", "y");
        ShardSplit zero = split("0", ShardPosition.earliest());
        reader(1, zero, split("1", ShardPosition.earliest()));
        reader.pauseOrResumeSplits(List.of(zero), List.of());

        List<String> whilePaused = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            whilePaused.addAll(fetch().records);
        }
        reader.pauseOrResumeSplits(List.of(), List.of(zero));
        List<String> afterResume = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            afterResume.addAll(fetch().records);
        }

        assertThat(whilePaused).containsExactly("1:x", "1:y");
        assertThat(afterResume).containsExactly("0:a", "0:b");
    }

    @Test
    void splitStopsBeforeItsStopSequenceInTheSameFetch() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e");
        reader(10, bounded("0", ShardPosition.earliest(), 3, ShardSplit.NO_STOP));

        Fetched f = fetch();

        assertThat(f.records).containsExactly("0:a", "0:b", "0:c");
        assertThat(f.finished).containsExactly("0");
    }

    @Test
    void splitAlreadyAtItsStopSequenceFinishesWithoutAskingTheService() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d");
        reader(10, bounded("0", ShardPosition.sequence(3, 0), 3, ShardSplit.NO_STOP));

        Fetched f = fetch();

        assertThat(f.records).isEmpty();
        assertThat(f.finished).containsExactly("0");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void splitBoundedBySequenceFinishesAtTheFirstEmptyPageOfAnEmptyShard() throws IOException {
        reader(10, bounded("0", ShardPosition.earliest(), 0, ShardSplit.NO_STOP));

        assertThat(fetch().finished).containsExactly("0");
    }

    @Test
    void splitBoundedByTimeEmitsRecordsUpToItsStopTime() throws IOException {
        fake.shard("0").append(T0 + 100, "a").append(T0 + 200, "b").append(T0 + 300, "c");
        reader(10, bounded("0", ShardPosition.earliest(), ShardSplit.NO_STOP, T0 + 200));

        Fetched f = fetch();

        assertThat(f.records).containsExactly("0:a", "0:b");
        assertThat(f.finished).containsExactly("0");
    }

    @Test
    void caughtUpSplitBoundedByTimeFinishesOnlyWhenTheClockIsPastStopTimeAndMargin()
            throws IOException {
        long stop = T0 + 10_000;
        fake.shard("0").append(T0, "a");
        reader(10, bounded("0", ShardPosition.earliest(), ShardSplit.NO_STOP, stop));
        assertThat(fetch().records).containsExactly("0:a");

        now = stop + ShardSplitReader.STOP_TIME_CLOCK_MARGIN_MILLIS;
        Fetched withinMargin = fetch();
        now += EMPTY_FETCH_INTERVAL + 1;
        Fetched pastMargin = fetch();

        assertThat(withinMargin.finished)
                .as("a record stamped before the stop time may still arrive")
                .isEmpty();
        assertThat(pastMargin.records).isEmpty();
        assertThat(pastMargin.finished).containsExactly("0");
    }

    @Test
    void startTimeSeeksBySystemTimeAndSkipsNothingAtOrAfterIt() throws IOException {
        fake.shard("0").append(T0 + 100, "a").append(T0 + 200, "b").append(T0 + 300, "c");
        reader(10, split("0", ShardPosition.timestamp(T0 + 200)));

        assertThat(fetch().records).containsExactly("0:b", "0:c");
        assertThat(fake.calls()).first().isEqualTo("getCursor 0 SYSTEM_TIME " + (T0 + 200));
    }

    @Test
    void restoredPositionInsideABatchSkipsTheRecordsAlreadyEmitted() throws IOException {
        fake.shard("0").appendBatch(T0, "a", "b", "c").append(T0, "d");
        reader(10, split("0", ShardPosition.sequence(0, 2)));

        assertThat(fetch().records).containsExactly("0:c", "0:d");
    }

    @Test
    void expiredPositionContinuesAtTheOldestRetainedRecord() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e", "f").expireBefore(4);
        reader(10, split("0", ShardPosition.sequence(2, 0)));

        assertThat(fetch().records).containsExactly("0:e", "0:f");
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 SEQUENCE 2 -> SeekOutOfRange",
                        "getCursor 0 OLDEST",
                        "getRecords 0 @4 limit 10");
    }

    @Test
    void positionJustPastTheNewestRecordWaitsForItInsteadOfRereadingTheShard() throws IOException {
        fake.shard("0").append(T0, "a", "b");
        reader(10, split("0", ShardPosition.sequence(2, 0)));

        Fetched waiting = fetch();
        fake.shard("0").append(T0, "c");
        now += EMPTY_FETCH_INTERVAL;
        Fetched next = fetch();

        assertThat(waiting.records).isEmpty();
        assertThat(waiting.finished).isEmpty();
        assertThat(next.records).containsExactly("0:c");
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 SEQUENCE 2 -> SeekOutOfRange",
                        "getCursor 0 OLDEST",
                        "listShard",
                        "getCursor 0 SEQUENCE 2",
                        "getRecords 0 @2 limit 10");
    }

    @Test
    void futurePositionOnAClosedShardFinishesTheSplit() throws IOException {
        fake.shard("0").append(T0, "a", "b").state(ShardState.CLOSED);
        reader(10, split("0", ShardPosition.sequence(5, 0)));

        Fetched f = fetch();

        assertThat(f.records).isEmpty();
        assertThat(f.finished).containsExactly("0");
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 SEQUENCE 5 -> SeekOutOfRange",
                        "getCursor 0 OLDEST",
                        "listShard");
    }

    @Test
    void shardInAStateThisClientDoesNotKnowIsPolledOnAndNeverFinished() throws IOException {
        fake.shard("0").append(T0, "a").state(ShardState.UNKNOWN);
        reader(10, split("0", ShardPosition.earliest()));

        Fetched first = fetch();
        Fetched caughtUp = fetch();
        fake.shard("0").append(T0, "b");
        now += EMPTY_FETCH_INTERVAL;
        Fetched later = fetch();

        assertThat(first.records).containsExactly("0:a");
        assertThat(caughtUp.records).isEmpty();
        assertThat(later.records).containsExactly("0:b");
        assertThat(List.of(first.finished, caughtUp.finished, later.finished))
                .allSatisfy(finished -> assertThat(finished).isEmpty());
    }

    @Test
    void futurePositionOnAShardInAStateThisClientDoesNotKnowWaitsInsteadOfFinishing()
            throws IOException {
        fake.shard("0").append(T0, "a", "b").state(ShardState.UNKNOWN);
        reader(10, split("0", ShardPosition.sequence(5, 0)));

        Fetched f = fetch();

        assertThat(f.finished).as("not taken as closed").isEmpty();
        assertThat(fake.calls())
                .containsExactly(
                        "getCursor 0 SEQUENCE 5 -> SeekOutOfRange",
                        "getCursor 0 OLDEST",
                        "listShard");
    }

    @Test
    void startTimeAfterTheNewestRecordWaitsOnAnOpenShardAndFinishesOnAClosedOne()
            throws IOException {
        fake.shard("0").append(T0, "a");
        fake.shard("1").append(T0, "x").state(ShardState.CLOSED);
        reader(
                10,
                split("0", ShardPosition.timestamp(T0 + 1)),
                split("1", ShardPosition.timestamp(T0 + 1)));

        Fetched open = fetch();
        Fetched closed = fetch();

        assertThat(open.finished).isEmpty();
        assertThat(closed.finished).containsExactly("1");
        assertThat(open.records).isEmpty();
        assertThat(closed.records).isEmpty();
    }

    @Test
    void closeClosesTheClient() {
        reader(10, split("0", ShardPosition.earliest())).close();
        reader = null;

        assertThat(fake.closedClients()).isEqualTo(1);
    }
}
