package io.github.flinkdatahub.emulator.http;

import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.model.FieldType;
import io.github.flinkdatahub.client.model.RecordSchema;
import io.github.flinkdatahub.client.model.TupleRecord;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import io.github.flinkdatahub.emulator.junit.DataHubEmulatorExtension;
import io.github.flinkdatahub.emulator.testutil.TopicContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's own HTTP/1.1 front-end over raw sockets: abuse of the request line, the headers
 * and chunked bodies is answered with the service's error document and the connection closed with
 * the rest unread; well-formed requests keep their connection for the next one.
 */
class HttpFrontEndTest {
    @RegisterExtension
    static final DataHubEmulatorExtension EMULATOR = DataHubEmulatorExtension.builder().build();

    private static final String PROJECT = "front_end";
    private static final String TOPIC = "lines";
    private static final String SHARD_PATH =
            "/projects/" + PROJECT + "/topics/" + TOPIC + "/shards/0";
    private static final RecordSchema SCHEMA =
            RecordSchema.fromLists(List.of("line"), List.of(FieldType.STRING), List.of(true));

    @BeforeAll
    static void createTopic(DataHubClient client) {
        client.createProject(PROJECT, "HTTP front-end");
        client.createTupleTopic(PROJECT, TOPIC, 1, 1, SCHEMA, "");
    }

    @Test
    void aHeaderValueOfOneMebibyteIsRefusedWith431(DataHubEmulator emulator) throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.sendInBackground(
                    RawConnection.head(
                            "GET /projects HTTP/1.1", Map.of("X-Big", "a".repeat(1 << 20))));
            RawConnection.Answer answer = c.read().assertError(431, "InvalidParameter");
            assertThat(answer.errorMessage()).contains("header section is larger than 65536 bytes");
            assertClosed(c, answer);
        }
    }

    @Test
    void fiveHundredHeadersAreRefusedWith431(DataHubEmulator emulator) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            headers.put("X-Header-" + i, "v");
        }
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.sendInBackground(RawConnection.head("GET /projects HTTP/1.1", headers));
            RawConnection.Answer answer = c.read().assertError(431, "InvalidParameter");
            assertThat(answer.errorMessage())
                    .contains("more than 200 header fields")
                    .contains("201 read so far");
            assertClosed(c, answer);
        }
    }

    @Test
    void aRequestLineWithRawNonAsciiBytesIsRefusedWith400(DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.send("GET /projects/caf".getBytes(StandardCharsets.US_ASCII));
            c.send("é HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            RawConnection.Answer answer = c.read().assertError(400, "InvalidUriSpec");
            assertThat(answer.errorMessage()).contains("byte 0xC3 at offset 17");
            assertClosed(c, answer);
        }
    }

    @Test
    void aRequestLineLongerThan8KiBIsRefusedWith414(DataHubEmulator emulator) throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.sendInBackground(
                    RawConnection.head(
                            "GET /projects/" + "p".repeat(9000) + " HTTP/1.1", Map.of()));
            RawConnection.Answer answer = c.read().assertError(414, "InvalidUriSpec");
            assertThat(answer.errorMessage()).contains("longer than 8192 bytes");
            assertClosed(c, answer);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NoColonHere",
                "Name : space before the colon",
                " folded: continuation",
                ": no name",
                "X-Control: a\u0001b",
                "X-Latin: caf\u00e9"
            })
    void aMalformedHeaderLineIsRefusedWith400(String headerLine, DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.send("GET /projects HTTP/1.1\r\nHost: x\r\n" + headerLine + "\r\n\r\n");
            assertClosed(c, c.read().assertError(400, "InvalidParameter"));
        }
    }

    @Test
    void anUnsupportedMethodIs400AndAnUnsupportedVersion505(DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.send("BREW /projects HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Answer answer = c.read().assertError(400, "InvalidUriSpec");
            assertThat(answer.errorMessage()).contains("'BREW'");
            assertClosed(c, answer);
        }
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.send("GET /projects HTTP/2.0\r\nHost: x\r\n\r\n");
            RawConnection.Answer answer = c.read().assertError(505, "InvalidParameter");
            assertThat(answer.errorMessage()).contains("HTTP/2.0");
            assertClosed(c, answer);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedOnceItPassesTheLimit(DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            Map<String, String> headers =
                    RawConnection.signedHeaders("POST", SHARD_PATH, "application/json");
            headers.put("Transfer-Encoding", "chunked");
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(RawConnection.head("POST " + SHARD_PATH + " HTTP/1.1", headers));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 5; i++) {
                request.writeBytes(chunk(chunk));
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.sendInBackground(request.toByteArray());
            RawConnection.Answer answer = c.read().assertError(400, "InvalidParameter");
            assertThat(answer.errorMessage())
                    .contains("chunked request body is longer than 4194304 bytes");
            assertClosed(c, answer);
        }
    }

    @Test
    void aChunkedPutUnderTheLimitIsServedAndItsConnectionKept(
            DataHubEmulator emulator, DataHubClient client) throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            for (String line : List.of("first", "second")) {
                Map<String, String> headers =
                        RawConnection.signedHeaders("POST", SHARD_PATH, "application/json");
                headers.put("Transfer-Encoding", "chunked");
                byte[] json =
                        ("{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"" + line + "\"]}]}")
                                .getBytes(StandardCharsets.UTF_8);
                // Split into three chunks, one with an extension, and a trailer.
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.writeBytes(RawConnection.head("POST " + SHARD_PATH + " HTTP/1.1", headers));
                request.writeBytes(chunk(Arrays.copyOfRange(json, 0, 10)));
                request.writeBytes(
                        (Integer.toHexString(json.length - 20) + ";ext=1\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(Arrays.copyOfRange(json, 10, json.length - 10));
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(chunk(Arrays.copyOfRange(json, json.length - 10, json.length)));
                request.writeBytes("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                c.send(request.toByteArray());
                RawConnection.Answer answer = c.read();
                assertThat(answer.status).as(answer.text()).isEqualTo(200);
                assertThat(answer.closesConnection()).isFalse();
            }
        }
        assertThat(TopicContents.shard(client, PROJECT, TOPIC, "0"))
                .extracting(r -> ((TupleRecord) r).getValue("line"))
                .containsSubsequence("first", "second");
    }

    @Test
    void expect100ContinueGetsContinueBeforeTheBodyOnlyForASignedRequest(DataHubEmulator emulator)
            throws Exception {
        byte[] json =
                "{\"Action\":\"pub\",\"Records\":[{\"Data\":[\"continued\"]}]}"
                        .getBytes(StandardCharsets.UTF_8);
        try (RawConnection c = new RawConnection(emulator.port())) {
            Map<String, String> headers =
                    RawConnection.signedHeaders("POST", SHARD_PATH, "application/json");
            headers.put("Expect", "100-continue");
            headers.put("Content-Length", Integer.toString(json.length));
            c.send(RawConnection.head("POST " + SHARD_PATH + " HTTP/1.1", headers));
            assertThat(c.read().status).isEqualTo(100);
            c.send(json);
            RawConnection.Answer answer = c.read();
            assertThat(answer.status).as(answer.text()).isEqualTo(200);
            assertThat(answer.closesConnection()).isFalse();
        }
        try (RawConnection c = new RawConnection(emulator.port())) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("Expect", "100-continue");
            headers.put("Content-Length", Integer.toString(json.length));
            c.send(RawConnection.head("POST " + SHARD_PATH + " HTTP/1.1", headers));
            // Refused on its headers: no 100, the body is never asked for.
            assertClosed(c, c.read().assertError(403, "Unauthorized"));
        }
    }

    @Test
    void aKeepAliveConnectionServesOneRequestAfterAnother(DataHubEmulator emulator)
            throws Exception {
        Set<String> requestIds = new HashSet<>();
        try (RawConnection c = new RawConnection(emulator.port())) {
            for (int i = 0; i < 3; i++) {
                c.send(
                        RawConnection.head(
                                "GET /projects HTTP/1.1",
                                RawConnection.signedHeaders("GET", "/projects", null)));
                RawConnection.Answer answer = c.read();
                assertThat(answer.status).as(answer.text()).isEqualTo(200);
                assertThat(answer.json().toString()).contains(PROJECT);
                assertThat(answer.closesConnection()).isFalse();
                requestIds.add(answer.header("x-datahub-request-id"));
            }
        }
        assertThat(requestIds).hasSize(3);
    }

    @Test
    void anHttp10RequestIsAnsweredAndItsConnectionClosed(DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            c.send(
                    RawConnection.head(
                            "GET /projects HTTP/1.0",
                            RawConnection.signedHeaders("GET", "/projects", null)));
            RawConnection.Answer answer = c.read();
            assertThat(answer.status).as(answer.text()).isEqualTo(200);
            assertClosed(c, answer);
        }
    }

    @Test
    void aBodyRefusedOnItsDeclaredLengthClosesTheConnectionUnread(DataHubEmulator emulator)
            throws Exception {
        try (RawConnection c = new RawConnection(emulator.port())) {
            Map<String, String> headers =
                    RawConnection.signedHeaders("POST", SHARD_PATH, "application/json");
            headers.put("Content-Length", Integer.toString(5 << 20));
            c.send(RawConnection.head("POST " + SHARD_PATH + " HTTP/1.1", headers));
            // Nothing of the body is sent: the answer cannot wait for it.
            RawConnection.Answer answer = c.read().assertError(400, "InvalidParameter");
            assertThat(answer.errorMessage()).contains("at most 4194304 bytes");
            assertClosed(c, answer);
        }
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(
                (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(data);
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** The answer says the connection closes, and it does: nothing more is read from it. */
    private static void assertClosed(RawConnection c, RawConnection.Answer answer)
            throws Exception {
        assertThat(answer.closesConnection()).as("Connection: close").isTrue();
        assertThat(c.closedByServer()).as("the server closed the connection").isTrue();
    }
}
