package io.github.flinkdatahub.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClient;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;
import io.github.flinkdatahub.emulator.DataHubEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emulator process with a 64 MiB heap answers bodies larger than the service's 4 MiB limit, and
 * a deflate bomb, with the service's error document and goes on serving: the body is read only
 * after the signature is checked, and never past the limit, compressed or inflated.
 */
class RequestLimitsTest {
    private static final String PUT_PATH = "/projects/limits/topics/limits/shards";

    @TempDir Path dir;

    @Test
    void aBoundedHeapEmulatorRefusesOversizedBodiesAndDeflateBombsAndStaysHealthy()
            throws Exception {
        try (EmulatorProcess emulator =
                EmulatorProcess.start(dir, List.of("-Xmx64m"), "--port", "0", "--in-memory")) {
            URI endpoint = URI.create(emulator.awaitReady());

            // Unsigned, 512 MiB declared: refused on its headers, the body never read.
            Answer unsigned = send(endpoint, headers(false, Map.of()), 512L << 20, null);
            assertThat(unsigned.status).isEqualTo(403);
            assertThat(unsigned.errorCode()).isEqualTo("Unauthorized");

            // Signed, 128 MiB really sent (twice the heap): refused at the limit.
            Answer signed = send(endpoint, headers(true, Map.of()), 128L << 20, null);
            assertThat(signed.status).isEqualTo(400);
            assertThat(signed.errorCode()).isEqualTo("InvalidParameter");
            assertThat(signed.errorMessage()).contains("at most 4194304 bytes");

            // 256 MiB of zeros deflated to a few hundred KiB, its true raw size declared.
            byte[] bomb = deflatedZeros(256 << 20);
            Answer inflated =
                    send(
                            endpoint,
                            headers(
                                    true,
                                    Map.of(
                                            "Content-Encoding",
                                            "deflate",
                                            Compression.RAW_SIZE_HEADER,
                                            Integer.toString(256 << 20))),
                            bomb.length,
                            bomb);
            assertThat(inflated.status).isEqualTo(400);
            assertThat(inflated.errorCode()).isEqualTo("InvalidParameter");
            assertThat(inflated.errorMessage()).contains("at most 4194304 bytes");

            // The same bomb without a raw size: refused before inflating.
            Answer undeclared =
                    send(
                            endpoint,
                            headers(true, Map.of("Content-Encoding", "deflate")),
                            bomb.length,
                            bomb);
            assertThat(undeclared.status).isEqualTo(400);
            assertThat(undeclared.errorCode()).isEqualTo("InvalidParameter");
            assertThat(undeclared.errorMessage()).contains(Compression.RAW_SIZE_HEADER);

            try (DataHubClient client = emulator.client(endpoint.toString())) {
                client.createProject("limits", "still serving");
                assertThat(client.listProject().getProjectNames()).contains("limits");
            }
        }
    }

    private static Map<String, List<String>> headers(boolean signed, Map<String, String> extra) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("Content-Type", List.of("application/json"));
        h.put("Date", List.of(RequestSigner.formatDate(ZonedDateTime.now())));
        h.put("x-datahub-client-version", List.of("1.1"));
        extra.forEach((k, v) -> h.put(k, List.of(v)));
        if (signed) {
            h.put(
                    "Authorization",
                    List.of(
                            RequestSigner.authorization(
                                    DataHubEmulator.DEFAULT_ACCESS_ID,
                                    DataHubEmulator.DEFAULT_ACCESS_KEY,
                                    "POST",
                                    PUT_PATH,
                                    h)));
        }
        return h;
    }

    private static byte[] deflatedZeros(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            for (int i = 0; i < bytes / zeros.length; i++) {
                deflate.write(zeros);
            }
        }
        return out.toByteArray();
    }

    /**
     * Sends a POST with {@code contentLength} declared and the body (or that many zeros) written by
     * another thread, which stops quietly when the server drops the connection, and reads the
     * answer.
     */
    private static Answer send(
            URI endpoint, Map<String, List<String>> headers, long contentLength, byte[] body)
            throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(60_000); // a guard against a hang only
            StringBuilder head = new StringBuilder("POST " + PUT_PATH + " HTTP/1.1\r\n");
            head.append("Host: ").append(endpoint.getAuthority()).append("\r\n");
            head.append("Content-Length: ").append(contentLength).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v.get(0)).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    if (body != null) {
                                        out.write(body);
                                    } else {
                                        byte[] chunk = new byte[1 << 20];
                                        for (long sent = 0;
                                                sent < contentLength;
                                                sent += chunk.length) {
                                            out.write(chunk);
                                        }
                                    }
                                    out.flush();
                                } catch (IOException dropped) {
                                    // The server answered and closed without reading it all.
                                }
                            });
            writer.setDaemon(true);
            writer.start();
            return Answer.read(socket.getInputStream());
        }
    }

    private static final class Answer {
        final int status;
        final JsonNode body;

        private Answer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        String errorCode() {
            return Json.text(body, "ErrorCode");
        }

        String errorMessage() {
            return Json.text(body, "ErrorMessage");
        }

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4
                        && h[n - 4] == '\r'
                        && h[n - 3] == '\n'
                        && h[n - 2] == '\r'
                        && h[n - 1] == '\n') {
                    break;
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            return new Answer(status, Json.parse(body));
        }
    }
}
