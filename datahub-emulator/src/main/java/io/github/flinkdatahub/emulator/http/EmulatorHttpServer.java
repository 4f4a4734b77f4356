package io.github.flinkdatahub.emulator.http;

import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.json.ErrorJson;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.faults.FaultInjector;
import io.github.flinkdatahub.emulator.http.server.ConnectionAcceptor;
import io.github.flinkdatahub.emulator.http.server.HttpHandler;
import io.github.flinkdatahub.emulator.http.server.HttpLimits;
import io.github.flinkdatahub.emulator.http.server.HttpResponse;
import io.github.flinkdatahub.emulator.http.server.RefusedRequestException;
import io.github.flinkdatahub.emulator.http.server.RequestBody;
import io.github.flinkdatahub.emulator.http.server.RequestHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DataHub side of the emulator's HTTP front-end: checks a request's signature, reads its body
 * (never past the limit, compressed or inflated), lets the fault injector act, dispatches it,
 * commits the store after a change, and answers (or sends the service's error document) with a
 * request id, compressing the answer when the client asked to.
 */
public final class EmulatorHttpServer implements HttpHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorHttpServer.class);
    public static final String ADMIN_PREFIX = "/__emulator";

    /** Largest request body the service takes, compressed or not (4 MiB). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** Longest request line (method, path and query, version). */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;

    /** Largest header section of a request, every line with its CR LF. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    /** Most header fields in a request. */
    public static final int MAX_HEADER_COUNT = 200;

    /**
     * Most connections open at once: each has a thread, and a request waiting out added latency
     * holds its connection's thread, so this also bounds the requests in flight.
     */
    public static final int MAX_CONNECTIONS = 1024;

    /** A connection sending nothing for this long is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final DateTimeFormatter REQUEST_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ConnectionAcceptor acceptor;
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
        HttpLimits limits =
                new HttpLimits(
                        MAX_REQUEST_LINE_BYTES,
                        MAX_HEADER_BYTES,
                        MAX_HEADER_COUNT,
                        MAX_CONNECTIONS,
                        IDLE_TIMEOUT);
        try {
            this.acceptor = new ConnectionAcceptor(host, port, limits, this);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public void start() {
        acceptor.start();
    }

    public int port() {
        return acceptor.port();
    }

    @Override
    public HttpResponse handle(RequestHead head, RequestBody requestBody)
            throws IOException, InterruptedException {
        String requestId = newRequestId();
        String method = head.method();
        String path = head.path();
        String query = head.query();
        String pathAndQuery = query == null ? path : path + '?' + query;
        Map<String, List<String>> headers = head.headers();
        ApiResponse response;
        String acceptEncoding = null;
        try {
            if (path.startsWith(ADMIN_PREFIX)) {
                byte[] body = readBody(requestBody);
                response =
                        admin.handle(
                                null,
                                new ApiRequest(method, path, query, headers, body, requestId));
            } else {
                // The signature covers the headers only: an unsigned request's body is never read.
                authenticator.verify(method, pathAndQuery, headers);
                byte[] body = readBody(requestBody);
                String encoding = head.header("Content-Encoding");
                if (encoding != null && body.length > 0) {
                    body = decompress(encoding, body, head.header(Compression.RAW_SIZE_HEADER));
                }
                acceptEncoding = head.header("Accept-Encoding");
                ApiRequest request = new ApiRequest(method, path, query, headers, body, requestId);
                Route route = Route.parse(path);
                long latency = faults.latencyMillis(route);
                if (latency > 0) {
                    // Waited out on this connection's own thread: other requests have theirs.
                    Thread.sleep(latency);
                }
                response = serve(route, request);
                if (response == null) {
                    return HttpResponse.noAnswer();
                }
            }
        } catch (DataHubException e) {
            response = error(e, requestId);
        } catch (RuntimeException e) {
            response = failure(method + " " + pathAndQuery, e, requestId);
        }
        return toHttp(response, requestId, acceptEncoding);
    }

    /** Applies the other faults and dispatches a request; null to drop the connection. */
    private ApiResponse serve(Route route, ApiRequest request) {
        // After the latency and before anything changes: a faulted request changes nothing.
        if (faults.beforeRequest(route)) {
            LOG.debug("Fault injection: closing the connection of {}", request);
            return null;
        }
        ApiResponse response = dispatcher.handle(route, request);
        if (!"GET".equals(request.method())) {
            commit.run();
        }
        return response;
    }

    /**
     * The service's error document for a request the front-end refused: request-line problems are
     * {@code InvalidUriSpec}, too many connections {@code LimitExceeded} (retryable), the rest
     * {@code InvalidParameter}; the status is the front-end's.
     */
    @Override
    public HttpResponse refuse(RefusedRequestException refusal) {
        ErrorCode code;
        switch (refusal.reason()) {
            case REQUEST_LINE_TOO_LONG:
            case MALFORMED_REQUEST_LINE:
            case UNSUPPORTED_METHOD:
                code = ErrorCode.INVALID_URI_SPEC;
                break;
            case TOO_MANY_CONNECTIONS:
                code = ErrorCode.LIMIT_EXCEEDED;
                break;
            default:
                code = ErrorCode.INVALID_PARAMETER;
                break;
        }
        String requestId = newRequestId();
        ApiResponse document =
                ApiResponse.error(
                        refusal.status(),
                        Json.toBytes(
                                ErrorJson.write(code.code(), refusal.getMessage(), requestId)));
        return toHttp(document, requestId, null);
    }

    private String newRequestId() {
        return REQUEST_ID_TIME.format(clock.instant())
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static ApiResponse failure(String request, Exception e, String requestId) {
        LOG.error("Emulator failed on {}", request, e);
        return error(
                ErrorCode.INTERNAL_SERVER_ERROR.exception("Emulator failure: " + e), requestId);
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES}: a declared longer body is refused unread, a chunked
     * one once it has passed the limit; the front-end then closes the connection with the rest
     * unread, so no request fills the heap.
     */
    private static byte[] readBody(RequestBody body) throws IOException {
        long declared = body.contentLength();
        if (declared >= 0) {
            checkBodySize(declared, "request body");
            byte[] bytes = new byte[(int) declared];
            body.readNBytes(bytes, 0, bytes.length);
            return bytes;
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw ErrorCode.INVALID_PARAMETER.exception(
                    "The chunked request body is longer than "
                            + MAX_BODY_BYTES
                            + " bytes; at most "
                            + MAX_BODY_BYTES
                            + " bytes are allowed.");
        }
        return bytes;
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

    private static HttpResponse toHttp(
            ApiResponse response, String requestId, String acceptEncoding) {
        byte[] body = response.body();
        HttpResponse.Builder http =
                HttpResponse.builder(response.status()).header("x-datahub-request-id", requestId);
        if (response.contentType() != null) {
            http.header("Content-Type", response.contentType());
        }
        CompressFormat format = responseCompression(acceptEncoding);
        if (format != CompressFormat.NONE && body.length > 0 && response.status() < 400) {
            byte[] compressed = Compression.compress(format, body);
            http.header("Content-Encoding", format.encoding())
                    .header(Compression.RAW_SIZE_HEADER, Integer.toString(body.length));
            body = compressed;
        }
        return http.body(body).build();
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

    /** Stops listening and closes every connection, dropping requests still waiting. */
    @Override
    public void close() {
        acceptor.close();
    }
}
