package io.github.flinkdatahub.emulator.connectors;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.connector.ConnectorAuth;
import io.github.flinkdatahub.client.model.connector.ConnectorOffset;
import io.github.flinkdatahub.client.model.connector.ConnectorShardState;
import io.github.flinkdatahub.client.model.connector.ConnectorState;
import io.github.flinkdatahub.client.model.connector.ConnectorType;
import io.github.flinkdatahub.client.model.connector.DataHubConnectorConfig;
import io.github.flinkdatahub.client.model.connector.ShardStatusEntry;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** SINK_DATAHUB connectors deliver records, driven and observed through the public API only. */
class SinkDataHubConnectorTest {
    static final String P = "sink_proj";
    static final RecordSchema SOURCE =
            RecordSchema.fromLists(
                    List.of("id", "name", "score", "secret"),
                    List.of(
                            FieldType.BIGINT,
                            FieldType.STRING,
                            FieldType.DOUBLE,
                            FieldType.STRING));
    static final RecordSchema TARGET =
            RecordSchema.fromLists(
                    List.of("name", "id", "extra"),
                    List.of(FieldType.STRING, FieldType.BIGINT, FieldType.STRING));
    static DataHubEmulator emulator;
    static DataHubClient client;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.client();
        client.createProject(P, "sinks");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static DataHubConnectorConfig toTopic(String topic, ConnectorAuth auth) {
        return DataHubConnectorConfig.builder()
                .endpoint(emulator.endpoint())
                .project(P)
                .topic(topic)
                .auth(auth)
                .build();
    }

    static ConnectorAuth ak() {
        return ConnectorAuth.ak(
                DataHubEmulator.DEFAULT_ACCESS_ID, DataHubEmulator.DEFAULT_ACCESS_KEY);
    }

    static void write(String topic, String shard, long fromId, int count) {
        List<TupleRecord> records = new ArrayList<>();
        for (long id = fromId; id < fromId + count; id++) {
            records.add(
                    TupleRecord.builder(SOURCE)
                            .values(id, "n" + id, id / 2.0, "s" + id)
                            .attribute("k", "v" + id)
                            .build());
        }
        client.putRecordsByShard(P, topic, shard, records);
    }

    static List<Long> ids(String topic) {
        return TopicContents.all(client, P, topic).stream()
                .map(r -> (Long) ((TupleRecord) r).getValue("id"))
                .sorted()
                .collect(Collectors.toList());
    }

    static Map<String, ShardStatusEntry> status(String topic, String id) {
        return client.getConnectorShardStatus(P, topic, id).getShardStatusInfos();
    }

    static List<Long> range(long from, long toExclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < toExclusive; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void deliversSelectedColumnsStopsResumesAndRepositions() {
        client.createTupleTopic(P, "src", 2, 1, SOURCE, "source");
        client.createTupleTopic(P, "dst", 2, 1, TARGET, "target");
        client.createTupleTopic(
                P, "witness_src", 1, 1, SOURCE, "source of a connector that keeps running");
        client.createTupleTopic(P, "witness_dst", 1, 1, TARGET, "target");
        write("src", "0", 0, 10);
        write("src", "1", 100, 10);
        String id =
                client.createConnector(
                                P,
                                "src",
                                ConnectorType.SINK_DATAHUB,
                                List.of("id", "name"),
                                toTopic("dst", ak()))
                        .getConnectorId();
        client.createConnector(
                P,
                "witness_src",
                ConnectorType.SINK_DATAHUB,
                List.of("id"),
                toTopic("witness_dst", ak()));

        // A task reads its shard in order and delivers what it read in one put, so a record
        // delivered twice would arrive with (or before) the last one waited for: waiting for "at
        // least" and then checking the exact ids catches it.
        Wait.until("20 records are delivered", () -> ids("dst").size() >= 20);
        List<Long> expected = range(0, 10);
        expected.addAll(range(100, 110));
        assertThat(ids("dst")).isEqualTo(expected);
        TupleRecord one =
                (TupleRecord)
                        TopicContents.all(client, P, "dst").stream()
                                .filter(r -> ((TupleRecord) r).getValue("id").equals(3L))
                                .findFirst()
                                .orElseThrow();
        assertThat(one.getValue("name")).isEqualTo("n3");
        assertThat(one.getValue("extra")).isNull();
        assertThat(one.getAttributes()).containsEntry("k", "v3");

        List<Record> source0 = TopicContents.all(client, P, "src").subList(0, 10);
        Wait.until(
                "the status shows both shards delivered",
                () ->
                        status("src", id).values().stream()
                                .allMatch(s -> s.getCurrentSequence() == 9));
        ShardStatusEntry s0 = status("src", id).get("0");
        assertThat(s0.getState()).isEqualTo(ConnectorShardState.CONTEXT_EXECUTING);
        assertThat(s0.getStartSequence()).isZero();
        assertThat(s0.getCurrentTimestamp()).isEqualTo(source0.get(9).getSystemTime());
        assertThat(s0.getLastErrorMessage()).isNull();
        String subId = client.getConnector(P, "src", id).getSubId();
        assertThat(
                        client.getSubscriptionOffset(P, "src", subId, "1")
                                .getOffsets()
                                .get("1")
                                .getSequence())
                .isEqualTo(9);

        client.updateConnectorState(P, "src", id, ConnectorState.CONNECTOR_STOPPED);
        write("src", "0", 10, 5);
        // Every scan of the runner looks at all connectors at once and starts a task for each
        // running one: a record written to the witness after ours and delivered proves that the
        // runner has passed over the stopped connector since its records were written.
        write("witness_src", "0", 0, 1);
        Wait.until("the running witness delivers", () -> count(client, P, "witness_dst") == 1);
        assertThat(ids("dst")).hasSize(20);
        assertThat(status("src", id).get("0").getState())
                .isEqualTo(ConnectorShardState.CONTEXT_STOPPED);
        assertThat(status("src", id).get("0").getCurrentSequence()).isEqualTo(9);

        // Back to "4 delivered" on shard 0: 5..14 follow (5..9 a second time).
        client.updateConnectorOffset(P, "src", id, "0", new ConnectorOffset(4, -1));
        assertThat(status("src", id).get("0").getCurrentSequence()).isEqualTo(4);
        client.updateConnectorState(P, "src", id, ConnectorState.CONNECTOR_RUNNING);
        Wait.until("shard 0 is delivered again from sequence 5", () -> ids("dst").size() >= 30);
        List<Long> again = new ArrayList<>(expected);
        again.addAll(range(5, 15));
        again.sort(Comparator.naturalOrder());
        assertThat(ids("dst")).isEqualTo(again);
        Wait.until(
                "the status follows", () -> status("src", id).get("0").getCurrentSequence() == 14);

        // A reload restarts from the committed position: nothing is delivered twice. Each shard
        // gets a record after the reload, so each shard's task has run since, delivering any repeat
        // with it.
        client.reloadConnector(P, "src", id);
        write("src", "0", 15, 1);
        write("src", "1", 110, 1);
        Wait.until("the records after the reload are delivered", () -> ids("dst").size() >= 32);
        again.add(15L);
        again.add(110L);
        again.sort(Comparator.naturalOrder());
        assertThat(ids("dst")).isEqualTo(again);
        assertThat(client.getConnectorDoneTime(P, "src", id).getDoneTime()).isPositive();
    }

    @Test
    void aFailingTargetHangsWithTheReasonAndRecoversAfterTheFix() {
        client.createTupleTopic(P, "hang_src", 1, 1, SOURCE, "source");
        client.createTupleTopic(P, "hang_dst", 1, 1, TARGET, "target");
        String id =
                client.createConnector(
                                P,
                                "hang_src",
                                ConnectorType.SINK_DATAHUB,
                                List.of("id"),
                                toTopic("no_such_target", ConnectorAuth.sts()))
                        .getConnectorId();
        write("hang_src", "0", 0, 3);
        Wait.until(
                "the shard hangs",
                () ->
                        status("hang_src", id).get("0").getState()
                                == ConnectorShardState.CONTEXT_HANG);
        assertThat(status("hang_src", id).get("0").getLastErrorMessage())
                .contains("no_such_target", "NoSuchTopic")
                .doesNotContain(DataHubEmulator.DEFAULT_ACCESS_KEY);

        client.updateConnector(
                P, "hang_src", id, toTopic("hang_dst", ConnectorAuth.ak("wrong", "wrong-key")));
        Wait.until(
                "the shard hangs on the credentials",
                () ->
                        String.valueOf(status("hang_src", id).get("0").getLastErrorMessage())
                                .contains("Unauthorized"));

        client.updateConnector(P, "hang_src", id, toTopic("hang_dst", ConnectorAuth.sts()));
        Wait.until("the records arrive", () -> ids("hang_dst").size() == 3);
        Wait.until(
                "the shard recovers",
                () ->
                        status("hang_src", id).get("0").getState()
                                == ConnectorShardState.CONTEXT_EXECUTING);
        assertThat(status("hang_src", id).get("0").getLastErrorMessage()).isNull();
    }

    @Test
    void startsAtTheSinkStartTime() {
        client.createTupleTopic(P, "time_src", 1, 1, SOURCE, "source");
        client.createTupleTopic(P, "time_dst", 1, 1, TARGET, "target");
        write("time_src", "0", 0, 4);
        emulator.clock().advance(Duration.ofMinutes(1));
        long start = emulator.clock().millis();
        write("time_src", "0", 4, 3);
        client.createConnector(
                P,
                "time_src",
                ConnectorType.SINK_DATAHUB,
                List.of("id", "name"),
                toTopic("time_dst", null),
                start);
        Wait.until("the records after the start time arrive", () -> ids("time_dst").size() >= 3);
        assertThat(ids("time_dst")).containsExactly(4L, 5L, 6L);
    }

    @Test
    void followsAClosedShardToItsEndAndThenItsChildren() {
        client.createTupleTopic(P, "split_src", 1, 1, SOURCE, "source");
        client.createTupleTopic(P, "split_dst", 1, 1, TARGET, "target");
        write("split_src", "0", 0, 5);
        String id =
                client.createConnector(
                                P,
                                "split_src",
                                ConnectorType.SINK_DATAHUB,
                                List.of("id", "name"),
                                toTopic("split_dst", ak()))
                        .getConnectorId();
        Wait.until("the first records arrive", () -> ids("split_dst").size() >= 5);
        assertThat(ids("split_dst")).containsExactlyElementsOf(range(0, 5));
        // New shards may not be split during their first seconds.
        emulator.clock().advance(Duration.ofSeconds(10));
        client.splitShard(P, "split_src", "0");
        client.waitShardsReady(P, "split_src");
        write("split_src", "1", 5, 2);
        write("split_src", "2", 7, 2);
        Wait.until("the children's records arrive", () -> ids("split_dst").size() >= 9);
        Wait.until(
                "the parent is finished",
                () ->
                        status("split_src", id).get("0").getState()
                                == ConnectorShardState.CONTEXT_FINISHED);
        ShardStatusEntry parent = status("split_src", id).get("0");
        assertThat(parent.getEndSequence()).isEqualTo(4);
        assertThat(parent.getCurrentSequence()).isEqualTo(4);
        assertThat(status("split_src", id)).containsOnlyKeys("0", "1", "2");
        assertThat(ids("split_dst")).containsExactlyElementsOf(range(0, 9));
    }

    @Test
    void aRestartedEmulatorContinuesWhereItsConnectorsStopped(@TempDir Path dir)
            throws IOException {
        // The same port both times: the connector's target endpoint is stored with it.
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (DataHubEmulator first =
                        DataHubEmulator.builder().dataDirectory(dir).port(port).build().start();
                DataHubClient c = first.client()) {
            c.createProject("durable", "restart");
            c.createTupleTopic("durable", "src", 1, 1, SOURCE, "source");
            c.createTupleTopic("durable", "dst", 1, 1, TARGET, "target");
            c.putRecordsByShard(
                    "durable",
                    "src",
                    "0",
                    List.of(
                            TupleRecord.of(SOURCE, 1L, "a", 1.0, "x"),
                            TupleRecord.of(SOURCE, 2L, "b", 2.0, "y")));
            // sts: the internal account, which is a new one after the restart.
            String id =
                    c.createConnector(
                                    "durable",
                                    "src",
                                    ConnectorType.SINK_DATAHUB,
                                    List.of("id"),
                                    DataHubConnectorConfig.builder()
                                            .endpoint(first.endpoint())
                                            .project("durable")
                                            .topic("dst")
                                            .auth(ConnectorAuth.sts())
                                            .build())
                            .getConnectorId();
            Wait.until("the first records arrive", () -> count(c, "durable", "dst") == 2);
            Wait.until(
                    "the progress is stored",
                    () ->
                            c.getConnectorShardStatus("durable", "src", id)
                                            .getShardStatusInfos()
                                            .get("0")
                                            .getCurrentSequence()
                                    == 1);
        }
        try (DataHubEmulator second =
                        DataHubEmulator.builder().dataDirectory(dir).port(port).build().start();
                DataHubClient c = second.client()) {
            c.putRecordsByShard(
                    "durable", "src", "0", List.of(TupleRecord.of(SOURCE, 3L, "c", 3.0, "z")));
            Wait.until("the new record is delivered", () -> count(c, "durable", "dst") >= 3);
            assertThat(count(c, "durable", "dst"))
                    .as("only the new record is delivered")
                    .isEqualTo(3);
        }
    }

    @Test
    void recordsThatExpireBeforeDeliveryAreCountedAsDiscarded() {
        try (DataHubEmulator own = DataHubEmulator.builder().build().start();
                DataHubClient c = own.client()) {
            c.createProject("expiry", "own clock");
            c.createTupleTopic("expiry", "src", 1, 1, SOURCE, "source");
            c.createTupleTopic("expiry", "dst", 1, 7, TARGET, "target");
            c.putRecordsByShard(
                    "expiry", "src", "0", List.of(TupleRecord.of(SOURCE, 1L, "a", 1.0, "x")));
            String id =
                    c.createConnector(
                                    "expiry",
                                    "src",
                                    ConnectorType.SINK_DATAHUB,
                                    List.of("id"),
                                    DataHubConnectorConfig.builder()
                                            .endpoint(own.endpoint())
                                            .project("expiry")
                                            .topic("dst")
                                            .auth(ConnectorAuth.sts())
                                            .build())
                            .getConnectorId();
            Wait.until("the first record arrives", () -> ids(c, "expiry", "dst").contains(1L));
            c.updateConnectorState("expiry", "src", id, ConnectorState.CONNECTOR_STOPPED);
            c.putRecordsByShard(
                    "expiry",
                    "src",
                    "0",
                    List.of(
                            TupleRecord.of(SOURCE, 2L, "b", 2.0, "y"),
                            TupleRecord.of(SOURCE, 3L, "c", 3.0, "z")));
            // The source keeps one day; the target seven.
            own.clock().advance(Duration.ofDays(2));
            c.putRecordsByShard(
                    "expiry", "src", "0", List.of(TupleRecord.of(SOURCE, 4L, "d", 4.0, "w")));
            c.updateConnectorState("expiry", "src", id, ConnectorState.CONNECTOR_RUNNING);
            Wait.until(
                    "the record written after the expiry arrives",
                    () -> ids(c, "expiry", "dst").contains(4L));
            // Delivery is at least once (a put that timed out on a loaded machine is repeated), so
            // the check is on ids: the records that expired while the connector was stopped never
            // arrive, and they would have arrived before the later one.
            assertThat(ids(c, "expiry", "dst")).containsOnly(1L, 4L);
            // The progress is stored just after the put: wait for it rather than read it too early.
            Wait.until(
                    "the progress is stored",
                    () ->
                            c.getConnectorShardStatus("expiry", "src", id)
                                            .getShardStatusInfos()
                                            .get("0")
                                            .getCurrentSequence()
                                    == 3);
            ShardStatusEntry s =
                    c.getConnectorShardStatus("expiry", "src", id).getShardStatusInfos().get("0");
            assertThat(s.getDiscardCount()).isEqualTo(2);
            assertThat(s.getCurrentSequence()).isEqualTo(3);
        }
    }

    static List<Long> ids(DataHubClient c, String project, String topic) {
        String cursor = c.getCursor(project, topic, "0", CursorType.OLDEST).getCursor();
        return c.getTupleRecords(project, topic, "0", TARGET, cursor, 1000).getRecords().stream()
                .map(r -> (Long) ((TupleRecord) r).getValue("id"))
                .collect(Collectors.toList());
    }

    static int count(DataHubClient c, String project, String topic) {
        String cursor = c.getCursor(project, topic, "0", CursorType.OLDEST).getCursor();
        return c.getTupleRecords(project, topic, "0", TARGET, cursor, 1000).getRecordCount();
    }

    @Test
    void blobTopicsAreCopiedByteForByte() {
        client.createBlobTopic(P, "blob_src", 1, 1, "source");
        client.createBlobTopic(P, "blob_dst", 1, 1, "target");
        client.putRecordsByShard(
                P,
                "blob_src",
                "0",
                List.of(
                        BlobRecord.builder("first".getBytes(StandardCharsets.UTF_8))
                                .attribute("a", "1")
                                .build(),
                        BlobRecord.of(new byte[] {0, 1, 2, (byte) 255})));
        client.createConnector(
                P,
                "blob_src",
                ConnectorType.SINK_DATAHUB,
                List.of("data"),
                toTopic("blob_dst", ak()));
        Wait.until("the blobs arrive", () -> TopicContents.all(client, P, "blob_dst").size() == 2);
        List<Record> got = TopicContents.all(client, P, "blob_dst");
        assertThat(((BlobRecord) got.get(0)).getData())
                .isEqualTo("first".getBytes(StandardCharsets.UTF_8));
        assertThat(got.get(0).getAttributes()).containsEntry("a", "1");
        assertThat(((BlobRecord) got.get(1)).getData()).containsExactly(0, 1, 2, 255);
    }
}
