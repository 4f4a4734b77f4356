package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.connector.source.metrics.DataHubSourceReaderMetrics;
import io.github.flinkdatahub.connector.source.split.ShardPosition;
import io.github.flinkdatahub.connector.source.split.ShardSplit;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a shard reads pages ahead ({@code scan.fetch.max-reads-per-shard} > 1), against a scripted
 * client whose answers (pages and cursors) the test holds and delivers in the order it chooses, so
 * that "delayed" and "already there" are decided by the test, never by timing: pages ahead start
 * only once the fetcher waited on the shard and stop once they come back before they are needed;
 * their cursors are asked for without waiting; records stay in order and the budget holds with many
 * reads in flight.
 */
class ShardSplitReaderAdaptiveReadAheadTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final long T0 = 1_700_000_000_000L;

    /** The reader's wall clock; tests move it to make round trips and hand-outs take time. */
    private final AtomicLong now = new AtomicLong(T0);

    private FakeDataHubClient fake;
    private ShardSplitReader reader;
    private final Map<String, List<String>> emitted = new LinkedHashMap<>();

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** {@code records[i]} are the payloads of shard i. */
    private void shards(List<List<String>> records) {
        fake = new FakeDataHubClient(PROJECT, TOPIC).withShards(records.size());
        for (int i = 0; i < records.size(); i++) {
            fake.shard(Integer.toString(i)).append(T0, records.get(i).toArray(new String[0]));
        }
    }

    /** Pages of two records, {@code maxReads} reads of a shard in flight, the record budget. */
    private void reader(int maxReads, int maxBufferedRecords, int shardCount) {
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
                                maxReads),
                        new DataHubSourceReaderMetrics(
                                UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                        now::get);
        List<ShardSplit> splits = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            splits.add(
                    new ShardSplit(
                            Integer.toString(i),
                            ShardPosition.earliest(),
                            List.of(),
                            "00000000000000000000000000000000",
                            FakeDataHubClient.MAX_KEY,
                            ShardSplit.NO_STOP,
                            ShardSplit.NO_STOP,
                            false));
        }
        reader.handleSplitsChanges(new SplitsAddition<>(splits));
    }

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
                emitted.computeIfAbsent(split, s -> new ArrayList<>())
                        .add(FakeDataHubClient.text(r));
            }
        }
        return out;
    }

    private static List<String> payloads(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void pagesAheadStopOnceAnsweredBeforeTheChainNeedsThemAndComeBackWhenTheFetcherWaitsAgain()
            throws IOException {
        List<String> records = payloads("r", 20);
        shards(List.of(records));
        fake.holdReads();
        reader(3, Integer.MAX_VALUE, 1);
        assertThat(fetch()).as("the first read is under way: the fetcher waits on it").isEmpty();

        fake.deliverRead("0", 0);
        assertThat(fake.readsInFlight("0"))
                .as("the fetcher waited on the shard: its next read and two pages ahead")
                .containsExactlyInAnyOrder(2L, 4L, 6L);

        // Both pages ahead are answered before the chain arrives at the first of them.
        fake.deliverRead("0", 4);
        fake.deliverRead("0", 6);
        fake.deliverRead("0", 2);
        assertThat(fake.readsInFlight("0"))
                .as("pages ahead that were there before they were needed: back to one read")
                .containsExactly(8L);

        // The fetcher always finds an answer ready: the shard keeps one read.
        assertThat(fetch()).containsExactly("r0", "r1");
        assertThat(fetch()).containsExactly("r2", "r3");
        fake.deliverRead("0", 8);
        assertThat(fake.readsInFlight("0"))
                .as("a full page while the fetcher had answers to hand out: no page ahead")
                .containsExactly(10L);
        assertThat(fetch()).containsExactly("r4", "r5");
        assertThat(fetch()).containsExactly("r6", "r7");
        assertThat(fetch()).containsExactly("r8", "r9");

        // Nothing left to hand out while the read of 10 is under way: the fetcher waits on it.
        assertThat(fetch()).isEmpty();
        fake.deliverRead("0", 10);
        assertThat(fake.readsInFlight("0"))
                .as("the fetcher waited again: pages ahead again")
                .containsExactlyInAnyOrder(12L, 14L, 16L);

        for (int round = 0; round < 100; round++) {
            if (!fake.readsInFlight().isEmpty()) {
                fake.deliverRead("0");
            }
            fetch();
        }
        assertThat(fake.readsInFlight()).isEmpty();
        assertThat(emitted.get("0")).containsExactlyElementsOf(records);
    }

    @Test
    void aWaitingFetcherReadsAheadOnlyWhenTheShardsRoundTripsAreLongerThanItsHandOutOfAPage()
            throws IOException {
        List<String> records = payloads("r", 60);
        shards(List.of(records));
        // Two short pages first: the fetcher measures its hand-outs before any full page.
        fake.cutPage("0", 0, 1).cutPage("0", 1, 1).holdReads();
        reader(3, Integer.MAX_VALUE, 1);
        assertThat(fetch()).isEmpty();
        // The service answers at once (no time passes between request and answer) ...
        fake.deliverRead("0", 0);
        fake.deliverRead("0", 1);
        // ... and each hand-out takes the fetcher 10 ms.
        now.addAndGet(10);
        assertThat(fetch()).containsExactly("r0");
        now.addAndGet(10);
        assertThat(fetch()).containsExactly("r1");
        assertThat(fetch()).as("the read of 2 is under way: the fetcher waits").isEmpty();
        fake.deliverRead("0", 2);
        assertThat(fake.readsInFlight("0"))
                .as("round trips shorter than a hand-out: the single read keeps up, none ahead")
                .containsExactly(4L);
        assertThat(fetch()).containsExactly("r2", "r3");

        // From now on each round trip takes 100 ms, the fetcher waiting for it.
        int longRoundTrips = 0;
        while (fake.readsInFlight("0").size() == 1 && longRoundTrips < 12) {
            assertThat(fetch()).isEmpty();
            now.addAndGet(100);
            fake.deliverRead("0");
            longRoundTrips++;
            assertThat(fetch()).hasSize(2);
        }
        assertThat(fake.readsInFlight("0"))
                .as("after %s round trips of 100 ms: pages ahead", longRoundTrips)
                .hasSize(3);
        assertThat(longRoundTrips)
                .as("the shortest of the last 8 round trips counts: 8 at most")
                .isBetween(2, 8);

        for (int round = 0; round < 100; round++) {
            if (!fake.readsInFlight().isEmpty()) {
                fake.deliverRead("0");
            }
            fetch();
        }
        assertThat(fake.readsInFlight()).isEmpty();
        assertThat(emitted.get("0")).containsExactlyElementsOf(records);
    }

    @Test
    void cursorsOfPagesAheadAreAskedForWithoutWaitingWhileTheOtherShardsPagesFlow()
            throws IOException {
        List<String> slow = payloads("s", 8);
        List<String> other = List.of("o0", "o1", "o2");
        shards(List.of(slow, other));
        fake.holdReads().holdCursors();
        reader(3, Integer.MAX_VALUE, 2);
        assertThat(fetch()).isEmpty();

        fake.deliverRead("0", 0);
        assertThat(fake.cursorsInFlight())
                .as("the cursors of shard 0's pages ahead are asked for, their answers held")
                .containsExactly("0@4", "0@6");
        assertThat(fake.readsInFlight("0"))
                .as("each page ahead waits for its cursor; the chain goes on")
                .containsExactly(2L);

        // Shard 1 (its pages reach its end, so it reads nothing ahead) and shard 0's chain go on
        // while the cursors are held.
        assertThat(fetch()).containsExactly("s0", "s1");
        fake.deliverRead("1", 0);
        assertThat(fetch()).containsExactly("o0", "o1");
        fake.deliverRead("1", 2);
        assertThat(fetch()).containsExactly("o2");
        fake.deliverRead("0", 2);
        assertThat(fetch()).containsExactly("s2", "s3");
        assertThat(fake.cursorsInFlight()).containsExactly("0@4", "0@6");
        assertThat(fake.calls())
                .as("no page ahead is asked for before its cursor is in")
                .noneMatch(c -> c.startsWith("getRecords 0 @4") || c.startsWith("getRecords 0 @6"));

        fake.deliverCursors();
        assertThat(fake.readsInFlight("0"))
                .as("the pages ahead are asked for as their cursors come in")
                .containsExactly(4L, 6L);
        for (int round = 0; round < 100; round++) {
            if (!fake.readsInFlight().isEmpty()) {
                fake.deliverRead(fake.readsInFlight().get(0));
            }
            fetch();
        }
        assertThat(fake.readsInFlight()).isEmpty();
        assertThat(emitted.get("0")).containsExactlyElementsOf(slow);
        assertThat(emitted.get("1")).containsExactlyElementsOf(other);
        assertThat(fake.calls().stream().filter(c -> c.startsWith("getRecords 0 @4")))
                .as("the page ahead at 4 is used, not read again")
                .hasSize(1);
    }

    @Test
    void manyShardsWithPagesAheadAnsweredNewestFirstKeepSequenceOrderAndTheBudget()
            throws IOException {
        int shardCount = 4;
        int budget = 12;
        int maxReads = 4;
        List<List<String>> records = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            records.add(payloads(i + "-", 30));
        }
        shards(records);
        fake.holdReads();
        reader(maxReads, budget, shardCount);
        fetch();

        int handedOut = 0;
        long mostHeld = 0;
        for (int round = 0; round < 2_000 && handedOut < shardCount * 30; round++) {
            List<String> inFlight = fake.readsInFlight();
            if (!inFlight.isEmpty()) {
                // The newest read of the shard asked longest ago: pages ahead come back before
                // the pages before them.
                String shard = inFlight.get(0);
                fake.deliverRead(shard, Collections.max(fake.readsInFlight(shard)));
            }
            mostHeld = Math.max(mostHeld, reader.heldRecords());
            handedOut += fetch().size();
        }

        for (int i = 0; i < shardCount; i++) {
            assertThat(emitted.get(Integer.toString(i)))
                    .as("shard %s in sequence order, each record once", i)
                    .containsExactlyElementsOf(records.get(i));
        }
        assertThat(fake.mostReadsOfOneShardInFlight())
                .as("pages ahead were in flight")
                .isGreaterThan(1)
                .isLessThanOrEqualTo(maxReads);
        // Pages ahead reserve a page each, only while the budget has room for it; beyond the
        // budget go only the answers of reads started while it had room: a page per shard.
        assertThat(mostHeld).isGreaterThan(0).isLessThanOrEqualTo(budget + shardCount * 2);
    }
}
