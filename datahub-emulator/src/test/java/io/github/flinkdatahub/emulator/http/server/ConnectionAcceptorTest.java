package io.github.flinkdatahub.emulator.http.server;

import io.github.flinkdatahub.emulator.testutil.Wait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front-end's connection handling with a stub handler and small limits: the connection cap, the
 * idle timeout, and a close that ends every connection and its thread.
 */
class ConnectionAcceptorTest {
    private static final String GET = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n";

    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /**
     * Answers 200 with the path; "/block" blocks until released or interrupted, as added latency
     * does.
     */
    private final HttpHandler handler =
            new HttpHandler() {
                @Override
                public HttpResponse handle(RequestHead head, RequestBody body)
                        throws InterruptedException {
                    if (head.path().equals("/block")) {
                        blocked.countDown();
                        release.await();
                    }
                    return HttpResponse.builder(200)
                            .body(head.path().getBytes(StandardCharsets.US_ASCII))
                            .build();
                }

                @Override
                public HttpResponse refuse(RefusedRequestException refusal) {
                    return HttpResponse.builder(refusal.status())
                            .body(refusal.reason().name().getBytes(StandardCharsets.US_ASCII))
                            .build();
                }
            };

    private static HttpLimits limits(int maxConnections, Duration idleTimeout) {
        return new HttpLimits(8192, 65536, 200, maxConnections, idleTimeout);
    }

    @Test
    void aConnectionBeyondTheCapWhileEveryOneIsBusyIsAnswered503AndClosed() throws Exception {
        try (ConnectionAcceptor acceptor =
                        new ConnectionAcceptor(
                                "127.0.0.1", 0, limits(1, Duration.ofMinutes(2)), handler);
                Socket busy = connect(acceptor)) {
            acceptor.start();
            busy.getOutputStream().write(ascii("GET /block HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(blocked.await(120, TimeUnit.SECONDS)).isTrue();
            try (Socket second = connect(acceptor)) {
                String refused = readAnswer(second.getInputStream());
                assertThat(refused)
                        .startsWith("HTTP/1.1 503 ")
                        .contains("Connection: close")
                        .endsWith("TOO_MANY_CONNECTIONS");
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            release.countDown();
            assertThat(readAnswer(busy.getInputStream())).endsWith("/block");
            Wait.until(
                    "the first connection waits for its next request",
                    () -> acceptor.idleConnections() == 1);
            assertThat(served(acceptor)).as("a new connection in place of the idle one").isTrue();
        }
    }

    @Test
    void atTheCapTheConnectionIdleLongestIsClosedToServeANewOne() throws Exception {
        try (ConnectionAcceptor acceptor =
                        new ConnectionAcceptor(
                                "127.0.0.1", 0, limits(2, Duration.ofMinutes(2)), handler);
                Socket older = connect(acceptor)) {
            acceptor.start();
            older.getOutputStream().write(ascii(GET));
            assertThat(readAnswer(older.getInputStream())).endsWith("/x");
            // A connection counts as idle from its accept until its first request arrives: the
            // newer one connects only once the older one waits, so the older has waited longest.
            Wait.until("the older connection is idle", () -> acceptor.idleConnections() == 1);
            try (Socket newer = connect(acceptor)) {
                newer.getOutputStream().write(ascii(GET));
                assertThat(readAnswer(newer.getInputStream())).endsWith("/x");
                Wait.until("both connections are idle", () -> acceptor.idleConnections() == 2);

                assertThat(served(acceptor)).as("a third connection at a cap of 2").isTrue();

                assertThat(endOfStream(older))
                        .as("the connection idle longest was closed")
                        .isTrue();
                newer.getOutputStream().write(ascii(GET));
                assertThat(readAnswer(newer.getInputStream()))
                        .as("the newer idle connection still serves")
                        .endsWith("/x");
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (ConnectionAcceptor acceptor =
                        new ConnectionAcceptor(
                                "127.0.0.1", 0, limits(8, Duration.ofMillis(100)), handler);
                Socket idle = connect(acceptor)) {
            acceptor.start();
            idle.getOutputStream().write(ascii(GET));
            assertThat(readAnswer(idle.getInputStream())).startsWith("HTTP/1.1 200 ");
            // Blocks until the server closes the connection (the socket timeout only guards).
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void closeEndsEveryConnectionAndItsThreadAndFreesThePort() throws Exception {
        ConnectionAcceptor acceptor =
                new ConnectionAcceptor("127.0.0.1", 0, limits(8, Duration.ofMinutes(2)), handler);
        int port = acceptor.port();
        String threadPrefix = "datahub-emulator-http-" + port + "-";
        try (Socket waiting = connect(acceptor);
                Socket idle = connect(acceptor)) {
            acceptor.start();
            waiting.getOutputStream().write(ascii("GET /block HTTP/1.1\r\nHost: x\r\n\r\n"));
            idle.getOutputStream().write(ascii(GET));
            assertThat(readAnswer(idle.getInputStream())).startsWith("HTTP/1.1 200 ");
            assertThat(blocked.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(threadsNamed(threadPrefix)).isGreaterThanOrEqualTo(3);

            acceptor.close();

            assertThat(endOfStream(waiting)).as("the waiting request's connection").isTrue();
            assertThat(endOfStream(idle)).as("the idle connection").isTrue();
            Wait.until("every thread has ended", () -> threadsNamed(threadPrefix) == 0);
            try (ServerSocket again = new ServerSocket(port)) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }

    private static boolean served(ConnectionAcceptor acceptor) {
        try (Socket s = connect(acceptor)) {
            s.getOutputStream().write(ascii(GET));
            return readAnswer(s.getInputStream()).startsWith("HTTP/1.1 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(ConnectionAcceptor acceptor) throws IOException {
        Socket s = new Socket("127.0.0.1", acceptor.port());
        s.setSoTimeout(120_000); // a guard against a hang only
        return s;
    }

    private static boolean endOfStream(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    /** Head and body of one answer, read by its Content-Length. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before an answer: " + head);
            }
            head.append((char) b);
        }
        int at = head.indexOf("Content-Length: ") + "Content-Length: ".length();
        int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
        return head + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
