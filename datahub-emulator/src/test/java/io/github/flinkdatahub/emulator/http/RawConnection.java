package io.github.flinkdatahub.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One TCP connection to an emulator, written byte by byte as a test pleases (clients refuse to send
 * malformed requests), with answers read as they come.
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(120_000); // a guard against a hang only
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** The headers of a request signed with the emulator's default account. */
    static Map<String, String> signedHeaders(String method, String path, String contentType) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (contentType != null) {
            h.put("Content-Type", List.of(contentType));
        }
        h.put("Date", List.of(RequestSigner.formatDate(ZonedDateTime.now())));
        h.put("x-datahub-client-version", List.of("1.1"));
        h.put(
                "Authorization",
                List.of(
                        RequestSigner.authorization(
                                DataHubEmulator.DEFAULT_ACCESS_ID,
                                DataHubEmulator.DEFAULT_ACCESS_KEY,
                                method,
                                path,
                                h)));
        Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.forEach((k, v) -> flat.put(k, v.get(0)));
        return flat;
    }

    /** A request head: the request line, Host, the given headers and the empty line. */
    static byte[] head(String requestLine, Map<String, String> headers) {
        StringBuilder b = new StringBuilder(requestLine).append("\r\n");
        b.append("Host: 127.0.0.1\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends from another thread, which stops quietly when the server closes the connection: a
     * server refusing a request stops reading it, and a write of more than the socket buffers hold
     * would never return.
     */
    void sendInBackground(byte[] bytes) {
        Thread writer =
                new Thread(
                        () -> {
                            try {
                                send(bytes);
                            } catch (IOException closedByServer) {
                                // The server answered and closed without reading it all.
                            }
                        },
                        "raw-connection-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The next answer (an interim 100 Continue included). */
    Answer read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed before an answer: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Answer(status, headers, body);
    }

    /** Whether the server has closed the connection: nothing more comes. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An answer as received. */
    static final class Answer {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Answer(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            return Json.parse(body);
        }

        /**
         * Asserts the service's error document: the status, the JSON content type, the code, a
         * message, and one request id in the header and the body.
         */
        Answer assertError(int expectedStatus, String errorCode) {
            assertThat(status).as("status of %s", text()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).isEqualTo("application/json");
            JsonNode doc = json();
            assertThat(Json.text(doc, "ErrorCode")).as(text()).isEqualTo(errorCode);
            assertThat(Json.text(doc, "ErrorMessage")).isNotBlank();
            assertThat(Json.text(doc, "RequestId"))
                    .isNotBlank()
                    .isEqualTo(header("x-datahub-request-id"));
            return this;
        }

        String errorMessage() {
            return Json.text(json(), "ErrorMessage");
        }

        boolean closesConnection() {
            String c = header("Connection");
            return c != null && c.toLowerCase(Locale.ROOT).equals("close");
        }

        String text() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
