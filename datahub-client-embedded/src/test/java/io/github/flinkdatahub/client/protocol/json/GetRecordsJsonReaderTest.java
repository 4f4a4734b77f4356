package io.github.flinkdatahub.client.protocol.json;

import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.client.model.result.GetRecordsResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The streamed JSON get reader against the tree reader it replaces on the client: the same result
 * or the same error for canonical answers and for every tolerance of the tree reader.
 */
class GetRecordsJsonReaderTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT),
                    new Field("name", FieldType.STRING),
                    new Field("amount", FieldType.DECIMAL),
                    new Field("ok", FieldType.BOOLEAN));

    @Test
    void canonicalAnswersReadTheSameAsTheTreeReader() {
        List<Record> tuples = new ArrayList<>();
        List<Record> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tuples.add(
                    TupleRecord.builder(SCHEMA)
                            .values(
                                    (long) i,
                                    i == 2 ? null : "n \"é\" 😀 " + i,
                                    new BigDecimal("1.50"),
                                    i % 2 == 0)
                            .attribute("k" + i, "v ✓")
                            .shardId("3")
                            .cursor("c" + i)
                            .nextCursor("c" + (i + 1))
                            .sequence(100 + i)
                            .systemTime(1700000000000L + i)
                            .serial(i == 0 ? -1 : i)
                            .buildUnchecked());
            blobs.add(
                    BlobRecord.builder(("blob " + i).getBytes(StandardCharsets.UTF_8))
                            .cursor("c" + i)
                            .sequence(i)
                            .build());
        }

        sameAsTree(
                Json.toBytes(
                        RecordJson.writeGetResponse(
                                new GetRecordsResult("c5", 5, 100, 104, 1700000000004L, tuples))),
                RecordType.TUPLE);
        sameAsTree(
                Json.toBytes(
                        RecordJson.writeGetResponse(new GetRecordsResult("c5", 5, 0, 4, 9, blobs))),
                RecordType.BLOB);
    }

    @Test
    void everyToleranceOfTheTreeReaderIsKept() {
        List<String> bodies =
                List.of(
                        // numbers as strings, blank, floats, huge, null; unknown nested members
                        "{\"NextCursor\":\"n\",\"RecordCount\":\"2\",\"StartSeq\":\" 7 \",\"LatestSeq\":\"\","
                                + "\"LatestTime\":1.9e3,\"Extra\":{\"a\":[1,{\"b\":null}]},\"Records\":["
                                + "{\"Data\":[\"1\",\"x\",\"2.50\",\"true\"],\"Sequence\":\"12\",\"SystemTime\":null,"
                                + "\"Serial\":99999999999999999999,\"Unknown\":[[]],\"ShardId\":null},"
                                + "{\"Data\":[5,true,1.0,null,\"extra\"],\"Sequence\":3.7,\"Cursor\":12,"
                                + "\"NextCursor\":{\"x\":1},\"HashKey\":\"\",\"PartitionKey\":\"p\","
                                + "\"Attributes\":{\"s\":\"v\",\"n\":1,\"o\":{\"a\":[true]},\"z\":null}}]}",
                        // fewer values, attributes not an object, repeated members (last wins)
                        "{\"Records\":[{\"Data\":[\"1\"],\"Attributes\":[1,2],\"Sequence\":1,"
                                + "\"Sequence\":2,\"Data\":[\"3\",\"y\"]}],\"NextCursor\":\"a\",\"NextCursor\":\"b\"}",
                        "{\"Records\":[{\"Data\":[\"1\"]}],\"Records\":[]}",
                        "{\"Records\":{\"not\":\"an array\"},\"RecordCount\":4}",
                        "{\"Records\":[]}",
                        "{}",
                        "[]",
                        "null",
                        "   ",
                        "");
        for (String body : bodies) {
            sameAsTree(body.getBytes(StandardCharsets.UTF_8), RecordType.TUPLE);
        }
        sameAsTree(
                "{\"Records\":[{\"Data\":\"YWJj\",\"Attributes\":{\"k\":\"v\"}},{\"Data\":\"\"}]}"
                        .getBytes(StandardCharsets.UTF_8),
                RecordType.BLOB);
    }

    @Test
    void badMembersFailWithTheTreeReadersErrors() {
        List<String> tupleBodies =
                List.of(
                        "{\"Records\":[{\"Data\":\"not an array\"}]}",
                        "{\"Records\":[{\"Data\":null}]}",
                        "{\"Records\":[{}]}",
                        "{\"Records\":[7]}",
                        "{\"Records\":[{\"Data\":[\"not a number\"]}]}",
                        "{\"Records\":[{\"Data\":[\"1\"],\"Sequence\":\"twelve\"}]}",
                        "{\"RecordCount\":\"many\",\"Records\":[]}",
                        "{\"Records\":[{\"Data\":[\"1\"],\"ShardId\":\"shard-1\"}]}",
                        "{\"Records\":[{\"Data\":[\"1\"],\"HashKey\":\"xyz\"}]}");
        for (String body : tupleBodies) {
            sameAsTree(body.getBytes(StandardCharsets.UTF_8), RecordType.TUPLE);
        }
        for (String body :
                List.of(
                        "{\"Records\":[{\"Data\":[\"YWJj\"]}]}",
                        "{\"Records\":[{\"Data\":\"!!not base64\"}]}")) {
            sameAsTree(body.getBytes(StandardCharsets.UTF_8), RecordType.BLOB);
        }
    }

    @Test
    void blobDataReadFromTheBodyBytesEqualsTheTreeReadersForEveryBase64Form() {
        byte[] large = new byte[3000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        String largeBase64 = Base64.getEncoder().encodeToString(large);
        List<String> values =
                List.of(
                        "\"YWJj\"",
                        "\"\"",
                        "\"YQ\"",
                        "\"YQ=\"",
                        "\"YQ==\"",
                        "\"YWI\"",
                        "\"YWI=\"",
                        "\"+/+/\"",
                        "\"" + largeBase64 + "\"",
                        // escapes: plain Base64 only once unescaped
                        "\"YW\\/j\"",
                        "\"\\u0059WJj\"",
                        "\"YW\\\"Jj\"",
                        "\"YWJj\\n\"",
                        // not Base64
                        "\"Y\"",
                        "\"YQ===\"",
                        "\"YQ=a\"",
                        "\"YQ==YQ==\"",
                        "\" YWJj\"",
                        "\"YW Jj\"",
                        "\"YWJj\u00e9\"",
                        "\"YW-_\"",
                        "\"!!not base64\"");
        for (String value : values) {
            for (String body :
                    List.of(
                            "{\"Records\":[{\"Data\":" + value + ",\"Sequence\":4}]}",
                            "{ \"Records\" : [ { \"Sequence\" : 4 , \"Data\" :\n"
                                    + value
                                    + " } ] }",
                            "\uFEFF{\"Records\":[{\"Data\":\"AAAA\"},{\"Data\":" + value + "}]}",
                            // repeated members: the last one counts
                            "{\"Records\":[{\"Data\":" + value + ",\"Data\":\"AAAA\"}]}",
                            "{\"Records\":[{\"Data\":\"AAAA\",\"Data\":" + value + "}]}",
                            "{\"Records\":[{\"Data\":[\"x\"],\"Data\":" + value + "}]}")) {
                sameAsTree(body.getBytes(StandardCharsets.UTF_8), RecordType.BLOB);
            }
        }
    }

    @Test
    void invalidJsonIsACorruptedResponse() {
        byte[] body = "{\"Records\":[{\"Data\":[\"1\"]},".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecordJson.decodeGetResponse(body, RecordType.TUPLE, SCHEMA, "0"))
                .isInstanceOf(CorruptedResponseException.class)
                .hasMessageStartingWith("Body is not valid JSON: {\"Records\"");
        assertThat(catchThrowable(() -> Json.parse(body)))
                .isInstanceOf(CorruptedResponseException.class);
    }

    @Test
    void aBadValueIsMalformedAndNamesTheField() {
        byte[] body = "{\"Records\":[{\"Data\":[\"x\"]}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecordJson.decodeGetResponse(body, RecordType.TUPLE, SCHEMA, "0"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("'id'");
    }

    /** The streamed result equals the tree reader's in every member, or both fail alike. */
    private static void sameAsTree(byte[] body, RecordType type) {
        RecordSchema schema = type == RecordType.TUPLE ? SCHEMA : null;
        String label = new String(body, StandardCharsets.UTF_8);
        GetRecordsResult expected;
        try {
            expected = RecordJson.readGetResponse(Json.parse(body), type, schema, "9");
        } catch (RuntimeException e) {
            assertThat(catchThrowable(() -> RecordJson.decodeGetResponse(body, type, schema, "9")))
                    .as(label)
                    .isInstanceOf(e.getClass())
                    .hasMessage(e.getMessage());
            return;
        }
        GetRecordsResult actual = RecordJson.decodeGetResponse(body, type, schema, "9");
        assertThat(describe(actual)).as(label).isEqualTo(describe(expected));
    }

    private static List<Object> describe(GetRecordsResult r) {
        List<Object> out =
                new ArrayList<>(
                        Arrays.asList(
                                r.getNextCursor(),
                                r.getRecordCount(),
                                r.getStartSequence(),
                                r.getLatestSequence(),
                                r.getLatestTime()));
        for (Record rec : r.getRecords()) {
            out.add(
                    Arrays.asList(
                            rec,
                            rec.getAttributes(),
                            rec.getShardId(),
                            rec.getHashKey(),
                            rec.getPartitionKey(),
                            rec.getCursor(),
                            rec.getNextCursor(),
                            rec.getSequence(),
                            rec.getSystemTime(),
                            rec.getSerial()));
        }
        return out;
    }
}
