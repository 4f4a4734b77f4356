package io.github.flinkdatahub.connector.sink.writer;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.connector.base.DeliveryGuarantee;

import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.connector.sink.routing.DataHubRouting;
import io.github.flinkdatahub.connector.sink.serializer.DataHubSerializationSchema;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient;
import io.github.flinkdatahub.connector.testutil.FakeDataHubClient.HeldPut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_RECORDS_PER_REQUEST;
import static io.github.flinkdatahub.connector.DataHubConnectorOptions.MAX_REQUEST_BYTES;
import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that gather while a shard's put is in flight go in one put once it is answered, up to the
 * service's limits on a request, against a fake client that holds every put until the test answers
 * it. The test thread runs the task mailbox only when the test says so, so which records wait is
 * decided by the test, never by timing.
 */
class DataHubSinkWriterGatheredPutsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Hash keys in the ranges of shard "0" and shard "1" of a topic with two shards. */
    private static final String SHARD_0_KEY = "00000000000000000000000000000001";

    private static final String SHARD_1_KEY = "80000000000000000000000000000001";

    private final FakeDataHubClient datahub = new FakeDataHubClient("p", "t").withShards(2);
    private final DataHubSinkWriterTest.TestContext ctx = new DataHubSinkWriterTest.TestContext();
    private final MailboxExecutor mailbox = ctx.getMailboxExecutor();
    private DataHubSinkWriter<String> writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private void open(DataHubRouting routing, int batchMaxRecords, int maxInFlight) {
        WriterConfig config =
                new WriterConfig(
                        batchMaxRecords,
                        1 << 20,
                        Duration.ofHours(1),
                        maxInFlight,
                        100_000,
                        1L << 30,
                        5,
                        Duration.ofMinutes(1),
                        Duration.ofMillis(1),
                        Duration.ofMillis(10),
                        Duration.ofHours(1),
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        -1);
        writer =
                new DataHubSinkWriter<>(
                        ctx, datahub.connection(), "p", "t", new Text(), routing, config);
    }

    @Test
    void recordsGatheredWhileAShardsPutIsInFlightGoInItsNextPutInOrder() throws Exception {
        open(DataHubRouting.toShard("0"), 10, 5);
        write("r", 0, 45);

        // The first batch of 10 went at once; the 35 records after it wait for its answer.
        assertThat(sizes(datahub.putsInFlight())).containsExactly(10);
        answerOnly(HeldPut::succeed);
        assertThat(datahub.putsInFlight().get(0).texts()).isEqualTo(texts("r", 10, 45));

        answerOnly(HeldPut::succeed);
        awaitAcknowledged(45);
        assertThat(datahub.calls())
                .filteredOn(c -> c.startsWith("putRecords"))
                .containsExactly("putRecordsByShard 0 10", "putRecordsByShard 0 35");
    }

    @Test
    void roundRobinAtTheInFlightLimitSendsTheGatheredRecordsInOnePut() throws Exception {
        open(DataHubRouting.roundRobin(), 10, 1);
        write("r", 0, 100);

        assertThat(sizes(datahub.putsInFlight())).containsExactly(10);
        answerOnly(HeldPut::succeed);
        assertThat(sizes(datahub.putsInFlight())).containsExactly(90);
        answerOnly(HeldPut::succeed);
        awaitAcknowledged(100);
    }

    @Test
    void aGatheredPutHoldsAtMostTheServicesTenThousandRecords() throws Exception {
        open(DataHubRouting.toShard("0"), 1000, 5);
        write("r", 0, 25_500);

        List<Integer> sizes = new ArrayList<>();
        while (!datahub.putsInFlight().isEmpty()) {
            sizes.add(datahub.putsInFlight().get(0).records.size());
            answerOnly(HeldPut::succeed);
        }
        assertThat(sizes)
                .containsExactly(1000, MAX_RECORDS_PER_REQUEST, MAX_RECORDS_PER_REQUEST, 4500);
        awaitAcknowledged(25_500);
    }

    @Test
    void aGatheredPutStaysWithinTheRequestBodyLimitByTheConservativeEstimate() throws Exception {
        open(DataHubRouting.toShard("0"), 1, 5);
        char[] payload = new char[100_000];
        Arrays.fill(payload, 'x');
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = i + ":" + new String(payload);
            written.add(text);
            writer.write(text, null);
        }

        RecordSizeEstimator sizes = new RecordSizeEstimator(datahub.connection().getWireMode());
        long room = MAX_REQUEST_BYTES - RecordSizeEstimator.REQUEST_OVERHEAD;
        List<String> sent = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        while (!datahub.putsInFlight().isEmpty()) {
            HeldPut put = datahub.putsInFlight().get(0);
            long bytes = put.records.stream().mapToLong(sizes::estimate).sum();
            assertThat(bytes).as("estimated bytes of a put").isLessThanOrEqualTo(room);
            if (sent.size() + put.records.size() < written.size()) {
                // Full: the next record would not have fitted.
                long next = sizes.estimate(record(written.get(sent.size() + put.records.size())));
                assertThat(put.records.size() == 1 || bytes + next > room)
                        .as("a gathered put of %s records takes all that fits", put.records.size())
                        .isTrue();
            }
            counts.add(put.records.size());
            sent.addAll(put.texts());
            answerOnly(HeldPut::succeed);
        }
        assertThat(sent).isEqualTo(written);
        // The first record went alone; the 99 gathered behind it needed more than one put.
        assertThat(counts.get(0)).isEqualTo(1);
        assertThat(counts.size()).isGreaterThan(2);
        awaitAcknowledged(100);
    }

    @Test
    void keyRoutedGatheredPutsKeepEachKeysOrderWithOnePutPerShardInFlight() throws Exception {
        open(DataHubRouting.roundRobin(), 5, 5);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Keys "a" (shard 0) and "b" (shard 1), interleaved unevenly.
            String text = (i % 3 == 0 ? "b" : "a") + i;
            written.add(text);
            writer.write(text, null);
        }

        Map<String, List<String>> sentByShard = new TreeMap<>();
        List<Integer> sizes = new ArrayList<>();
        while (!datahub.putsInFlight().isEmpty()) {
            List<HeldPut> inFlight = datahub.putsInFlight();
            assertThat(inFlight.stream().map(p -> shardOf(p.texts().get(0))))
                    .as("one put per shard in flight")
                    .doesNotHaveDuplicates();
            // Answer shard 1's put first when there is one: the shards' puts overlap.
            HeldPut put = inFlight.get(inFlight.size() - 1);
            sizes.add(put.records.size());
            sentByShard
                    .computeIfAbsent(shardOf(put.texts().get(0)), s -> new ArrayList<>())
                    .addAll(put.texts());
            answer(put, HeldPut::succeed);
        }
        assertThat(sentByShard.get("0"))
                .isEqualTo(
                        written.stream()
                                .filter(t -> t.startsWith("a"))
                                .collect(Collectors.toList()));
        assertThat(sentByShard.get("1"))
                .isEqualTo(
                        written.stream()
                                .filter(t -> t.startsWith("b"))
                                .collect(Collectors.toList()));
        assertThat(sizes).as("gathered puts larger than a batch").anyMatch(n -> n > 5);
        awaitAcknowledged(60);
    }

    @Test
    void aFailedGatheredPutIsSentAgainWholeBeforeLaterRecordsAndNothingIsLost() throws Exception {
        open(DataHubRouting.toShard("0"), 5, 5);
        write("r", 0, 25);
        answerOnly(HeldPut::succeed);
        assertThat(datahub.putsInFlight().get(0).texts()).isEqualTo(texts("r", 5, 25));
        write("r", 25, 32);

        // The gathered put of 20 fails as a whole; the 7 records after it wait behind its retry.
        datahub.putsInFlight().get(0).fail(FakeDataHubClient.throttled());
        waitUtil(
                () -> runMail() && !datahub.putsInFlight().isEmpty(),
                DEADLINE,
                "the gathered put sent again");
        assertThat(writer.metrics().retriesCount()).isEqualTo(20);
        assertThat(datahub.putsInFlight().get(0).texts()).isEqualTo(texts("r", 5, 32));

        answerOnly(HeldPut::succeed);
        awaitAcknowledged(32);
        assertThat(datahub.putsInFlight()).isEmpty();
    }

    private void write(String prefix, int from, int to) throws Exception {
        for (String text : texts(prefix, from, to)) {
            writer.write(text, null);
        }
    }

    /** Answers the one put in flight and waits until its answer was settled. */
    private void answerOnly(Consumer<HeldPut> answer) throws Exception {
        List<HeldPut> inFlight = datahub.putsInFlight();
        assertThat(inFlight).hasSize(1);
        answer(inFlight.get(0), answer);
    }

    /** Answers a put and waits until the writer settled the answer (and sent what it frees). */
    private void answer(HeldPut put, Consumer<HeldPut> answer) throws Exception {
        long acknowledged = writer.metrics().acknowledgedCount();
        long retried = writer.metrics().retriesCount();
        answer.accept(put);
        waitUtil(
                () ->
                        runMail()
                                && (writer.metrics().acknowledgedCount() != acknowledged
                                        || writer.metrics().retriesCount() != retried),
                DEADLINE,
                "the put's answer settled");
    }

    private void awaitAcknowledged(long count) throws Exception {
        waitUtil(
                () -> runMail() && writer.metrics().acknowledgedCount() == count,
                DEADLINE,
                count + " records acknowledged");
        assertThat(writer.inFlightRequests()).isZero();
    }

    /** Runs one mail if there is one (put answers and due retries come as mail); always true. */
    private boolean runMail() {
        mailbox.tryYield();
        return true;
    }

    private static List<String> texts(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).collect(Collectors.toList());
    }

    private static List<Integer> sizes(List<HeldPut> puts) {
        return puts.stream().map(p -> p.records.size()).collect(Collectors.toList());
    }

    private static String shardOf(String text) {
        return text.startsWith("a") ? "0" : "1";
    }

    private static Record record(String text) {
        return new Text().serialize(text);
    }

    /** Blob records; those starting with "a" carry a hash key of shard 0, "b" one of shard 1. */
    private static final class Text implements DataHubSerializationSchema<String> {
        @Override
        public Record serialize(String element) {
            BlobRecord.Builder b = BlobRecord.builder(element.getBytes(StandardCharsets.UTF_8));
            if (element.startsWith("a")) {
                b.hashKey(SHARD_0_KEY);
            } else if (element.startsWith("b")) {
                b.hashKey(SHARD_1_KEY);
            }
            return b.build();
        }
    }
}
