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
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One put in flight per shard, against a fake client that holds every put until the test answers
 * it: a shard's puts follow one another, different shards' overlap, and a retried put goes before
 * the later records of its shard.
 */
class DataHubSinkWriterShardOrderTest {
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

    /** Each record is a put of its own; "a..." records go to shard 0, "b..." to shard 1. */
    private DataHubSinkWriter<String> open(DataHubRouting routing, boolean keyed) {
        WriterConfig config =
                new WriterConfig(
                        1,
                        1 << 20,
                        Duration.ofHours(1),
                        5,
                        1000,
                        1 << 24,
                        5,
                        Duration.ofMinutes(1),
                        Duration.ofMillis(1),
                        Duration.ofMillis(10),
                        Duration.ofMinutes(1),
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        -1);
        writer =
                new DataHubSinkWriter<>(
                        ctx,
                        datahub.connection(),
                        "p",
                        "t",
                        keyed ? new KeyedText() : new PlainText(),
                        routing,
                        config);
        return writer;
    }

    @Test
    void aShardsNextPutStartsOnlyWhenItsPutIsAnsweredWhileShardsOverlap() throws Exception {
        open(DataHubRouting.roundRobin(), true);
        writer.write("a1", null);
        writer.write("a2", null);
        writer.write("b1", null);
        writer.write("a3", null);
        writer.write("b2", null);

        // One put per shard, both in flight at once; a2, a3 and b2 wait for their shard's put.
        assertThat(texts(datahub.putsInFlight())).containsExactly(List.of("a1"), List.of("b1"));
        assertThat(writer.inFlightRequests()).isEqualTo(2);

        // a2 and a3 waited together: they go in one put, in order.
        answer("a1", HeldPut::succeed);
        awaitPutOf("a2");
        assertThat(texts(datahub.putsInFlight()))
                .containsExactly(List.of("b1"), List.of("a2", "a3"));

        answer("b1", HeldPut::succeed);
        awaitPutOf("b2");
        assertThat(texts(datahub.putsInFlight()))
                .containsExactly(List.of("a2", "a3"), List.of("b2"));

        answer("a2", HeldPut::succeed);
        answer("b2", HeldPut::succeed);
        waitUtil(
                () -> runMail() && writer.metrics().acknowledgedCount() == 5,
                DEADLINE,
                "all five records acknowledged");
        assertThat(datahub.putsInFlight()).isEmpty();
        assertThat(writer.inFlightRequests()).isZero();
    }

    @Test
    void aRetriedPutGoesBeforeTheLaterRecordsOfItsShard() throws Exception {
        open(DataHubRouting.roundRobin(), true);
        writer.write("a1", null);
        writer.write("a2", null);
        writer.write("a3", null);
        writer.write("b1", null);

        answer("a1", p -> p.fail(FakeDataHubClient.throttled()));
        // While a1 waits for its backoff, shard 0 sends nothing else; shard 1 carries on.
        waitUtil(
                () -> runMail() && writer.metrics().retriesCount() == 1,
                DEADLINE,
                "the throttled put scheduled for a retry");
        assertThat(datahub.putsInFlight()).noneMatch(holds("a2")).noneMatch(holds("a3"));
        answer("b1", HeldPut::succeed);

        // The retried record goes first, with the records that waited behind it.
        awaitPutOf("a1");
        assertThat(texts(datahub.putsInFlight())).containsExactly(List.of("a1", "a2", "a3"));
        answer("a1", HeldPut::succeed);
        waitUtil(
                () -> runMail() && writer.metrics().acknowledgedCount() == 4,
                DEADLINE,
                "all four records acknowledged");
    }

    @Test
    void putsToTheConfiguredShardFollowOneAnother() throws Exception {
        open(DataHubRouting.toShard("1"), false);
        writer.write("x1", null);
        writer.write("x2", null);
        writer.write("x3", null);

        assertThat(datahub.putsInFlight()).hasSize(1);
        assertThat(datahub.putsInFlight().get(0).shardId).isEqualTo("1");
        answer("x1", HeldPut::succeed);
        awaitPutOf("x2");
        assertThat(texts(datahub.putsInFlight())).containsExactly(List.of("x2", "x3"));
        assertThat(datahub.putsInFlight().get(0).shardId).isEqualTo("1");
    }

    @Test
    void roundRobinPutsOverlapAsBefore() throws Exception {
        open(DataHubRouting.roundRobin(), false);
        for (int i = 0; i < 5; i++) {
            writer.write("r" + i, null);
        }

        // Records without keys have no order to keep: puts to one shard overlap.
        assertThat(datahub.putsInFlight()).hasSize(5);
        assertThat(datahub.putsInFlight().stream().filter(p -> p.shardId.equals("0")).count())
                .isGreaterThan(1);
    }

    /** Runs one mail if there is one (put answers and due retries come as mail); always true. */
    private boolean runMail() {
        mailbox.tryYield();
        return true;
    }

    private void answer(String text, java.util.function.Consumer<HeldPut> answer) {
        HeldPut put =
                datahub.putsInFlight().stream()
                        .filter(holds(text))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("No put of " + text + " in flight"));
        answer.accept(put);
    }

    private void awaitPutOf(String text) throws Exception {
        waitUtil(
                () -> runMail() && datahub.putsInFlight().stream().anyMatch(holds(text)),
                DEADLINE,
                "a put of " + text);
    }

    private static Predicate<HeldPut> holds(String text) {
        return p -> p.texts().contains(text);
    }

    private static List<List<String>> texts(List<HeldPut> puts) {
        return puts.stream().map(HeldPut::texts).collect(Collectors.toCollection(ArrayList::new));
    }

    /** Blob records keyed by their first letter: "a..." to shard 0, others to shard 1. */
    private static final class KeyedText implements DataHubSerializationSchema<String> {
        @Override
        public Record serialize(String element) {
            return BlobRecord.builder(element.getBytes(StandardCharsets.UTF_8))
                    .hashKey(element.startsWith("a") ? SHARD_0_KEY : SHARD_1_KEY)
                    .build();
        }
    }

    private static final class PlainText implements DataHubSerializationSchema<String> {
        @Override
        public Record serialize(String element) {
            return BlobRecord.of(element.getBytes(StandardCharsets.UTF_8));
        }
    }
}
