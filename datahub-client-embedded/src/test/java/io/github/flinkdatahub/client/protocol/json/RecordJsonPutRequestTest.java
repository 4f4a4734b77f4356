package io.github.flinkdatahub.client.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.RecordType;
import io.github.flinkdatahub.client.model.TupleRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed JSON put body: what the service reads from it, member by member. */
class RecordJsonPutRequestTest {
    private static final RecordSchema SCHEMA =
            RecordSchema.of(
                    new Field("id", FieldType.BIGINT),
                    new Field("text", FieldType.STRING),
                    new Field("amount", FieldType.DECIMAL),
                    new Field("score", FieldType.DOUBLE),
                    new Field("ok", FieldType.BOOLEAN));

    @Test
    void tupleRecordsWithRoutingAttributesEscapesAndNullsReadBackEqual() {
        List<Record> records =
                List.of(
                        TupleRecord.builder(SCHEMA)
                                .values(
                                        1L,
                                        "quote \" back \\ ctrl \u0001 中文 😀",
                                        new BigDecimal("-1.50"),
                                        2.5,
                                        true)
                                .shardId("3")
                                .attribute("ключ", "v \"1\"")
                                .attribute("k2", "")
                                .build(),
                        TupleRecord.builder(SCHEMA)
                                .values(Long.MIN_VALUE, "", null, null, null)
                                .hashKey("0123456789abcdef0123456789ABCDEF")
                                .build(),
                        TupleRecord.builder(SCHEMA).set(0, 7L).partitionKey("user-7").build());

        byte[] body = RecordJson.encodePutRequest(records);
        List<Record> read = RecordJson.readPutRequest(Json.parse(body), RecordType.TUPLE, SCHEMA);

        assertThat(read).isEqualTo(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(read.get(i).getShardId()).isEqualTo(records.get(i).getShardId());
            assertThat(read.get(i).getHashKey()).isEqualTo(records.get(i).getHashKey());
            assertThat(read.get(i).getPartitionKey()).isEqualTo(records.get(i).getPartitionKey());
        }
        JsonNode tree = Json.parse(body);
        assertThat(tree.get("Action").asText()).isEqualTo("pub");
        assertThat(names(tree.get("Records").get(0)))
                .containsExactly("ShardId", "Attributes", "Data");
        assertThat(tree.get("Records").get(1).get("Data").get(2).isNull()).isTrue();
        assertThat(tree.get("Records").get(0).get("Data").get(2).asText()).isEqualTo("-1.50");
    }

    @Test
    void blobDataIsStandardPaddedBase64ForEveryRemainderOfThree() {
        List<Record> records = new ArrayList<>();
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 57, 58, 1024}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 37 + 250);
            }
            records.add(BlobRecord.builder(data).attribute("n", Integer.toString(size)).build());
        }

        JsonNode tree = Json.parse(RecordJson.encodePutRequest(records));

        for (int i = 0; i < records.size(); i++) {
            byte[] data = ((BlobRecord) records.get(i)).getData();
            assertThat(tree.get("Records").get(i).get("Data").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(data));
        }
        assertThat(RecordJson.readPutRequest(tree, RecordType.BLOB, null)).isEqualTo(records);
    }

    @Test
    void anEmptyPutIsAnEmptyRecordsArray() {
        assertThat(
                        new String(
                                RecordJson.encodePutRequest(List.of()),
                                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"Action\":\"pub\",\"Records\":[]}");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
