package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.DatahubClient;
import com.aliyun.datahub.client.exception.InvalidParameterException;
import com.aliyun.datahub.client.exception.MalformedRecordException;
import com.aliyun.datahub.client.exception.ShardNotFoundException;
import com.aliyun.datahub.client.model.CursorType;
import com.aliyun.datahub.client.model.Field;
import com.aliyun.datahub.client.model.FieldType;
import com.aliyun.datahub.client.model.GetRecordsResult;
import com.aliyun.datahub.client.model.PutErrorEntry;
import com.aliyun.datahub.client.model.PutRecordsResult;
import com.aliyun.datahub.client.model.RecordEntry;
import com.aliyun.datahub.client.model.RecordSchema;
import com.aliyun.datahub.client.model.RecordType;
import com.aliyun.datahub.client.model.TupleRecordData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.flinkdatahub.emulator.sdk.ProjectConformanceTest.assertServiceError;
import static io.github.flinkdatahub.emulator.sdk.Records.assertSameTuple;
import static io.github.flinkdatahub.emulator.sdk.Records.blob;
import static io.github.flinkdatahub.emulator.sdk.Records.blobBytes;
import static io.github.flinkdatahub.emulator.sdk.Records.entry;
import static io.github.flinkdatahub.emulator.sdk.Records.put;
import static io.github.flinkdatahub.emulator.sdk.Records.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Records through the official SDK in each of its configurations (JSON, protobuf, batch, batch with
 * the schema registry; no compression, LZ4, DEFLATE): every field type, nulls, attributes, blobs,
 * routed puts with partial failures, paging with cursors, and the errors of the record calls. Each
 * configuration also creates its own topics, so compressed control-plane bodies are covered.
 */
@ExtendWith(SharedEmulatorExtension.class)
class RecordConformanceTest {
    private static final String PROJECT = "sdk_records";
    private static Sdk sdk;

    @BeforeAll
    static void createProject(Sdk shared) {
        sdk = shared;
        sdk.client().createProject(PROJECT, "record conformance");
    }

    private static String tupleTopic(
            DatahubClient client, String prefix, ClientMode mode, int shards) {
        String topic = prefix + "_" + mode.name().toLowerCase(Locale.ROOT);
        client.createTopic(PROJECT, topic, shards, 1, RecordType.TUPLE, Schemas.allTypes(), prefix);
        client.waitForShardReady(PROJECT, topic);
        return topic;
    }

    private static String blobTopic(
            DatahubClient client, String prefix, ClientMode mode, int shards) {
        String topic = prefix + "_" + mode.name().toLowerCase(Locale.ROOT);
        client.createTopic(PROJECT, topic, shards, 1, RecordType.BLOB, prefix);
        client.waitForShardReady(PROJECT, topic);
        return topic;
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void everyFieldTypeNullsAndAttributesRoundTrip(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "types", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        List<TupleRecordData> rows =
                List.of(
                        Schemas.fullRow(schema, 1),
                        Schemas.sparseRow(schema, 2),
                        Schemas.otherExtremesRow(schema, 3));
        long before = sdk.dataClockMillis();
        put(
                client,
                mode,
                PROJECT,
                topic,
                "0",
                List.of(
                        entry(rows.get(0), Map.of("k1", "v1", "key two", "value = 2")),
                        entry(rows.get(1)),
                        entry(rows.get(2), Map.of("only", ""))));
        long after = sdk.dataClockMillis();

        List<RecordEntry> read = readAll(client, PROJECT, topic, "0", schema);

        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertSameTuple(read.get(i).getRecordData(), rows.get(i));
            assertThat(read.get(i).getSystemTime())
                    .as("system time, by the emulator's data clock")
                    .isBetween(before, after);
            if (mode.wire != ClientMode.Wire.JSON) {
                // JSON entries carry ShardId only optionally; the binary readers fill it from the
                // URL.
                assertThat(read.get(i).getShardId()).isEqualTo("0");
            }
        }
        assertThat(read.get(0).getAttributes())
                .isEqualTo(Map.of("k1", "v1", "key two", "value = 2"));
        assertThat(read.get(1).getAttributes()).isNullOrEmpty();
        assertThat(read.get(2).getAttributes()).isEqualTo(Map.of("only", ""));
        if (mode.batch()) {
            // One put is one batch: a single sequence, the records told apart by their index in it.
            assertThat(read).extracting(RecordEntry::getSequence).containsExactly(0L, 0L, 0L);
            assertThat(read)
                    .extracting(RecordEntry::getSegmentIndexForBatch)
                    .containsExactly(0, 1, 2);
            assertThat(read)
                    .extracting(RecordEntry::getSegmentSizeForBatch)
                    .containsExactly(3, 3, 3);
        } else {
            assertThat(read).extracting(RecordEntry::getSequence).containsExactly(0L, 1L, 2L);
        }
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void blobRecordsRoundTripTheirBytesAndAttributes(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = blobTopic(client, "blobs", mode, 1);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] text = "short".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[70_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        RecordEntry withAttributes = blob(everyByte);
        withAttributes.addAttribute("content", "bytes");
        put(client, mode, PROJECT, topic, "0", List.of(withAttributes, blob(text), blob(large)));

        List<RecordEntry> read = readAll(client, PROJECT, topic, "0", null);

        assertThat(read).hasSize(3);
        assertThat(blobBytes(read.get(0))).isEqualTo(everyByte);
        assertThat(blobBytes(read.get(1))).isEqualTo(text);
        assertThat(blobBytes(read.get(2))).isEqualTo(large);
        assertThat(read.get(0).getAttributes()).isEqualTo(Map.of("content", "bytes"));
        assertThat(read.get(1).getAttributes()).isNullOrEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void pagesFollowLimitAndNextCursorAndAnEmptyPageKeepsTheCursor(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "paging", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        for (long i = 0; i < 5; i++) {
            put(client, mode, PROJECT, topic, "0", List.of(entry(Schemas.fullRow(schema, i))));
        }

        String cursor = client.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();
        List<Long> sequences = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            GetRecordsResult result = client.getRecords(PROJECT, topic, "0", schema, cursor, 2);
            List<RecordEntry> records = result.getRecords();
            pageSizes.add(result.getRecordCount());
            assertThat(records).hasSize(result.getRecordCount());
            assertThat(result.getStartSequence()).isEqualTo(records.get(0).getSequence());
            assertThat(result.getLatestSequence()).as("latest sequence in the shard").isEqualTo(4);
            if (!mode.batch()) {
                // The SDK's batch reader gives records their batch's cursor but no next cursor.
                for (int i = 0; i + 1 < records.size(); i++) {
                    assertThat(records.get(i).getNextCursor())
                            .isEqualTo(records.get(i + 1).getCursor());
                }
                assertThat(result.getNextCursor())
                        .isEqualTo(records.get(records.size() - 1).getNextCursor());
            }
            assertThat(result.getNextCursor()).isNotBlank().isNotEqualTo(cursor);
            for (RecordEntry r : records) {
                sequences.add(r.getSequence());
                assertSameTuple(r.getRecordData(), Schemas.fullRow(schema, r.getSequence()));
            }
            cursor = result.getNextCursor();
        }
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);

        GetRecordsResult caughtUp = client.getRecords(PROJECT, topic, "0", schema, cursor, 2);
        assertThat(caughtUp.getRecordCount()).isZero();
        assertThat(caughtUp.getRecords()).isEmpty();
        assertThat(caughtUp.getNextCursor())
                .as("next cursor when nothing is new")
                .isEqualTo(cursor);

        put(client, mode, PROJECT, topic, "0", List.of(entry(Schemas.fullRow(schema, 5))));
        GetRecordsResult fresh = client.getRecords(PROJECT, topic, "0", schema, cursor, 2);
        assertThat(fresh.getRecords()).extracting(RecordEntry::getSequence).containsExactly(5L);
    }

    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {"BATCH", "BATCH_DEFLATE", "BATCH_SCHEMA_REGISTRY"})
    void batchPutsTakeOneSequenceEachAndTheLimitCountsBatches(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "batches", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(
                        entry(Schemas.fullRow(schema, 0)),
                        entry(Schemas.fullRow(schema, 1)),
                        entry(Schemas.fullRow(schema, 2))));
        client.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(entry(Schemas.fullRow(schema, 3)), entry(Schemas.fullRow(schema, 4))));

        String cursor = client.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();
        GetRecordsResult first = client.getRecords(PROJECT, topic, "0", schema, cursor, 1);
        assertThat(first.getRecords())
                .extracting(RecordEntry::getSequence)
                .containsExactly(0L, 0L, 0L);
        assertThat(first.getRecords())
                .extracting(RecordEntry::getSegmentIndexForBatch)
                .containsExactly(0, 1, 2);
        assertThat(first.getRecords())
                .extracting(RecordEntry::getCursor)
                .containsOnly(first.getRecords().get(0).getCursor());
        GetRecordsResult second =
                client.getRecords(PROJECT, topic, "0", schema, first.getNextCursor(), 10);
        assertThat(second.getRecords())
                .extracting(RecordEntry::getSequence)
                .containsExactly(1L, 1L);
        assertThat(second.getRecords())
                .extracting(RecordEntry::getSegmentSizeForBatch)
                .containsExactly(2, 2);
        assertSameTuple(second.getRecords().get(1).getRecordData(), Schemas.fullRow(schema, 4));
        assertThat(client.getCursor(PROJECT, topic, "0", CursorType.LATEST).getSequence())
                .isEqualTo(1L);
    }

    /** The SDK's batch client has no routed {@code putRecords}. */
    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {
                "JSON",
                "JSON_LZ4",
                "JSON_DEFLATE",
                "PROTOBUF",
                "PROTOBUF_LZ4",
                "PROTOBUF_DEFLATE"
            })
    void routedPutsGoToTheNamedShardTheHashKeyRangeAndOneShardPerPartitionKey(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "routed", mode, 2);
        RecordSchema schema = Schemas.allTypes();
        RecordEntry toShard1 = entry(Schemas.fullRow(schema, 1), Map.of("route", "shard"));
        toShard1.setShardId("1");
        RecordEntry lowHash = entry(Schemas.fullRow(schema, 2));
        lowHash.setHashKey("00000000000000000000000000000001");
        RecordEntry highHash = entry(Schemas.fullRow(schema, 3));
        highHash.setHashKey("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE");
        RecordEntry pk1 = entry(Schemas.fullRow(schema, 4));
        pk1.setPartitionKey("partition-a");
        RecordEntry pk2 = entry(Schemas.fullRow(schema, 5));
        pk2.setPartitionKey("partition-a");

        PutRecordsResult result =
                client.putRecords(PROJECT, topic, List.of(toShard1, lowHash, highHash, pk1, pk2));

        assertThat(result.getFailedRecordCount()).isZero();
        assertThat(result.getFailedRecords()).isNullOrEmpty();
        List<Long> shard0 = keys(readAll(client, PROJECT, topic, "0", schema));
        List<Long> shard1 = keys(readAll(client, PROJECT, topic, "1", schema));
        assertThat(shard0).contains(2L).doesNotContain(1L, 3L);
        assertThat(shard1).contains(1L, 3L).doesNotContain(2L);
        assertThat(shard0.contains(4L) ? shard0 : shard1)
                .as("same partition key, same shard")
                .contains(4L, 5L);
        assertThat(shard0.size() + shard1.size()).isEqualTo(5);
    }

    /** The SDK's batch client has no routed {@code putRecords}. */
    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {
                "JSON",
                "JSON_LZ4",
                "JSON_DEFLATE",
                "PROTOBUF",
                "PROTOBUF_LZ4",
                "PROTOBUF_DEFLATE"
            })
    void putRecordsReportsAMalformedRecordAloneAndWritesTheOthers(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "partial", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        RecordSchema tooShort = new RecordSchema();
        tooShort.addField(new Field("f_bigint", FieldType.BIGINT));
        TupleRecordData shortRow = new TupleRecordData(tooShort);
        shortRow.setField("f_bigint", 99L);
        List<RecordEntry> request =
                List.of(
                        entry(Schemas.fullRow(schema, 0)),
                        entry(shortRow),
                        entry(Schemas.fullRow(schema, 2)));
        request.forEach(r -> r.setShardId("0"));

        PutRecordsResult result = client.putRecords(PROJECT, topic, request);

        assertThat(result.getFailedRecordCount()).isEqualTo(1);
        assertThat(result.getPutErrorEntries()).hasSize(1);
        PutErrorEntry error = result.getPutErrorEntries().get(0);
        assertThat(error.getIndex()).isEqualTo(1);
        assertThat(error.getErrorcode()).isEqualTo("MalformedRecord");
        assertThat(error.getMessage()).isNotBlank();
        assertThat(result.getFailedRecords()).containsExactly(request.get(1));
        assertThat(keys(readAll(client, PROJECT, topic, "0", schema))).containsExactly(0L, 2L);
    }

    /** The SDK's batch client has no routed {@code putRecords}. */
    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {
                "JSON",
                "JSON_LZ4",
                "JSON_DEFLATE",
                "PROTOBUF",
                "PROTOBUF_LZ4",
                "PROTOBUF_DEFLATE"
            })
    void putRecordsReportsARecordForAnUnknownShardAlone(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "bad_shard", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        RecordEntry good = entry(Schemas.fullRow(schema, 0));
        good.setShardId("0");
        RecordEntry lost = entry(Schemas.fullRow(schema, 1));
        lost.setShardId("42");

        PutRecordsResult result = client.putRecords(PROJECT, topic, List.of(good, lost));

        assertThat(result.getFailedRecordCount()).isEqualTo(1);
        assertThat(result.getPutErrorEntries())
                .extracting(PutErrorEntry::getIndex)
                .containsExactly(1);
        assertThat(result.getPutErrorEntries())
                .extracting(PutErrorEntry::getErrorcode)
                .containsExactly("InvalidShardId");
        assertThat(keys(readAll(client, PROJECT, topic, "0", schema))).containsExactly(0L);
    }

    @ParameterizedTest
    @EnumSource(
            value = ClientMode.class,
            names = {"PROTOBUF", "PROTOBUF_LZ4", "PROTOBUF_DEFLATE"})
    void putByShardWithAMalformedRecordFailsAsAWhole(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "malformed", mode, 1);
        RecordSchema tooShort = new RecordSchema();
        tooShort.addField(new Field("f_bigint", FieldType.BIGINT));
        TupleRecordData shortRow = new TupleRecordData(tooShort);
        shortRow.setField("f_bigint", 1L);

        MalformedRecordException e =
                catchThrowableOfType(
                        MalformedRecordException.class,
                        () ->
                                client.putRecordsByShard(
                                        PROJECT,
                                        topic,
                                        "0",
                                        List.of(
                                                entry(Schemas.fullRow(Schemas.allTypes(), 0)),
                                                entry(shortRow))));

        assertServiceError(e, "MalformedRecord", 400);
        assertThat(readAll(client, PROJECT, topic, "0", Schemas.allTypes())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void recordCallsOnAnUnknownShardThrowShardNotFound(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "no_shard", mode, 1);
        RecordSchema schema = Schemas.allTypes();
        String cursor = client.getCursor(PROJECT, topic, "0", CursorType.OLDEST).getCursor();

        if (mode.wire != ClientMode.Wire.JSON) {
            assertServiceError(
                    catchThrowableOfType(
                            ShardNotFoundException.class,
                            () ->
                                    client.putRecordsByShard(
                                            PROJECT,
                                            topic,
                                            "9",
                                            List.of(entry(Schemas.fullRow(schema, 0))))),
                    "NoSuchShard",
                    404);
        }
        assertServiceError(
                catchThrowableOfType(
                        ShardNotFoundException.class,
                        () -> client.getRecords(PROJECT, topic, "9", schema, cursor, 1)),
                "NoSuchShard",
                404);
        assertServiceError(
                catchThrowableOfType(
                        ShardNotFoundException.class,
                        () -> client.getCursor(PROJECT, topic, "9", CursorType.OLDEST)),
                "NoSuchShard",
                404);
    }

    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void anInvalidCursorThrowsInvalidParameterWithCodeInvalidCursor(ClientMode mode) {
        DatahubClient client = sdk.client(mode);
        String topic = tupleTopic(client, "bad_cursor", mode, 1);

        InvalidParameterException e =
                catchThrowableOfType(
                        InvalidParameterException.class,
                        () ->
                                client.getRecords(
                                        PROJECT,
                                        topic,
                                        "0",
                                        Schemas.allTypes(),
                                        "not-a-cursor",
                                        10));

        assertServiceError(e, "InvalidCursor", 400);
    }

    @Test
    void jsonAndProtobufClientsReadEachOthersRecords() {
        DatahubClient json = sdk.client(ClientMode.JSON);
        DatahubClient pb = sdk.client(ClientMode.PROTOBUF_LZ4);
        String topic = tupleTopic(pb, "interop", ClientMode.PROTOBUF, 1);
        RecordSchema schema = Schemas.allTypes();
        put(
                json,
                ClientMode.JSON,
                PROJECT,
                topic,
                "0",
                List.of(entry(Schemas.fullRow(schema, 0), Map.of("from", "json"))));
        pb.putRecordsByShard(
                PROJECT,
                topic,
                "0",
                List.of(entry(Schemas.otherExtremesRow(schema, 1), Map.of("from", "pb"))));

        for (DatahubClient reader : List.of(json, pb)) {
            List<RecordEntry> read = readAll(reader, PROJECT, topic, "0", schema);
            assertThat(read).hasSize(2);
            assertSameTuple(read.get(0).getRecordData(), Schemas.fullRow(schema, 0));
            assertSameTuple(read.get(1).getRecordData(), Schemas.otherExtremesRow(schema, 1));
            assertThat(read)
                    .extracting(r -> r.getAttributes().get("from"))
                    .containsExactly("json", "pb");
            assertThat(read).extracting(RecordEntry::getSequence).containsExactly(0L, 1L);
        }
    }

    private static List<Long> keys(List<RecordEntry> records) {
        List<Long> keys = new ArrayList<>();
        for (RecordEntry r : records) {
            keys.add((Long) ((TupleRecordData) r.getRecordData()).getField("f_bigint"));
        }
        return keys;
    }
}
