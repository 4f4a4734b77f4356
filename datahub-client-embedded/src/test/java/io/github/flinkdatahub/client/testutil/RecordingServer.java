package io.github.flinkdatahub.client.testutil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP server that records every request and answers from a queue of canned responses
 * (fixtures), so tests can check what the client puts on the wire and how it reads what the service
 * sends back.
 */
public final class RecordingServer implements AutoCloseable {
    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Canned> responses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    /** Answers wait until this opens; open unless a test holds them back. */
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public RecordingServer() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an answer. */
    public RecordingServer respond(
            int status, String contentType, byte[] body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        responses.add(new Canned(status, headers, body));
        return this;
    }

    public RecordingServer respondJson(int status, String json) {
        return respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public RecordingServer respondFixture(int status, String fixture) {
        String type = fixture.endsWith(".json") ? "application/json" : "application/x-protobuf";
        return respond(status, type, Fixtures.bytes(fixture));
    }

    /**
     * Holds every answer back until {@code requests} requests have arrived, so that they are all in
     * flight together. After {@link #HOLD_LIMIT} the answers go out anyway: a client that waits for
     * each answer before sending the next then fails its test instead of hanging it.
     */
    public void holdAnswersUntil(int requests) {
        this.gate = new CountDownLatch(requests);
    }

    /** How long {@link #holdAnswersUntil} holds a request at most: a guard against hangs only. */
    public static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    /** Largest number of requests that were being handled at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<Recorded> requests() {
        return Collections.unmodifiableList(requests);
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    public void clear() {
        requests.clear();
        responses.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch g = gate;
            g.countDown();
            if (!g.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                gate = new CountDownLatch(0);
            }
            answer(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        Canned c;
        synchronized (this) {
            requests.add(
                    new Recorded(
                            ex.getRequestMethod(),
                            ex.getRequestURI().getRawPath(),
                            ex.getRequestURI().getRawQuery(),
                            headers,
                            body,
                            ex.getRemoteAddress().toString()));
            c = responses.poll();
        }
        if (c == null) {
            c =
                    new Canned(
                            200,
                            Map.of("Content-Type", "application/json"),
                            "{}".getBytes(StandardCharsets.UTF_8));
        }
        c.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("x-datahub-request-id", "req-" + requests.size());
        byte[] out = c.body == null ? new byte[0] : c.body;
        ex.sendResponseHeaders(c.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static final class Canned {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Canned(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    /** One request as received. */
    public static final class Recorded {
        public final String method;
        public final String path;
        public final String query;
        public final Map<String, List<String>> headers;
        public final byte[] body;

        /** The client's address and port: equal ports mean a reused connection. */
        public final String remoteAddress;

        Recorded(
                String method,
                String path,
                String query,
                Map<String, List<String>> headers,
                byte[] body,
                String remoteAddress) {
            this.remoteAddress = remoteAddress;
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }
    }
}
