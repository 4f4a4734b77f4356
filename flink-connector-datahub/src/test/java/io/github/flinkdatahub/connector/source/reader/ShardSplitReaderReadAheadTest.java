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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages of one shard read ahead ({@code scan.fetch.max-reads-per-shard} > 1), against a scripted
 * client whose answers the test holds and delivers in the order it chooses: records stay in
 * sequence order, a page ahead is used only where the page before it ended, and the stop sequence,
 * the budget, the end of a closed shard and errors keep their meaning.
 */
class ShardSplitReaderReadAheadTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final long T0 = 1_700_000_000_000L;
    private static final List<String> A_TO_H = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC).withShards(1);
    private ShardSplitReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Pages of two records, three reads of a shard in flight, the given record budget. */
    private void reader(long stopSequence, int maxBufferedRecords) {
        reader =
                new ShardSplitReader(
                        fake.client(),
                        PROJECT,
                        TOPIC,
                        RecordType.BLOB,
                        null,
                        new FetchSettings(
                                2,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                Long.MAX_VALUE,
                                maxBufferedRecords,
                                3),
                        new DataHubSourceReaderMetrics(
                                UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                        () -> T0);
        reader.handleSplitsChanges(
                new SplitsAddition<>(
                        List.of(
                                new ShardSplit(
                                        "0",
                                        ShardPosition.earliest(),
                                        List.of(),
                                        "00000000000000000000000000000000",
                                        FakeDataHubClient.MAX_KEY,
                                        stopSequence,
                                        ShardSplit.NO_STOP,
                                        false))));
    }

    private final List<String> finished = new ArrayList<>();

    /** One fetch; the wake-up first makes a fetch with nothing to hand out return at once. */
    private List<String> fetch() throws IOException {
        reader.wakeUp();
        RecordsWithSplitIds<Record> records = reader.fetch();
        List<String> out = new ArrayList<>();
        for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
            for (Record r = records.nextRecordFromSplit();
                    r != null;
                    r = records.nextRecordFromSplit()) {
                out.add(FakeDataHubClient.text(r));
            }
        }
        finished.addAll(records.finishedSplits());
        return out;
    }

    /** Delivers the reads in flight oldest first, fetching after each, until none is left. */
    private List<String> drain() throws IOException {
        List<String> emitted = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            if (!fake.readsInFlight().isEmpty()) {
                fake.deliverRead("0");
            }
            emitted.addAll(fetch());
        }
        assertThat(fake.readsInFlight()).as("every read answered").isEmpty();
        return emitted;
    }

    @Test
    void pagesReadAheadAnsweredBeforeThePagesBeforeThemAreHandedOutInSequenceOrder()
            throws IOException {
        fake.shard("0").append(T0, A_TO_H.toArray(new String[0]));
        fake.holdReads();
        reader(ShardSplit.NO_STOP, Integer.MAX_VALUE);
        assertThat(fetch()).isEmpty();
        fake.clearCalls();

        fake.deliverRead("0", 0);
        assertThat(fake.readsInFlight("0"))
                .as("a full page: the next read and the two pages after it are under way")
                .containsExactlyInAnyOrder(2L, 4L, 6L);
        assertThat(fake.calls())
                .as("pages ahead read from a cursor for their sequence")
                .contains(
                        "getCursor 0 SEQUENCE 4",
                        "getRecords 0 @4 limit 2",
                        "getCursor 0 SEQUENCE 6",
                        "getRecords 0 @6 limit 2",
                        "getRecords 0 @2 limit 2");

        // The newest page first, the next read last.
        fake.deliverRead("0", 6);
        fake.deliverRead("0", 4);
        assertThat(fetch()).containsExactly("a", "b");
        assertThat(fetch()).as("nothing handed out before the page at 2 is in").isEmpty();
        fake.deliverRead("0", 2);

        List<String> emitted = new ArrayList<>(List.of("a", "b"));
        emitted.addAll(drain());
        assertThat(emitted).containsExactlyElementsOf(A_TO_H);
        assertThat(fake.mostReadsOfOneShardInFlight()).isEqualTo(3);
        assertThat(fake.calls().stream().filter(c -> c.startsWith("getRecords 0 @4")))
                .as("each page asked for once")
                .hasSize(1);
        assertThat(fake.calls())
                .as("nothing asked for past the shard's latest record")
                .noneMatch(c -> c.startsWith("getCursor 0 SEQUENCE 8"));
    }

    @Test
    void pagesAheadAreDiscardedWhenThePageBeforeThemEndsShortAndTheShardGoesOnFromItsRealCursor()
            throws IOException {
        fake.shard("0").append(T0, A_TO_H.toArray(new String[0]));
        // The page at 2 is cut after one record, as the service cuts a page at its byte limit.
        fake.cutPage("0", 2, 1);
        fake.holdReads();
        reader(ShardSplit.NO_STOP, Integer.MAX_VALUE);
        fetch();
        fake.deliverRead("0", 0);
        assertThat(fake.readsInFlight("0")).containsExactlyInAnyOrder(2L, 4L, 6L);
        fake.deliverRead("0", 4);
        fake.deliverRead("0", 6);
        fake.clearCalls();
        fake.deliverRead("0", 2);

        assertThat(fake.readsInFlight("0"))
                .as("the page at 2 ended at 3: the pages at 4 and 6 are dropped, 3 is read")
                .containsExactly(3L);
        assertThat(fake.calls()).containsExactly("getRecords 0 @3 limit 2");
        List<String> emitted = drain();
        assertThat(emitted).containsExactlyElementsOf(A_TO_H);
    }

    @Test
    void noPageIsReadAheadAtOrPastTheSplitsStopSequence() throws IOException {
        fake.shard("0").append(T0, A_TO_H.toArray(new String[0]));
        fake.holdReads();
        reader(5, Integer.MAX_VALUE);
        fetch();
        fake.deliverRead("0", 0);
        assertThat(fake.readsInFlight("0"))
                .as("4 lies before the stop sequence 5, 6 does not")
                .containsExactlyInAnyOrder(2L, 4L);

        assertThat(drain()).containsExactly("a", "b", "c", "d", "e");
        assertThat(finished).containsExactly("0");
        assertThat(fake.calls()).noneMatch(c -> c.contains("SEQUENCE 6") || c.contains("@6"));
    }

    @Test
    void pagesAheadReserveTheBudgetOfAPageEachAndStopAtIt() throws IOException {
        fake.shard("0").append(T0, A_TO_H.toArray(new String[0]));
        fake.holdReads();
        // Five records: the page answered (2) plus one page ahead (2) fit, a second does not.
        reader(ShardSplit.NO_STOP, 5);
        fetch();
        fake.deliverRead("0", 0);
        assertThat(fake.readsInFlight("0"))
                .as("the next read and one page ahead")
                .containsExactlyInAnyOrder(2L, 4L);

        assertThat(fetch()).containsExactly("a", "b");
        fake.deliverRead("0", 2);
        assertThat(fake.readsInFlight("0"))
                .as("page 2 buffered (2) + page 4 reserved (2) + another (2) > 5: no page ahead")
                .containsExactly(4L);
        assertThat(drain()).containsExactly("c", "d", "e", "f", "g", "h");
    }

    @Test
    void aPageAheadPastTheEndOfAClosedShardDoesNotEndTheSplitBeforeItsLastRecords()
            throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e", "f").state(ShardState.CLOSED);
        fake.holdReads();
        reader(ShardSplit.NO_STOP, Integer.MAX_VALUE);
        fetch();
        // The page ahead at 4 gets the answer of a closed shard read to its end.
        fake.failNext(
                FakeDataHubClient.Call.GET_RECORDS,
                ErrorCode.INVALID_SHARD_OPERATION.exception("closed and read to its end"));
        fake.deliverRead("0", 0);
        assertThat(fake.calls()).contains("getRecords 0 @4 limit 2 -> InvalidShardOperation");

        assertThat(drain())
                .as("the page ahead's answer does not count; the real read of 4 does")
                .containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(finished).containsExactly("0");
        assertThat(fake.calls().stream().filter(c -> c.equals("getRecords 0 @4 limit 2")))
                .hasSize(1);
    }

    @Test
    void anErrorOnAPageAheadIsRetriedFromTheRealPosition() throws IOException {
        fake.shard("0").append(T0, A_TO_H.toArray(new String[0]));
        fake.holdReads();
        reader(ShardSplit.NO_STOP, Integer.MAX_VALUE);
        fetch();
        fake.failNext(FakeDataHubClient.Call.GET_CURSOR, FakeDataHubClient.throttled());
        fake.deliverRead("0", 0);
        assertThat(fake.calls()).contains("getCursor 0 SEQUENCE 4 -> LimitExceeded");
        assertThat(fake.readsInFlight("0")).containsExactlyInAnyOrder(6L, 2L);
        fake.clearCalls();

        fake.deliverRead("0", 2);
        assertThat(fake.calls())
                .as("the page at 4 failed: read from page 2's next cursor")
                .contains("getRecords 0 @4 limit 2");
        assertThat(drain()).containsExactlyElementsOf(A_TO_H);
    }
}
