package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.github.flinkdatahub.emulator.records.RecordFixtures.ALL_TYPES;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.blob;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.blobTexts;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.full;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.nulls;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.range;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.sequences;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Records put and read back over HTTP in every wire mode and compression, and across modes. */
class RecordWireRoundTripTest {
    private static final String PROJECT = "records_wire";
    static DataHubEmulator emulator;
    static DataHubClient admin;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        admin = emulator.client();
        admin.createProject(PROJECT, "wire round trips");
    }

    @AfterAll
    static void stop() {
        admin.close();
        emulator.close();
    }

    static Stream<Arguments> modes() {
        List<Arguments> out = new ArrayList<>();
        for (WireMode mode : WireMode.values()) {
            for (CompressFormat c : CompressFormat.values()) {
                out.add(Arguments.of(mode, c));
            }
        }
        return out.stream();
    }

    private static DataHubClient client(WireMode mode, CompressFormat compression) {
        return emulator.clientBuilder().wireMode(mode).compression(compression).build();
    }

    private static String topic(String kind, WireMode mode, CompressFormat c) {
        return (kind + "_" + mode + "_" + c).toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void tupleRecordsOfEveryFieldTypeAndNullsSurviveAPutAndAGet(
            WireMode mode, CompressFormat compression) {
        String topic = topic("tuple", mode, compression);
        admin.createTupleTopic(PROJECT, topic, 1, 1, ALL_TYPES, "");
        List<TupleRecord> written = List.of(full(1), nulls(2), full(3));
        try (DataHubClient client = client(mode, compression)) {
            client.putRecordsByShard(PROJECT, topic, "0", written);
            List<Record> read = TopicContents.shard(client, PROJECT, topic, "0");

            assertThat(values(read)).isEqualTo(values(written));
            assertThat(read)
                    .extracting(Record::getAttributes)
                    .containsExactly(
                            written.get(0).getAttributes(),
                            written.get(1).getAttributes(),
                            written.get(2).getAttributes());
            assertThat(read)
                    .allSatisfy(
                            r -> {
                                assertThat(r.getShardId()).isEqualTo("0");
                                assertThat(r.getSystemTime()).isGreaterThan(0);
                                assertThat(r.getCursor()).matches("[0-9a-f]{32}");
                            });
            if (mode == WireMode.BATCH) {
                // One put = one blob = one sequence; the records are told apart by their batch
                // index.
                assertThat(sequences(read)).containsExactly(0L, 0L, 0L);
                assertThat(read).extracting(Record::getBatchIndex).containsExactly(0, 1, 2);
            } else {
                assertThat(sequences(read)).containsExactly(0L, 1L, 2L);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void blobRecordsSurviveAPutAndAGet(WireMode mode, CompressFormat compression) {
        String topic = topic("blob", mode, compression);
        admin.createBlobTopic(PROJECT, topic, 1, 1, "");
        List<BlobRecord> written = List.of(blob(0), blob(3), blob(100));
        try (DataHubClient client = client(mode, compression)) {
            client.putRecordsByShard(PROJECT, topic, "0", written);
            client.putRecordsByShard(PROJECT, topic, "0", List.of(blob(7)));
            List<Record> read = TopicContents.shard(client, PROJECT, topic, "0");

            assertThat(blobTexts(read))
                    .containsExactly(
                            "blob-0-",
                            "blob-3-xxx",
                            "blob-100-" + "x".repeat(100),
                            "blob-7-xxxxxxx");
            assertThat(read)
                    .extracting(r -> r.getAttribute("n"))
                    .containsExactly("0", "3", "100", "7");
            assertThat(sequences(read))
                    .isEqualTo(mode == WireMode.BATCH ? List.of(0L, 0L, 0L, 1L) : range(0, 4));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void routedPutsAnswerInTheRequestsWireMode(WireMode mode, CompressFormat compression) {
        String topic = topic("routed", mode, compression);
        admin.createTupleTopic(PROJECT, topic, 2, 1, ALL_TYPES, "");
        try (DataHubClient client = client(mode, compression)) {
            // The batch client sends routed puts in protobuf mode: the batch format has no routing.
            assertThat(
                            client.putRecords(
                                            PROJECT,
                                            topic,
                                            List.of(
                                                    full(1).toBuilder().shardId("1").build(),
                                                    nulls(2).toBuilder().shardId("1").build()))
                                    .getFailedRecordCount())
                    .isZero();
            assertThat(values(TopicContents.shard(client, PROJECT, topic, "1")))
                    .isEqualTo(values(List.of(full(1), nulls(2))));
            assertThat(TopicContents.shard(client, PROJECT, topic, "0")).isEmpty();
        }
    }

    @Test
    void recordsWrittenInOneModeAreReadInEveryMode() {
        String topic = "cross_mode";
        admin.createTupleTopic(PROJECT, topic, 1, 1, ALL_TYPES, "");
        try (DataHubClient json = client(WireMode.JSON, CompressFormat.NONE);
                DataHubClient pb = client(WireMode.PROTOBUF, CompressFormat.LZ4);
                DataHubClient batch = client(WireMode.BATCH, CompressFormat.ZLIB)) {
            json.putRecordsByShard(PROJECT, topic, "0", List.of(full(1)));
            batch.putRecordsByShard(PROJECT, topic, "0", List.of(full(2), nulls(3)));
            pb.putRecordsByShard(PROJECT, topic, "0", List.of(nulls(4)));
            List<List<Object>> expected = values(List.of(full(1), full(2), nulls(3), nulls(4)));

            for (DataHubClient reader : List.of(json, pb, batch)) {
                List<Record> read = TopicContents.shard(reader, PROJECT, topic, "0");
                assertThat(values(read)).isEqualTo(expected);
                // The batch entry keeps one sequence for its two records, in every mode.
                assertThat(sequences(read)).containsExactly(0L, 1L, 1L, 2L);
                assertThat(read.get(1).getCursor()).isEqualTo(read.get(2).getCursor());
            }
            // Batch readers get one blob per sequence: the records written singly come as blobs of
            // one.
            String oldest = batch.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();
            GetRecordsResult blobs =
                    batch.getTupleRecords(PROJECT, topic, "0", ALL_TYPES, oldest, 2);
            assertThat(blobs.getRecordCount()).isEqualTo(2);
            assertThat(blobs.getRecords())
                    .extracting(Record::getBatchSize)
                    .containsExactly(1, 2, 2);
        }
    }

    @Test
    void readersGetCanonicalValuesWhateverTextTheWriterUsed() {
        String topic = "canonical";
        admin.createTupleTopic(PROJECT, topic, 1, 1, ALL_TYPES, "");
        try (RawRequests raw = new RawRequests(emulator);
                DataHubClient pb = client(WireMode.PROTOBUF, CompressFormat.NONE)) {
            raw.json(
                    "POST",
                    "/projects/" + PROJECT + "/topics/" + topic + "/shards/0",
                    "{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"7\",\" -3\",\"300\",\"70000\",\"1.5\",\"1.001e+01\","
                            + "\"12.50\",\"s\",\"1\",\"0\"]},{\"Data\":[\"8\",null,null,null,null,null,null,null,"
                            + "\"FALSE\",null]}]}");
            String json =
                    raw.json(
                            "POST",
                            "/projects/" + PROJECT + "/topics/" + topic + "/shards/0",
                            "{\"Action\":\"sub\",\"Cursor\":\""
                                    + pb.getCursor(PROJECT, topic, "0", CursorType.OLDEST)
                                            .getCursor()
                                    + "\",\"Limit\":10}");
            assertThat(json)
                    .contains(
                            "[\"7\",\"-3\",\"300\",\"70000\",\"1.5\",\"10.01\",\"12.50\",\"s\",\"true\",\"0\"]")
                    .contains("[\"8\",null,null,null,null,null,null,null,\"false\",null]");
        }
    }
}
