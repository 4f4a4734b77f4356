package io.github.flinkdatahub.client.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.BlobRecord;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.model.CursorType;
import io.github.flinkdatahub.client.model.Record;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.testutil.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded successful answers of the service, mutated (truncated, bytes changed, JSON values
 * removed or of another type), fail every call with a typed {@link DataHubException}, never with a
 * raw runtime exception. The mutations are the same in every run (fixed seed, enumerated paths).
 */
class MutatedResponseBodiesTest extends OperationTestBase {
    private static final long SEED = 16;
    private static final int BYTE_MUTATIONS_PER_BODY = 24;
    private static final String KEY = "80000000000000000000000000000000";
    private static final List<Record> ONE_BLOB =
            List.of(BlobRecord.of("x".getBytes(StandardCharsets.UTF_8)));

    /** One call and the recorded answer it gets. */
    private static final class Case {
        final String fixture;
        final WireMode mode;
        final String contentType;
        final Consumer<DataHubClient> call;

        Case(String fixture, WireMode mode, String contentType, Consumer<DataHubClient> call) {
            this.fixture = fixture;
            this.mode = mode;
            this.contentType = contentType;
            this.call = call;
        }
    }

    private static Case json(String fixture, Consumer<DataHubClient> call) {
        return new Case(fixture, WireMode.JSON, "application/json", call);
    }

    private static final List<Case> CASES =
            List.of(
                    json("projects.json", DataHubClient::listProject),
                    json("projects.success.json", c -> c.getProject("success")),
                    json("projects.success.topics.json", c -> c.listTopic("success")),
                    json("projects.success.topics.tuple.json", c -> c.getTopic("success", "tuple")),
                    json("projects.success.topics.blob.json", c -> c.getTopic("success", "blob")),
                    json(
                            "projects.success.topics.success.shards.json",
                            c -> c.listShard("success", "success")),
                    json(
                            "projects.split.topics.success.shards.json",
                            c -> c.splitShard("split", "success", "0", KEY)),
                    json(
                            "projects.merge.topics.success.shards.json",
                            c -> c.mergeShard("merge", "success", "0", "1")),
                    json(
                            "projects.cursor.topics.success.shards.0.json",
                            c -> c.getCursor("cursor", "success", "0", CursorType.OLDEST, -1)),
                    json(
                            "projects.meter.topics.success.shards.0.json",
                            c -> c.getMeteringInfo("meter", "success", "0")),
                    json(
                            "projects.schema.topics.get.json",
                            c -> c.getTopicSchema("schema", "get", 0)),
                    json(
                            "projects.schema.topics.list.json",
                            c -> c.listTopicSchema("schema", "list", 1, 10)),
                    json(
                            "projects.schema.topics.register.json",
                            c ->
                                    c.registerTopicSchema(
                                            "schema", "register", JsonRecordOperationsTest.SCHEMA)),
                    json(
                            "projects.success.topics.success.connectors.json",
                            c -> c.listConnector("success", "success")),
                    json(
                            "projects.put.topics.success.shards.json",
                            c -> c.putRecords("put", "success", ONE_BLOB)),
                    json(
                            "projects.get.topics.blob.shards.0.json",
                            c -> c.getBlobRecords("get", "blob", "0", "c", 10)),
                    json(
                            "projects.get.topics.tuple.shards.0.json",
                            c ->
                                    c.getTupleRecords(
                                            "get",
                                            "tuple",
                                            "0",
                                            JsonRecordOperationsTest.SCHEMA,
                                            "c",
                                            10)),
                    new Case(
                            "projects.put.topics.success.shards.bin",
                            WireMode.PROTOBUF,
                            "application/x-protobuf",
                            c -> c.putRecords("put", "success", ONE_BLOB)),
                    new Case(
                            "projects.get.topics.blob.shards.0.bin",
                            WireMode.PROTOBUF,
                            "application/x-protobuf",
                            c -> c.getBlobRecords("get", "blob", "0", "c", 10)),
                    new Case(
                            "projects.get.topics.tuple.shards.0.bin",
                            WireMode.PROTOBUF,
                            "application/x-protobuf",
                            c ->
                                    c.getTupleRecords(
                                            "get",
                                            "tuple",
                                            "0",
                                            JsonRecordOperationsTest.SCHEMA,
                                            "c",
                                            10)),
                    new Case(
                            "projects.get.topics.blob_batch.shards.0.bin",
                            WireMode.BATCH,
                            "application/x-binary",
                            c -> c.getBlobRecords("get", "blob_batch", "0", "c", 10)));

    @Test
    void everyMutatedAnswerFailsTypedOrIsRead() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> untyped = new ArrayList<>();
        for (Case c : CASES) {
            byte[] original = Fixtures.bytes(c.fixture);
            List<byte[]> bodies = new ArrayList<>(byteMutations(original, random));
            if (c.mode == WireMode.JSON) {
                bodies.addAll(jsonMutations(original));
            }
            try (DataHubClient client =
                    DataHubClient.builder()
                            .endpoint(server.endpoint())
                            .credentials(ACCESS_ID, ACCESS_KEY)
                            .wireMode(c.mode)
                            .compression(CompressFormat.NONE)
                            .retryPolicy(RetryPolicy.none())
                            .build()) {
                for (byte[] body : bodies) {
                    server.clear();
                    server.respond(200, c.contentType, body);
                    try {
                        c.call.accept(client);
                        outcomes.merge("read", 1, Integer::sum);
                    } catch (DataHubException e) {
                        outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    } catch (RuntimeException e) {
                        untyped.add(
                                c.fixture
                                        + " <- "
                                        + new String(
                                                body,
                                                0,
                                                Math.min(body.length, 120),
                                                StandardCharsets.UTF_8)
                                        + ": "
                                        + e);
                    }
                }
            }
        }
        System.out.println("Mutated answers by outcome: " + outcomes);
        assertThat(untyped).isEmpty();
        assertThat(outcomes.get("CorruptedResponseException"))
                .as("the mutations do reach the decoders")
                .isPositive();
    }

    /** Truncations, flipped bits, changed and deleted bytes at random places. */
    private static List<byte[]> byteMutations(byte[] original, Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < BYTE_MUTATIONS_PER_BODY; i++) {
            byte[] b = original.clone();
            int at = random.nextInt(b.length);
            switch (i % 4) {
                case 0:
                    b = Arrays.copyOf(b, at);
                    break;
                case 1:
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 2:
                    b[at] = (byte) random.nextInt(256);
                    break;
                default:
                    int len = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] cut = new byte[b.length - len];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + len, cut, at, b.length - at - len);
                    b = cut;
                    break;
            }
            out.add(b);
        }
        return out;
    }

    /** Each value of the document in turn removed, or replaced by a value of every other kind. */
    private static List<byte[]> jsonMutations(byte[] original) {
        JsonNode root = Json.parse(original);
        List<JsonNode> replacements =
                List.of(
                        Json.MAPPER.nullNode(),
                        Json.MAPPER.getNodeFactory().textNode("x"),
                        Json.MAPPER.getNodeFactory().numberNode(-1),
                        Json.MAPPER
                                .getNodeFactory()
                                .numberNode(new BigInteger("123456789012345678901234567890")),
                        Json.object(),
                        Json.array());
        List<byte[]> out = new ArrayList<>();
        int paths = countValues(root);
        for (int i = 1; i < paths; i++) {
            out.add(Json.toBytes(mutate(root, i, null)));
            for (JsonNode replacement : replacements) {
                out.add(Json.toBytes(mutate(root, i, replacement)));
            }
        }
        return out;
    }

    private static int countValues(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += countValues(child);
        }
        return n;
    }

    /** A copy with the {@code index}-th value (depth first, root 0) replaced; null removes it. */
    private static JsonNode mutate(JsonNode root, int index, JsonNode replacement) {
        JsonNode copy = root.deepCopy();
        int[] counter = {0};
        visit(copy, index, counter, node -> replacement);
        return copy;
    }

    private static void visit(
            JsonNode node, int index, int[] counter, Function<JsonNode, JsonNode> replace) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (String name : iterable(o)) {
                counter[0]++;
                if (counter[0] == index) {
                    JsonNode r = replace.apply(o.get(name));
                    if (r == null) {
                        o.remove(name);
                    } else {
                        o.set(name, r);
                    }
                    return;
                }
                visit(o.get(name), index, counter, replace);
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                counter[0]++;
                if (counter[0] == index) {
                    JsonNode r = replace.apply(a.get(i));
                    if (r == null) {
                        a.remove(i);
                    } else {
                        a.set(i, r);
                    }
                    return;
                }
                visit(a.get(i), index, counter, replace);
            }
        }
    }

    private static List<String> iterable(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
