package io.github.flinkdatahub.connector.source.reader;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
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
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads in flight for many shards at once, against a scripted client whose answers the test holds
 * and delivers in the order it chooses, and a clock the test moves: per-shard order, the memory
 * budget, the adaptive wait of an empty shard, and a wake-up of a fetch waiting for reads.
 */
class ShardSplitReaderInFlightTest {
    private static final String PROJECT = "p";
    private static final String TOPIC = "t";
    private static final long T0 = 1_700_000_000_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final FakeDataHubClient fake = new FakeDataHubClient(PROJECT, TOPIC).withShards(3);
    private long now = T0;
    private ShardSplitReader reader;

    /** The metrics the reader registered, by name (one shard per test that reads them). */
    private final Map<String, Object> registered = new ConcurrentHashMap<>();

    private final DataHubSourceReaderMetrics metrics = new DataHubSourceReaderMetrics(recording());

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private ShardSplitReader reader(FetchSettings settings, String... shardIds) {
        List<ShardSplit> splits = new ArrayList<>();
        for (String id : shardIds) {
            splits.add(split(id, ShardSplit.NO_STOP));
        }
        return reader(settings, splits);
    }

    private ShardSplitReader reader(FetchSettings settings, List<ShardSplit> splits) {
        reader =
                new ShardSplitReader(
                        fake.client(),
                        PROJECT,
                        TOPIC,
                        RecordType.BLOB,
                        null,
                        settings,
                        metrics,
                        () -> now);
        reader.handleSplitsChanges(new SplitsAddition<>(splits));
        fake.clearCalls();
        return reader;
    }

    private static ShardSplit split(String shardId, long stopSequence) {
        return new ShardSplit(
                shardId,
                ShardPosition.earliest(),
                List.of(),
                "00000000000000000000000000000000",
                FakeDataHubClient.MAX_KEY,
                stopSequence,
                ShardSplit.NO_STOP,
                false);
    }

    /**
     * A metric group keeping what is registered on it and on its subgroups, so a test reads the
     * shard gauges the fetcher sets.
     */
    private SourceReaderMetricGroup recording() {
        SourceReaderMetricGroup unregistered =
                UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        return (SourceReaderMetricGroup)
                Proxy.newProxyInstance(
                        SourceReaderMetricGroup.class.getClassLoader(),
                        new Class<?>[] {SourceReaderMetricGroup.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "addGroup":
                                    return proxy;
                                case "gauge":
                                    registered.put((String) args[0], args[1]);
                                    return args[1];
                                case "counter":
                                    Counter c =
                                            args.length > 1
                                                    ? (Counter) args[1]
                                                    : new SimpleCounter();
                                    registered.put((String) args[0], c);
                                    return c;
                                default:
                                    return method.invoke(unregistered, args);
                            }
                        });
    }

    private Object gauge(String name) {
        return ((Gauge<?>) registered.get(name)).getValue();
    }

    private long counter(String name) {
        return ((Counter) registered.get(name)).getCount();
    }

    private static FetchSettings settings(
            int maxRecords, long initialEmptyMillis, long emptyMillis, long maxBufferedBytes) {
        return new FetchSettings(
                maxRecords,
                Duration.ofMillis(initialEmptyMillis),
                Duration.ofMillis(emptyMillis),
                Duration.ofSeconds(1),
                maxBufferedBytes);
    }

    /** One fetch; the wake-up first makes a fetch with nothing to hand out return at once. */
    private List<String> fetch() throws IOException {
        reader.wakeUp();
        return records(reader.fetch());
    }

    private static List<String> records(RecordsWithSplitIds<Record> records) {
        List<String> out = new ArrayList<>();
        for (String split = records.nextSplit(); split != null; split = records.nextSplit()) {
            for (Record r = records.nextRecordFromSplit();
                    r != null;
                    r = records.nextRecordFromSplit()) {
                out.add(split + ":" + FakeDataHubClient.text(r));
            }
        }
        return out;
    }

    private static List<String> ofShard(List<String> records, String shardId) {
        return records.stream()
                .filter(r -> r.startsWith(shardId + ":"))
                .collect(Collectors.toList());
    }

    @Test
    void everyShardHasAReadInFlightAndAnswersArrivingOutOfOrderKeepEachShardInSequenceOrder()
            throws IOException {
        for (String id : List.of("0", "1", "2")) {
            fake.shard(id).append(T0, "a", "b", "c", "d", "e", "f");
        }
        fake.holdReads();
        reader(settings(2, 1_000, 1_000, Long.MAX_VALUE), "0", "1", "2");

        assertThat(fetch()).as("nothing answered yet").isEmpty();
        assertThat(fake.readsInFlight())
                .as("one fetch started a read of every shard")
                .containsExactlyInAnyOrder("0", "1", "2");

        List<String> emitted = new ArrayList<>();
        List<String> answeredOrder = new ArrayList<>();
        for (int round = 0; round < 50 && emitted.size() < 18; round++) {
            // Answers arrive in the reverse order of the requests: across shards, out of order.
            List<String> inFlight = new ArrayList<>(fake.readsInFlight());
            Collections.reverse(inFlight);
            inFlight.forEach(fake::deliverRead);
            answeredOrder.addAll(inFlight);
            for (int i = 0; i < inFlight.size(); i++) {
                emitted.addAll(fetch());
            }
        }

        assertThat(answeredOrder).as("answers came out of request order").startsWith("2", "1", "0");
        for (String id : List.of("0", "1", "2")) {
            assertThat(ofShard(emitted, id))
                    .as("shard %s", id)
                    .containsExactly(
                            id + ":a", id + ":b", id + ":c", id + ":d", id + ":e", id + ":f");
        }
        assertThat(fake.mostReadsOfOneShardInFlight())
                .as("never two reads of one shard at once")
                .isEqualTo(1);
    }

    @Test
    void noReadStartsWhileTheRecordsWaitingToBeHandedOutFillTheBudget() throws IOException {
        for (String id : List.of("0", "1", "2")) {
            fake.shard(id).append(T0, "a", "b");
        }
        fake.holdReads();
        // One byte: any page fills the budget.
        reader(settings(1, 1_000, 1_000, 1), "0", "1", "2");
        fetch();
        assertThat(fake.readsInFlight()).containsExactlyInAnyOrder("0", "1", "2");

        fake.deliverRead("0");
        fake.deliverRead("1");
        assertThat((Long) gauge("bufferedBytes")).as("two pages buffered").isPositive();
        assertThat(fetch()).containsExactly("0:a");
        assertThat((Long) gauge("bufferedBytes")).as("shard 1's page still buffered").isPositive();

        // Shard 0 is due again (it returned records), but the budget is full.
        assertThat(fetch()).containsExactly("1:a");
        assertThat(fake.readsInFlight())
                .as("no read started while shard 1's page filled the budget")
                .containsExactly("2");
        assertThat((Long) gauge("bufferedBytes")).isZero();

        // Below the budget again: the due shards are read.
        fetch();
        assertThat(fake.readsInFlight()).containsExactlyInAnyOrder("0", "1", "2");
    }

    @Test
    void emptyShardWaitsLongerWhileItStaysEmptyAndOneWithRecordsIsAskedAgainAtOnce()
            throws IOException {
        reader(settings(10, 10, 80, Long.MAX_VALUE), "0");
        assertThat(fetch()).isEmpty();
        assertThat(fake.calls()).containsExactly("getCursor 0 OLDEST", "getRecords 0 @0 limit 10");

        // The wait doubles from the initial interval and stops growing at the bound.
        for (long wait : new long[] {10, 20, 40, 80, 80}) {
            fake.clearCalls();
            now += wait - 1;
            assertThat(fetch()).isEmpty();
            assertThat(fake.calls()).as("waiting %s ms", wait).isEmpty();
            now += 1;
            assertThat(fetch()).isEmpty();
            assertThat(fake.calls())
                    .as("asked again after %s ms", wait)
                    .containsExactly("getRecords 0 @0 limit 10");
        }

        fake.shard("0").append(T0, "a");
        now += 80;
        assertThat(fetch()).containsExactly("0:a");
        fake.clearCalls();
        assertThat(fetch()).as("asked again at once, without the clock moving").isEmpty();
        assertThat(fake.calls()).containsExactly("getRecords 0 @1 limit 10");

        // Empty again: the wait starts over at the initial interval.
        fake.clearCalls();
        now += 9;
        fetch();
        assertThat(fake.calls()).isEmpty();
        now += 1;
        fetch();
        assertThat(fake.calls()).containsExactly("getRecords 0 @1 limit 10");
    }

    @Test
    void wakeUpEndsAFetchWaitingForAReadInFlight() throws Exception {
        fake.shard("0").append(T0, "a");
        fake.holdReads();
        // An hour's bound: nothing but an answer or the wake-up ends the fetch's wait.
        reader(settings(10, 3_600_000, 3_600_000, Long.MAX_VALUE), "0");

        CompletableFuture<List<String>> blocked =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return records(reader.fetch());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        waitUtil(() -> !fake.readsInFlight().isEmpty(), TIMEOUT, "the fetch started its read");
        assertThat(blocked).as("waiting for the read").isNotDone();
        reader.wakeUp();

        assertThat(blocked.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(fake.readsInFlight()).as("the read stays under way").containsExactly("0");
        fake.deliverRead("0");
        assertThat(fetch()).containsExactly("0:a");
    }

    @Test
    void shardPausedWhileItsReadIsUnderWayCountsAsPausedOnlyOnceThatReadIsHandedOut()
            throws IOException {
        fake.shard("0").append(T0, "a", "b");
        fake.holdReads();
        reader(settings(1, 1_000, 1_000, Long.MAX_VALUE), "0");
        metrics.register("0");
        ShardSplit zero =
                new ShardSplit(
                        "0",
                        ShardPosition.earliest(),
                        List.of(),
                        "00000000000000000000000000000000",
                        FakeDataHubClient.MAX_KEY,
                        ShardSplit.NO_STOP,
                        ShardSplit.NO_STOP,
                        false);
        fetch();
        assertThat(fake.readsInFlight()).containsExactly("0");

        reader.pauseOrResumeSplits(List.of(zero), List.of());
        assertThat(gauge("paused")).as("a read is still under way").isEqualTo(0);
        assertThat(counter("pauses")).isZero();

        fake.deliverRead("0");
        assertThat(fetch()).as("what was read before the pause").containsExactly("0:a");
        assertThat(gauge("paused")).isEqualTo(1);
        assertThat(counter("pauses")).isEqualTo(1);
        fetch();
        assertThat(fake.readsInFlight()).as("no read of a paused shard").isEmpty();

        reader.pauseOrResumeSplits(List.of(), List.of(zero));
        assertThat(gauge("paused")).isEqualTo(0);
        fetch();
        assertThat(fake.readsInFlight()).as("read again once resumed").containsExactly("0");
    }

    @Test
    void aShardsNextPageIsAskedForWhenItsAnswerArrivesAndItsRecordsStillComeOutInOrder()
            throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e", "f");
        fake.shard("1").append(T0, "g", "h");
        fake.holdReads();
        reader(settings(2, 1_000, 1_000, Long.MAX_VALUE), "0", "1");
        assertThat(fetch()).isEmpty();
        fake.clearCalls();

        // No fetch in between: the fetcher could be blocked handing records to Flink.
        fake.deliverRead("0");
        assertThat(fake.readsInFlight())
                .as("shard 0's next page asked for before its first is handed out")
                .containsExactlyInAnyOrder("0", "1");
        fake.deliverRead("0");
        fake.deliverRead("1");
        fake.deliverRead("0");
        assertThat(fake.calls())
                .containsExactly(
                        "getRecords 0 @2 limit 2",
                        "getRecords 0 @4 limit 2",
                        "getRecords 1 @2 limit 2",
                        "getRecords 0 @6 limit 2");

        List<String> emitted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            emitted.addAll(fetch());
        }
        assertThat(emitted).containsExactly("0:a", "0:b", "0:c", "0:d", "1:g", "1:h", "0:e", "0:f");
        assertThat(fake.mostReadsOfOneShardInFlight())
                .as("never two reads of one shard at once")
                .isEqualTo(1);
        assertThat(fake.readsInFlight())
                .as("the fetcher started nothing while each shard's last read is under way")
                .containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void aReadAnsweredWhileTheBufferedRecordsFillTheBudgetAsksForNoNextPage() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c");
        fake.shard("1").append(T0, "x", "y");
        fake.holdReads();
        // Pages of one record; no read starts while two records wait to be handed out.
        reader(
                new FetchSettings(
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Long.MAX_VALUE,
                        2),
                "0",
                "1");
        fetch();
        assertThat(fake.readsInFlight()).containsExactlyInAnyOrder("0", "1");

        fake.deliverRead("0");
        assertThat(fake.readsInFlight())
                .as("one record buffered: room for shard 0's next page")
                .containsExactlyInAnyOrder("1", "0");
        fake.deliverRead("0");
        assertThat(fake.readsInFlight())
                .as("two records buffered: no next page of shard 0")
                .containsExactly("1");
        fake.deliverRead("1");
        assertThat(fake.readsInFlight()).as("three buffered: none of shard 1").isEmpty();

        assertThat(fetch()).containsExactly("0:a");
        assertThat(fetch()).containsExactly("0:b");
        assertThat(fake.readsInFlight()).as("still two buffered when that fetch began").isEmpty();
        assertThat(fetch()).containsExactly("1:x");
        assertThat(fake.readsInFlight())
                .as("below the budget again, the fetcher reads on the shard it handed out")
                .containsExactly("0");
        fake.deliverRead("0");
        assertThat(fake.readsInFlight())
                .as("room again: shard 0's next page asked for as its answer arrived")
                .containsExactly("0");
        assertThat(fetch()).containsExactly("0:c");
        assertThat(fake.readsInFlight()).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void noPageIsAskedForAheadPastTheSplitsStopSequence() throws IOException {
        fake.shard("0").append(T0, "a", "b", "c", "d", "e", "f");
        fake.holdReads();
        reader(settings(2, 1_000, 1_000, Long.MAX_VALUE), List.of(split("0", 4)));
        fetch();
        fake.deliverRead("0");
        fake.deliverRead("0");
        assertThat(fake.readsInFlight())
                .as("the page of sequences 2-3 ends at the stop: nothing to ask for after it")
                .isEmpty();

        assertThat(fetch()).containsExactly("0:a", "0:b");
        assertThat(fetch()).containsExactly("0:c", "0:d");
        reader.wakeUp();
        assertThat(reader.fetch().finishedSplits()).containsExactly("0");
        assertThat(fake.calls()).doesNotContain("getRecords 0 @4 limit 2");
    }
}
