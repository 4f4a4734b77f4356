package io.github.flinkdatahub.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.json.ErrorJson;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the emulator: reads a request, checks its signature, decompresses it, lets the
 * fault injector act, dispatches it, commits the store after a change, and writes the answer (or
 * the service's error document) with a request id, compressing it when the client asked to.
 */
public final class EmulatorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);
    public static final String ADMIN_PREFIX = "/__emulator";

    /** Largest request body the service takes, compressed or not (4 MiB). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final DateTimeFormatter REQUEST_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    static {
        // The JDK server writes an answer's headers and body separately: without TCP_NODELAY every
        // answer waits for the client's delayed ACK (~40 ms). Read once, when the first server
        // starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * Threads serving requests; a request under added latency (fault rules) holds none while it
     * waits.
     */
    public static final int REQUEST_THREADS =
            Math.max(8, Runtime.getRuntime().availableProcessors() * 4);

    private final HttpServer server;
    private final ExecutorService executor;

    /** Ends the added latency of requests (fault rules) and hands them back to the executor. */
    private final ScheduledExecutorService delays;

    private final RequestAuthenticator authenticator;
    private final RequestHandler dispatcher;
    private final RequestHandler admin;
    private final FaultInjector faults;
    private final Runnable commit;
    private final Clock clock;

    public EmulatorHttpServer(
            String host,
            int port,
            Map<String, String> accounts,
            Clock clock,
            RequestHandler dispatcher,
            RequestHandler admin,
            FaultInjector faults,
            Runnable commit) {
        this.authenticator = new RequestAuthenticator(accounts, clock);
        this.dispatcher = dispatcher;
        this.admin = admin;
        this.faults = faults;
        this.commit = commit;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor =
                Executors.newFixedThreadPool(
                        REQUEST_THREADS,
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "datahub-emulator-http-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.delays =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "datahub-emulator-latency");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        String requestId =
                REQUEST_ID_TIME.format(clock.instant())
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String pathAndQuery = query == null ? path : path + '?' + query;
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        ApiResponse response;
        String acceptEncoding = null;
        try {
            if (path.startsWith(ADMIN_PREFIX)) {
                byte[] body = readBody(ex, headers);
                response =
                        admin.handle(
                                null,
                                new ApiRequest(
                                        ex.getRequestMethod(),
                                        path,
                                        query,
                                        headers,
                                        body,
                                        requestId));
            } else {
                // The signature covers the headers only: an unsigned request's body is never read.
                authenticator.verify(ex.getRequestMethod(), pathAndQuery, headers);
                byte[] body = readBody(ex, headers);
                String encoding = first(headers, "Content-Encoding");
                if (encoding != null && body.length > 0) {
                    String raw = first(headers, Compression.RAW_SIZE_HEADER);
                    body = decompress(encoding, body, raw);
                }
                acceptEncoding = first(headers, "Accept-Encoding");
                ApiRequest request =
                        new ApiRequest(
                                ex.getRequestMethod(), path, query, headers, body, requestId);
                Route route = Route.parse(path);
                long latency = faults.latencyMillis(route);
                if (latency > 0) {
                    // Waited out on the timer, not on this thread: a request thread sleeping
                    // through it would cap the requests in flight at the pool's size.
                    String accepted = acceptEncoding;
                    delays.schedule(
                            () -> serveLater(ex, route, request, accepted),
                            latency,
                            TimeUnit.MILLISECONDS);
                    return;
                }
                serve(ex, route, request, acceptEncoding);
                return;
            }
        } catch (DataHubException e) {
            response = error(e, requestId);
        } catch (RuntimeException | IOException e) {
            response = failure(ex.getRequestMethod() + " " + pathAndQuery, e, requestId);
        }
        write(ex, response, requestId, acceptEncoding);
    }

    private void serveLater(HttpExchange ex, Route route, ApiRequest request, String accept) {
        try {
            executor.execute(() -> serve(ex, route, request, accept));
        } catch (RejectedExecutionException closing) {
            ex.close();
        }
    }

    /** Applies the other faults, dispatches a request and writes its answer. */
    private void serve(HttpExchange ex, Route route, ApiRequest request, String acceptEncoding) {
        String requestId = request.requestId();
        ApiResponse response;
        try {
            // Closing an exchange before its headers are sent drops the TCP connection.
            if (faults.beforeRequest(route)) {
                LOG.debug("Fault injection: closing the connection of {}", request);
                ex.close();
                return;
            }
            response = dispatcher.handle(route, request);
            if (!"GET".equals(ex.getRequestMethod())) {
                commit.run();
            }
        } catch (DataHubException e) {
            response = error(e, requestId);
        } catch (RuntimeException e) {
            response = failure(request.toString(), e, requestId);
        }
        write(ex, response, requestId, acceptEncoding);
    }

    private static ApiResponse failure(String request, Exception e, String requestId) {
        LOG.error("Emulator failed on {}", request, e);
        return error(
                ErrorCode.INTERNAL_SERVER_ERROR.exception("Emulator failure: " + e), requestId);
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES}; a longer body is refused with the rest unread (closing
     * the exchange drains a little of it, then drops the connection), so no request fills the heap.
     */
    private static byte[] readBody(HttpExchange ex, Map<String, List<String>> headers)
            throws IOException {
        String length = first(headers, "Content-Length");
        if (length != null) {
            try {
                checkBodySize(Long.parseLong(length.trim()), "request body");
            } catch (NumberFormatException e) {
                throw ErrorCode.INVALID_PARAMETER.exception(
                        "Invalid Content-Length '" + length + "'");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            checkBodySize(body.length, "request body");
            return body;
        }
    }

    private static void checkBodySize(long bytes, String what) {
        if (bytes > MAX_BODY_BYTES) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The "
                            + what
                            + " is "
                            + bytes
                            + " bytes; at most "
                            + MAX_BODY_BYTES
                            + " bytes are allowed.");
        }
    }

    /**
     * Decompresses to at most {@link #MAX_BODY_BYTES}: the declared raw size is required and
     * checked before anything is inflated, and the output never grows past it.
     */
    private static byte[] decompress(String encoding, byte[] body, String rawSize) {
        if (rawSize == null) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "A compressed request body needs the "
                            + Compression.RAW_SIZE_HEADER
                            + " header (its uncompressed length)");
        }
        try {
            int raw = Integer.parseInt(rawSize.trim());
            if (raw < 0) {
                throw new NumberFormatException("negative");
            }
            checkBodySize(raw, "uncompressed request body");
            return Compression.decodeBody(encoding, body, raw);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Invalid " + Compression.RAW_SIZE_HEADER + " '" + rawSize + "'");
        } catch (DataHubException e) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "Cannot decompress the request body: " + e.getErrorMessage());
        }
    }

    private static ApiResponse error(DataHubException e, String requestId) {
        ErrorCode code = ErrorCode.fromCode(e.getErrorCode());
        int status =
                code != null
                        ? code.httpStatus()
                        : (e.getHttpStatus() >= 400 && e.getHttpStatus() < 600
                                ? e.getHttpStatus()
                                : 500);
        String errorCode =
                e.getErrorCode() != null
                        ? e.getErrorCode()
                        : ErrorCode.INTERNAL_SERVER_ERROR.code();
        return ApiResponse.error(
                status, Json.toBytes(ErrorJson.write(errorCode, e.getErrorMessage(), requestId)));
    }

    private static void write(
            HttpExchange ex, ApiResponse response, String requestId, String acceptEncoding) {
        try {
            byte[] body = response.body();
            ex.getResponseHeaders().set("x-datahub-request-id", requestId);
            if (response.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", response.contentType());
            }
            CompressFormat format = responseCompression(acceptEncoding);
            if (format != CompressFormat.NONE && body.length > 0 && response.status() < 400) {
                byte[] compressed = Compression.compress(format, body);
                ex.getResponseHeaders().set("Content-Encoding", format.encoding());
                ex.getResponseHeaders()
                        .set(Compression.RAW_SIZE_HEADER, Integer.toString(body.length));
                body = compressed;
            }
            ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("Client went away before the answer was written", e);
        } finally {
            ex.close();
        }
    }

    /** Only the encodings of the protocol, and only when asked for by name (never gzip). */
    private static CompressFormat responseCompression(String acceptEncoding) {
        if (acceptEncoding == null) {
            return CompressFormat.NONE;
        }
        for (String token : acceptEncoding.split(",")) {
            CompressFormat f = CompressFormat.fromEncoding(token.trim());
            if (f != null && f != CompressFormat.NONE) {
                return f;
            }
        }
        return CompressFormat.NONE;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
