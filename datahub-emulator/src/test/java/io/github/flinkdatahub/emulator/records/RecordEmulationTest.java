package io.github.flinkdatahub.emulator.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.ShardNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.FailedRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import io.github.flinkdatahub.client.protocol.batch.BatchRecordCodec;
import io.github.flinkdatahub.client.protocol.batch.BatchSerializer;
import io.github.flinkdatahub.client.protocol.frame.DhubFrame;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.json.RecordJson;
import io.github.flinkdatahub.client.protocol.protobuf.ProtobufRecordCodec;
import io.github.flinkdatahub.client.wire.BatchRecordWire;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.faults.FaultRule;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.github.flinkdatahub.emulator.records.RecordFixtures.ALL_TYPES;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.blobTexts;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.full;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.range;
import static io.github.flinkdatahub.emulator.records.RecordFixtures.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Routing, sequences, closed shards and the checks and limits of puts and gets. */
class RecordEmulationTest {
    private static final String PROJECT = "record_ops";
    static DataHubEmulator emulator;
    static DataHubClient client;
    static RawRequests raw;

    @BeforeAll
    static void start() {
        emulator = DataHubEmulator.builder().build().start();
        client = emulator.clientBuilder().retryPolicy(RetryPolicy.none()).build();
        raw = new RawRequests(emulator);
        client.createProject(PROJECT, "records");
    }

    @AfterAll
    static void stop() {
        raw.close();
        client.close();
        emulator.close();
    }

    private static String shardPath(String topic, String shardId) {
        return "/projects/"
                + PROJECT
                + "/topics/"
                + topic
                + "/shards"
                + (shardId == null ? "" : "/" + shardId);
    }

    private static BlobRecord text(String s) {
        return BlobRecord.of(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The shard of a 4-shard topic whose quarter of the key space holds {@code key}. */
    private static String quarterOf(BigInteger key) {
        return Integer.toString(key.shiftRight(126).intValue());
    }

    private static BigInteger md5(String s) throws Exception {
        return new BigInteger(
                1, MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void routedPutsFollowShardIdThenHashKeyThenTheMd5OfThePartitionKey() throws Exception {
        client.createBlobTopic(PROJECT, "routed", 4, 1, "");
        List<BlobRecord> records = new ArrayList<>();
        records.add(
                BlobRecord.builder("by-id".getBytes(StandardCharsets.UTF_8))
                        .shardId("2")
                        .hashKey("00000000000000000000000000000001")
                        .build());
        records.add(
                BlobRecord.builder("by-hash".getBytes(StandardCharsets.UTF_8))
                        .hashKey("C0000000000000000000000000000000")
                        .partitionKey("ignored")
                        .build());
        records.add(
                BlobRecord.builder("max-key".getBytes(StandardCharsets.UTF_8))
                        .hashKey("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
                        .build());
        List<String> partitionKeys = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        for (String pk : partitionKeys) {
            records.add(
                    BlobRecord.builder(("pk-" + pk).getBytes(StandardCharsets.UTF_8))
                            .partitionKey(pk)
                            .build());
        }

        assertThat(client.putRecords(PROJECT, "routed", records).getFailedRecordCount()).isZero();

        List<List<String>> byShard = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            byShard.add(
                    blobTexts(TopicContents.shard(client, PROJECT, "routed", Integer.toString(s))));
        }
        assertThat(byShard.get(2)).contains("by-id");
        assertThat(byShard.get(3)).contains("by-hash", "max-key");
        for (String pk : partitionKeys) {
            assertThat(byShard.get(Integer.parseInt(quarterOf(md5(pk)))))
                    .as(pk)
                    .contains("pk-" + pk);
        }
        assertThat(byShard.stream().mapToInt(List::size).sum()).isEqualTo(records.size());
    }

    @Test
    void recordsWithoutRoutingAreSpreadOverTheShardsInTurn() {
        client.createBlobTopic(PROJECT, "round_robin", 3, 1, "");
        List<BlobRecord> records = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            records.add(text("r" + i));
        }
        client.putRecords(PROJECT, "round_robin", records);
        for (int s = 0; s < 3; s++) {
            assertThat(TopicContents.shard(client, PROJECT, "round_robin", Integer.toString(s)))
                    .hasSize(3);
        }
    }

    @Test
    void sequencesAreDensePerShardAcrossPutsAndWireModes() {
        client.createBlobTopic(PROJECT, "dense", 2, 1, "");
        try (DataHubClient json = emulator.clientBuilder().wireMode(WireMode.JSON).build()) {
            for (int i = 0; i < 5; i++) {
                (i % 2 == 0 ? client : json)
                        .putRecordsByShard(
                                PROJECT, "dense", "1", List.of(text("a" + i), text("b" + i)));
                (i % 2 == 0 ? json : client)
                        .putRecords(
                                PROJECT,
                                "dense",
                                List.of(
                                        BlobRecord.builder(new byte[] {(byte) i})
                                                .shardId("0")
                                                .build()));
            }
        }
        assertThat(sequences(TopicContents.shard(client, PROJECT, "dense", "1")))
                .isEqualTo(range(0, 10));
        assertThat(sequences(TopicContents.shard(client, PROJECT, "dense", "0")))
                .isEqualTo(range(0, 5));
    }

    @Test
    void aSplitParentRefusesWritesIsReadToItsEndAndThenSignalsTheEnd() {
        client.createBlobTopic(PROJECT, "sealed", 1, 1, "");
        client.putRecordsByShard(PROJECT, "sealed", "0", List.of(text("a"), text("b"), text("c")));
        emulator.clock().advance(Duration.ofSeconds(5));
        client.splitShard(PROJECT, "sealed", "0");

        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.putRecordsByShard(
                                                        PROJECT,
                                                        "sealed",
                                                        "0",
                                                        List.of(text("late"))),
                                        ShardSealedException.class)
                                .getErrorCode())
                .isEqualTo("InvalidShardOperation");
        PutRecordsResult routed =
                client.putRecords(
                        PROJECT,
                        "sealed",
                        List.of(
                                BlobRecord.builder(new byte[] {1}).shardId("0").build(),
                                BlobRecord.builder(new byte[] {2})
                                        .hashKey("00000000000000000000000000000000")
                                        .build()));
        assertThat(routed.getFailedRecords())
                .extracting(FailedRecord::getIndex, FailedRecord::getErrorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "InvalidShardOperation"));
        assertThat(TopicContents.shard(client, PROJECT, "sealed", "1")).hasSize(1);

        String cursor = client.getCursor(PROJECT, "sealed", "0", CursorType.OLDEST).getCursor();
        GetRecordsResult first = client.getBlobRecords(PROJECT, "sealed", "0", cursor, 2);
        assertThat(blobTexts(first.getRecords())).containsExactly("a", "b");
        GetRecordsResult rest =
                client.getBlobRecords(PROJECT, "sealed", "0", first.getNextCursor(), 2);
        assertThat(blobTexts(rest.getRecords())).containsExactly("c");
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.getBlobRecords(
                                                        PROJECT,
                                                        "sealed",
                                                        "0",
                                                        rest.getNextCursor(),
                                                        2),
                                        ShardSealedException.class)
                                .getErrorCode())
                .isEqualTo("InvalidShardOperation");
    }

    @Test
    void mergedParentsAreReadToTheirEndsToo() {
        client.createBlobTopic(PROJECT, "merged", 2, 1, "");
        client.putRecordsByShard(PROJECT, "merged", "0", List.of(text("left")));
        emulator.clock().advance(Duration.ofSeconds(5));
        client.mergeShard(PROJECT, "merged", "0", "1");
        client.putRecordsByShard(PROJECT, "merged", "2", List.of(text("child")));
        assertThat(blobTexts(TopicContents.shard(client, PROJECT, "merged", "2")))
                .containsExactly("child");

        String cursor0 = client.getCursor(PROJECT, "merged", "0", CursorType.OLDEST).getCursor();
        GetRecordsResult left = client.getBlobRecords(PROJECT, "merged", "0", cursor0, 10);
        assertThat(blobTexts(left.getRecords())).containsExactly("left");
        assertThatThrownBy(
                        () ->
                                client.getBlobRecords(
                                        PROJECT, "merged", "0", left.getNextCursor(), 10))
                .isInstanceOf(ShardSealedException.class);
        // Shard 1 was never written: its first read is already the end.
        String cursor1 = client.getCursor(PROJECT, "merged", "1", CursorType.OLDEST).getCursor();
        assertThatThrownBy(() -> client.getBlobRecords(PROJECT, "merged", "1", cursor1, 10))
                .isInstanceOf(ShardSealedException.class);
    }

    @Test
    void anEmptyReadAnswersNoRecordsAndTheRequestsOwnCursor() {
        client.createTupleTopic(PROJECT, "caught_up", 1, 1, ALL_TYPES, "");
        client.putRecordsByShard(PROJECT, "caught_up", "0", List.of(full(1)));
        String cursor = client.getCursor(PROJECT, "caught_up", "0", CursorType.OLDEST).getCursor();
        GetRecordsResult first =
                client.getTupleRecords(PROJECT, "caught_up", "0", ALL_TYPES, cursor, 10);
        assertThat(first.getStartSequence()).isZero();
        assertThat(first.getLatestSequence()).isZero();
        assertThat(first.getLatestTime()).isEqualTo(first.getRecords().get(0).getSystemTime());

        GetRecordsResult empty =
                client.getTupleRecords(
                        PROJECT, "caught_up", "0", ALL_TYPES, first.getNextCursor(), 10);
        assertThat(empty.getRecordCount()).isZero();
        assertThat(empty.getRecords()).isEmpty();
        assertThat(empty.getNextCursor()).isEqualTo(first.getNextCursor());

        client.putRecordsByShard(PROJECT, "caught_up", "0", List.of(full(2)));
        GetRecordsResult fresh =
                client.getTupleRecords(
                        PROJECT, "caught_up", "0", ALL_TYPES, empty.getNextCursor(), 10);
        assertThat(sequences(fresh.getRecords())).containsExactly(1L);
    }

    @Test
    void aGetReturnsAtMostAThousandRecords() {
        client.createBlobTopic(PROJECT, "many", 1, 1, "");
        List<BlobRecord> records = new ArrayList<>(Collections.nCopies(1500, text("x")));
        client.putRecordsByShard(PROJECT, "many", "0", records);
        String cursor = client.getCursor(PROJECT, "many", "0", CursorType.OLDEST).getCursor();
        JsonNode answer =
                Json.parse(
                        raw.json(
                                        "POST",
                                        shardPath("many", "0"),
                                        "{\"Action\":\"sub\",\"Cursor\":\""
                                                + cursor
                                                + "\",\"Limit\":5000}")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(answer.get("RecordCount").asInt()).isEqualTo(1000);
        assertThat(answer.get("Records")).hasSize(1000);
        assertThat(answer.get("LatestSeq").asLong()).isEqualTo(1499);
    }

    @Test
    void routedPutsReportEachRecordThatDoesNotFitAndWriteTheOthers() {
        client.createTupleTopic(PROJECT, "checked", 1, 1, ALL_TYPES, "");
        String good =
                "{\"ShardId\":\"0\",\"Data\":[\"1\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]}";
        String body =
                "{\"Action\":\"pub\",\"Records\":["
                        + good
                        + ",{\"ShardId\":\"0\",\"Data\":[\"1\",\"2\"]}"
                        + ",{\"ShardId\":\"0\",\"Data\":[\"x\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]}"
                        + ",{\"ShardId\":\"0\",\"Data\":[null,\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]}"
                        + ",{\"ShardId\":\"0\",\"Data\":[\"1\",\"300\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]}"
                        + ",{\"ShardId\":\"0\",\"Data\":\"aGVsbG8=\"}"
                        + ",{\"ShardId\":\"0\",\"Data\":[\"1\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"maybe\",\"5\"]}"
                        + ",{\"ShardId\":\"0\",\"Data\":[\"1\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"1e40\",\"s\",\"true\",\"5\"]}"
                        + ",{\"ShardId\":\"42\",\"Data\":[\"1\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]}"
                        + ","
                        + good
                        + "]}";

        PutRecordsResult result =
                RecordJson.readPutResponse(
                        Json.parse(
                                raw.json("POST", shardPath("checked", null), body)
                                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(result.getFailedRecords())
                .extracting(FailedRecord::getIndex)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(result.getFailedRecords().subList(0, 7))
                .extracting(FailedRecord::getErrorCode)
                .containsOnly("MalformedRecord");
        assertThat(result.getFailedRecords().get(2).getErrorMessage()).contains("NOT NULL");
        assertThat(result.getFailedRecords().get(7).getErrorCode()).isEqualTo("InvalidShardId");
        assertThat(result.getFailedRecords())
                .allSatisfy(f -> assertThat(f.getErrorMessage()).isNotBlank());
        assertThat(sequences(TopicContents.shard(client, PROJECT, "checked", "0")))
                .containsExactly(0L, 1L);
    }

    @Test
    void aPutByShardWithOneBadRecordWritesNothing() {
        client.createTupleTopic(PROJECT, "all_or_nothing", 1, 1, ALL_TYPES, "");
        String body =
                "{\"Action\":\"pub\",\"Records\":["
                        + "{\"Data\":[\"1\",\"2\",\"3\",\"4\",\"1.5\",\"2.5\",\"3.5\",\"s\",\"true\",\"5\"]},"
                        + "{\"Data\":[null,null,null,null,null,null,null,null,null,null]}]}";
        MalformedRecordException e =
                catchThrowableOfType(
                        () -> raw.json("POST", shardPath("all_or_nothing", "0"), body),
                        MalformedRecordException.class);
        assertThat(e.getErrorMessage()).contains("Record 1").contains("NOT NULL");
        assertThat(TopicContents.shard(client, PROJECT, "all_or_nothing", "0")).isEmpty();

        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                client.putRecordsByShard(
                                                        PROJECT,
                                                        "all_or_nothing",
                                                        "3",
                                                        List.of(full(1))),
                                        ShardNotFoundException.class)
                                .getErrorMessage())
                .as("the service's text for a put by shard")
                .isEqualTo("Shard is not exist: " + PROJECT + "/all_or_nothing/3");
    }

    @Test
    void attributesThatAreNotAnObjectOfStringsAreMalformedAndWriteNothing() {
        client.createBlobTopic(PROJECT, "attributes", 1, 1, "");
        for (String attributes : List.of("\"x\"", "{\"k\":{\"n\":1}}", "{\"k\":1}", "[\"k\"]")) {
            String body =
                    "{\"Action\":\"pub\",\"Records\":[{\"Data\":\"eA==\",\"Attributes\":"
                            + attributes
                            + "}]}";
            assertThat(
                            catchThrowableOfType(
                                            () ->
                                                    raw.json(
                                                            "POST",
                                                            shardPath("attributes", "0"),
                                                            body),
                                            MalformedRecordException.class)
                                    .getErrorMessage())
                    .as(attributes)
                    .containsIgnoringCase("attribute");
        }
        assertThat(TopicContents.shard(client, PROJECT, "attributes", "0")).isEmpty();
    }

    @Test
    void batchIntegersOutsideTheirFieldsRangeAreMalformedNotCutToTheirLowBytes() {
        List<String> names = List.of("t", "s", "i");
        client.createTupleTopic(
                PROJECT,
                "batch_ranges",
                1,
                1,
                RecordSchema.fromLists(
                        names,
                        List.of(FieldType.TINYINT, FieldType.SMALLINT, FieldType.INTEGER),
                        List.of(true, true, true)),
                "");
        // Written as the int64 every writer stores, through a schema of BIGINT fields.
        RecordSchema wide =
                RecordSchema.fromLists(
                        names,
                        List.of(FieldType.BIGINT, FieldType.BIGINT, FieldType.BIGINT),
                        List.of(true, true, true));
        Object[][] outOfRange = {
            {300L, null, null}, {-200L, null, null}, {null, 70_000L, null}, {null, null, 1L << 40}
        };
        for (Object[] values : outOfRange) {
            assertThat(
                            catchThrowableOfType(
                                            () -> putBatch("batch_ranges", wide, values),
                                            MalformedRecordException.class)
                                    .getErrorMessage())
                    .as(Arrays.toString(values))
                    .contains("cannot hold the value");
        }
        assertThat(TopicContents.shard(client, PROJECT, "batch_ranges", "0")).isEmpty();

        putBatch("batch_ranges", wide, -128L, (long) Short.MIN_VALUE, (long) Integer.MAX_VALUE);
        assertThat(
                        ((TupleRecord)
                                        TopicContents.shard(client, PROJECT, "batch_ranges", "0")
                                                .get(0))
                                .getValues())
                .containsExactly((byte) -128, Short.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static void putBatch(String topic, RecordSchema schema, Object... values) {
        TupleRecord.Builder b = TupleRecord.builder(schema);
        for (int i = 0; i < values.length; i++) {
            b.set(i, values[i]);
        }
        byte[] body =
                new BatchRecordWire(CompressFormat.NONE)
                        .putRecordsByShard(shardPath(topic, "0"), List.of(b.build()), 0)
                        .body();
        raw.records(shardPath(topic, "0"), DataHubRequest.BINARY, "pub", body);
    }

    @Test
    void floatAndDoubleTextsBeyondTheirRangeAreMalformedNotInfinity() {
        client.createTupleTopic(
                PROJECT,
                "float_ranges",
                1,
                1,
                RecordSchema.fromLists(
                        List.of("f", "d"),
                        List.of(FieldType.FLOAT, FieldType.DOUBLE),
                        List.of(true, true)),
                "");
        for (String data : List.of("[\"1e39\",null]", "[null,\"1e309\"]", "[null,\"-1e309\"]")) {
            String body = "{\"Action\":\"pub\",\"Records\":[{\"Data\":" + data + "}]}";
            assertThat(
                            catchThrowableOfType(
                                            () ->
                                                    raw.json(
                                                            "POST",
                                                            shardPath("float_ranges", "0"),
                                                            body),
                                            MalformedRecordException.class)
                                    .getErrorMessage())
                    .as(data)
                    .contains("cannot hold the value");
        }
        assertThat(TopicContents.shard(client, PROJECT, "float_ranges", "0")).isEmpty();

        raw.json(
                "POST",
                shardPath("float_ranges", "0"),
                "{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"Infinity\",\"3.4e38\"]}]}");
        assertThat(
                        ((TupleRecord)
                                        TopicContents.shard(client, PROJECT, "float_ranges", "0")
                                                .get(0))
                                .getValues())
                .as("an infinity written as such stays one")
                .containsExactly(Float.POSITIVE_INFINITY, 3.4e38);
    }

    @Test
    void stringsThatAreNotUtf8AreMalformedInProtobufAndBatchPuts() {
        RecordSchema schema =
                RecordSchema.fromLists(List.of("s"), List.of(FieldType.STRING), List.of(true));
        client.createTupleTopic(PROJECT, "not_utf8", 1, 1, schema, "");
        List<TupleRecord> marked = List.of(TupleRecord.builder(schema).set(0, "QQ").build());

        byte[] pb = ProtobufRecordCodec.encodePutRecordsRequest(marked);
        replaceMarker(pb);
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.records(
                                                        shardPath("not_utf8", "0"),
                                                        DataHubRequest.PROTOBUF,
                                                        "pub",
                                                        DhubFrame.encode(pb)),
                                        MalformedRecordException.class)
                                .getErrorMessage())
                .contains("not valid UTF-8");

        byte[] blob =
                BatchSerializer.serialize(marked, RecordType.TUPLE, schema, CompressFormat.NONE, 0);
        replaceMarker(blob);
        ByteBuffer.wrap(blob)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(16, DhubFrame.crc32c(blob, 26, blob.length - 26));
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.records(
                                                        shardPath("not_utf8", "0"),
                                                        DataHubRequest.BINARY,
                                                        "pub",
                                                        DhubFrame.encode(
                                                                BatchRecordCodec
                                                                        .putBinaryRecordsRequest(
                                                                                blob))),
                                        MalformedRecordException.class)
                                .getErrorMessage())
                .contains("not valid UTF-8");
        assertThat(TopicContents.shard(client, PROJECT, "not_utf8", "0")).isEmpty();
    }

    /** Replaces the value "QQ" with C3 28: a lead byte without its continuation. */
    private static void replaceMarker(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == 'Q' && bytes[i + 1] == 'Q') {
                bytes[i] = (byte) 0xC3;
                bytes[i + 1] = 0x28;
                return;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    @Test
    void putsOfMoreThanTenThousandRecordsOrFourMegabytesOrLongStringsAreRefused() {
        client.createTupleTopic(PROJECT, "limits", 1, 1, ALL_TYPES, "");
        StringBuilder many = new StringBuilder("{\"Action\":\"pub\",\"Records\":[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"Data\":[\"").append(i).append("\"]}");
        }
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        shardPath("limits", "0"),
                                                        many + "]}"),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .contains("10001 records");

        String huge =
                "{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"1\",null,null,null,null,null,null,\""
                        + "y".repeat(4 * 1024 * 1024)
                        + "\",null,null]}]}";
        assertThat(
                        catchThrowableOfType(
                                        () -> raw.json("POST", shardPath("limits", "0"), huge),
                                        InvalidParameterException.class)
                                .getErrorMessage())
                .contains("at most 4194304 bytes");

        String longString =
                "{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"1\",null,null,null,null,null,null,\""
                        + "z".repeat(2 * 1024 * 1024 + 1)
                        + "\",null,null]}]}";
        assertThat(
                        catchThrowableOfType(
                                        () ->
                                                raw.json(
                                                        "POST",
                                                        shardPath("limits", "0"),
                                                        longString),
                                        MalformedRecordException.class)
                                .getErrorMessage())
                .contains("2097152");
        assertThat(TopicContents.shard(client, PROJECT, "limits", "0")).isEmpty();
    }

    @Test
    void injectedRecordFailuresFailRoutedRecordsAloneAndPutsByShardWhole() {
        client.createBlobTopic(PROJECT, "faulty", 1, 1, "");
        emulator.faults().set(PROJECT, "faulty", FaultRule.none().partialPutFailureRate(1.0));
        try {
            PutRecordsResult result =
                    client.putRecords(PROJECT, "faulty", List.of(text("a"), text("b")));
            assertThat(result.getFailedRecords())
                    .extracting(FailedRecord::getErrorCode)
                    .containsExactly("LimitExceeded", "LimitExceeded");
            assertThat(
                            catchThrowableOfType(
                                            () ->
                                                    client.putRecordsByShard(
                                                            PROJECT,
                                                            "faulty",
                                                            "0",
                                                            List.of(text("c"))),
                                            LimitExceededException.class)
                                    .isRetryable())
                    .isTrue();
        } finally {
            emulator.faults().clear(PROJECT, "faulty");
        }
        assertThat(TopicContents.shard(client, PROJECT, "faulty", "0")).isEmpty();
        client.putRecordsByShard(PROJECT, "faulty", "0", List.of(text("d")));
        assertThat(blobTexts(TopicContents.shard(client, PROJECT, "faulty", "0")))
                .containsExactly("d");
    }

    @Test
    void aRecordOfTheWrongTypeIsMalformed() {
        client.createBlobTopic(PROJECT, "blob_only", 1, 1, "");
        TupleRecord tuple =
                TupleRecord.of(
                        RecordSchema.fromLists(
                                List.of("a", "b"), List.of(FieldType.STRING, FieldType.STRING)),
                        "x",
                        "y");
        try (DataHubClient json =
                emulator.clientBuilder()
                        .wireMode(WireMode.JSON)
                        .retryPolicy(RetryPolicy.none())
                        .build()) {
            assertThatThrownBy(
                            () -> json.putRecordsByShard(PROJECT, "blob_only", "0", List.of(tuple)))
                    .isInstanceOf(MalformedRecordException.class);
        }
        assertThatThrownBy(
                        () -> client.putRecordsByShard(PROJECT, "blob_only", "0", List.of(tuple)))
                .isInstanceOf(MalformedRecordException.class);
        assertThat(TopicContents.shard(client, PROJECT, "blob_only", "0")).isEmpty();
    }
}
