package io.github.flinkdatahub.client.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.exception.InvalidCursorException;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.LimitExceededException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.ResourceNotFoundException;
import io.github.flinkdatahub.client.exception.ShardSealedException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import io.github.flinkdatahub.client.model.result.PutRecordsResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record calls of a JSON-mode client against recorded service answers. */
class JsonRecordOperationsTest extends OperationTestBase {
    static final RecordSchema SCHEMA =
            RecordSchema.fromLists(
                    List.of(
                            "bigint_field",
                            "string_field",
                            "double_field",
                            "bool_field",
                            "event_time1"),
                    List.of(
                            FieldType.BIGINT,
                            FieldType.STRING,
                            FieldType.DOUBLE,
                            FieldType.BOOLEAN,
                            FieldType.TIMESTAMP));

    @Test
    void putRecordsSendsRoutingAttributesAndTextValues() {
        server.respondFixture(200, "projects.put.topics.success.shards.json");
        TupleRecord r0 =
                TupleRecord.builder(SCHEMA)
                        .values(1L, "yc1", 10.01, true, 1455869335000000L)
                        .attribute("AK", "47")
                        .shardId("0")
                        .build();
        TupleRecord r1 =
                TupleRecord.builder(SCHEMA)
                        .values(2L, null, 1.5, false, 0L)
                        .partitionKey("pk")
                        .build();
        PutRecordsResult result = client.putRecords("put", "success", List.of(r0, r1));
        assertThat(result.getFailedRecordCount()).isZero();
        assertThat(result.getFailedRecords()).isEmpty();
        JsonNode body = json(assertRequest("POST", "/projects/put/topics/success/shards"));
        assertThat(body)
                .isEqualTo(
                        json(
                                "{\"Action\":\"pub\",\"Records\":["
                                        + "{\"ShardId\":\"0\",\"Attributes\":{\"AK\":\"47\"},\"Data\":[\"1\",\"yc1\",\"10.01\",\"true\",\"1455869335000000\"]},"
                                        + "{\"PartitionKey\":\"pk\",\"Data\":[\"2\",null,\"1.5\",\"false\",\"0\"]}]}"));
    }

    @Test
    void putRecordsReportsRefusedRecordsWithTheOriginals() {
        server.respondJson(
                200,
                "{\"FailedRecordCount\":1,\"FailedRecords\":[{\"Index\":1,\"ErrorCode\":\"InvalidShardId\","
                        + "\"ErrorMessage\":\"Invalid shard id\"}]}");
        List<Record> records =
                List.of(
                        BlobRecord.of(new byte[] {1}),
                        BlobRecord.builder(new byte[] {2}).shardId("9").build());
        PutRecordsResult result = client.putRecords("p1", "t1", records);
        assertThat(result.getFailedRecordCount()).isEqualTo(1);
        assertThat(result.getFailedRecords().get(0).getIndex()).isEqualTo(1);
        assertThat(result.getFailedRecords().get(0).getErrorCode()).isEqualTo("InvalidShardId");
        assertThat(result.getFailedRecordList()).containsExactly(records.get(1));
    }

    @Test
    void putErrorsMapToTypedExceptions() {
        List<Record> one = List.of(BlobRecord.of(new byte[] {1}));
        server.respondFixture(400, "projects.put.topics.malformed.shards.json");
        assertThatThrownBy(() -> client.putRecords("put", "malformed", one))
                .isInstanceOf(MalformedRecordException.class)
                .isInstanceOf(InvalidParameterException.class);
        server.respondFixture(400, "projects.put.topics.invalid_state.shards.json");
        assertThatThrownBy(() -> client.putRecords("put", "invalid_state", one))
                .isInstanceOf(ShardSealedException.class);
        for (int i = 0; i < 3; i++) {
            server.respondFixture(429, "projects.put.topics.limit_exceeded.shards.json");
        }
        assertThatThrownBy(() -> client.putRecords("put", "limit_exceeded", one))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("The query rate or throughput rate is exceeded.");
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    void putRecordsByShardPostsToTheShard() {
        client.putRecordsByShard("p1", "t1", "2", List.of(BlobRecord.of("hi".getBytes())));
        JsonNode body = json(assertRequest("POST", "/projects/p1/topics/t1/shards/2"));
        assertThat(body.get("Action").asText()).isEqualTo("pub");
        assertThat(body.get("Records").get(0).get("Data").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("hi".getBytes()));
    }

    @Test
    void getTupleRecordsReadsValuesAttributesAndPositions() {
        server.respondFixture(200, "projects.get.topics.tuple.shards.0.json");
        GetRecordsResult result =
                client.getTupleRecords(
                        "get", "tuple", "0", SCHEMA, "20000000000000000000000000000000", 10);
        assertThat(json(assertRequest("POST", "/projects/get/topics/tuple/shards/0")))
                .isEqualTo(
                        json(
                                "{\"Action\":\"sub\",\"Cursor\":\"20000000000000000000000000000000\",\"Limit\":10}"));
        assertThat(result.getNextCursor()).isEqualTo("20000000000000000000000000830010");
        assertThat(result.getRecordCount()).isEqualTo(1);
        assertThat(result.getStartSequence()).isZero();
        TupleRecord r = (TupleRecord) result.getRecords().get(0);
        assertThat(r.getValues()).containsExactly(1L, "yc1", 10.01, false, 1455869335000000L);
        assertThat(r.getAttributes()).isEqualTo(Map.of("string", "string"));
        assertThat(r.getSequence()).isZero();
        assertThat(r.getSystemTime()).isEqualTo(1526293795168L);
        assertThat(r.getNextCursor()).isEqualTo("20000000000000000000000000830010");
        assertThat(r.getShardId()).isEqualTo("0");
    }

    @Test
    void getBlobRecordsDecodesBase64() {
        server.respondFixture(200, "projects.get.topics.blob.shards.0.json");
        GetRecordsResult result =
                client.getBlobRecords("get", "blob", "0", "20000000000000000000000000000000", 10);
        assertThat(result.getNextCursor()).isEqualTo("20000000000000000000000000140001");
        BlobRecord r = (BlobRecord) result.getRecords().get(0);
        assertThat(r.getData())
                .isEqualTo(
                        Base64.getDecoder()
                                .decode("iVBORw0KGgoAAAANSUhEUgAAB5FrTVeMB4wHjAeMBD3nAgEU"));
        assertThat(r.getSystemTime()).isEqualTo(1526292424292L);
        assertThat(r.getSequence()).isZero();
    }

    @Test
    void getRecordsErrors() {
        server.respondFixture(400, "projects.get.topics.invalid_cursor.shards.0.json");
        assertThatThrownBy(() -> client.getBlobRecords("get", "invalid_cursor", "0", "bad", 10))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessageContaining("The cursor is invalid.");
        server.respondFixture(404, "projects.unexisted.topics.valid.shards.0.json");
        assertThatThrownBy(() -> client.getBlobRecords("unexisted", "valid", "0", "c", 10))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void getLimitIsClampedToTheServiceMaximum() {
        server.respondJson(
                200, "{\"NextCursor\":\"c\",\"RecordCount\":0,\"StartSeq\":-1,\"Records\":[]}");
        GetRecordsResult r = client.getBlobRecords("p1", "t1", "0", "c", 5000);
        assertThat(json(server.lastRequest()).get("Limit").asInt()).isEqualTo(1000);
        assertThat(r.getRecords()).isEmpty();
        assertThat(r.getNextCursor()).isEqualTo("c");
    }

    @Test
    void badPutsAreRejectedBeforeSending() {
        assertThatThrownBy(() -> client.putRecords("p1", "t1", List.of()))
                .hasMessageContaining("must not be empty");
        List<Record> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add(BlobRecord.of(new byte[0]));
        }
        assertThatThrownBy(() -> client.putRecords("p1", "t1", many))
                .hasMessageContaining("at most 10000");
        List<Record> mixed =
                List.of(BlobRecord.of(new byte[0]), TupleRecord.of(SCHEMA, 1L, "a", 1.0, true, 1L));
        assertThatThrownBy(() -> client.putRecords("p1", "t1", mixed))
                .hasMessageContaining("one type");
        byte[] big = new byte[1024 * 1024];
        List<Record> oversize =
                List.of(
                        BlobRecord.of(big),
                        BlobRecord.of(big),
                        BlobRecord.of(big),
                        BlobRecord.of(big));
        assertThatThrownBy(() -> client.putRecordsByShard("p1", "t1", "0", oversize))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("4194304");
        assertThat(server.requests()).isEmpty();
    }
}
