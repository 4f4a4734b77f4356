package io.github.flinkdatahub.client.http;

import io.github.flinkdatahub.client.DataHubClientConfig;
import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.WireMode;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.DataHubClientException;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.model.CompressFormat;
import io.github.flinkdatahub.client.protocol.compression.Compression;
import io.github.flinkdatahub.client.protocol.json.ErrorJson;
import io.github.flinkdatahub.client.protocol.signing.RequestSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends {@link DataHubRequest}s over one pooled, keep-alive {@link HttpClient}: adds the protocol
 * headers, compresses record bodies, signs, decompresses answers, turns error answers into typed
 * exceptions, and retries retryable failures per the {@link RetryPolicy}. {@link #send} runs on the
 * client's threads, so one caller can keep many requests in flight; {@link #execute} does the same
 * work on the calling thread for synchronous calls.
 */
@Internal
public final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    public static final String CLIENT_VERSION_HEADER = "x-datahub-client-version";
    public static final String CLIENT_VERSION = "1.1";
    public static final String ACTION_HEADER = "x-datahub-request-action";
    public static final String REQUEST_ID_HEADER = "x-datahub-request-id";

    static {
        // JDK 11 forbids setting "Date" unless allowed by this property, read once when the JDK's
        // HTTP client classes load; the signature needs the Date header. JDK 12+ allow it anyway.
        if (Runtime.version().feature() < 12) {
            String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders");
            if (allowed == null || !allowed.toLowerCase(java.util.Locale.ROOT).contains("date")) {
                System.setProperty(
                        "jdk.httpclient.allowRestrictedHeaders",
                        allowed == null ? "date" : allowed + ",date");
            }
        }
    }

    private final DataHubClientConfig config;
    private final HttpClient http;
    private final String basePath;

    /** Runs {@link #send}'s blocking sends; threads are reused and end when idle or closed. */
    private final ExecutorService callers = Executors.newCachedThreadPool(new CallerThreads());

    public HttpTransport(DataHubClientConfig config) {
        this.config = config;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.getConnectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        String p = config.getEndpoint().getRawPath();
        this.basePath =
                p == null || p.equals("/")
                        ? ""
                        : (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    }

    /**
     * Sends with retries on a thread of the client's own and decodes the answer there; the future
     * fails with a {@link DataHubException}.
     *
     * <p>Not {@link HttpClient#sendAsync}: the JDK client completes every such future in the common
     * pool, which with fewer than 3 CPUs starts a new thread per request (a profile showed one
     * thread started per call). A blocking send on a reused thread costs one parked thread per
     * request in flight instead.
     */
    public CompletableFuture<DataHubResponse> send(DataHubRequest request) {
        CompletableFuture<DataHubResponse> result = new CompletableFuture<>();
        try {
            callers.execute(
                    () -> {
                        try {
                            result.complete(execute(request));
                        } catch (Throwable t) {
                            result.completeExceptionally(t);
                        }
                    });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(
                    new DataHubClientException("The client is closed: " + request, e, false));
        }
        return result;
    }

    /**
     * Sends with retries on the calling thread and decodes the answer there; throws a {@link
     * DataHubException}.
     */
    public DataHubResponse execute(DataHubRequest request) {
        RetryPolicy policy = config.getRetryPolicy();
        long firstTryNanos = System.nanoTime();
        for (int retry = 0; ; retry++) {
            try {
                return executeOnce(request);
            } catch (DataHubException e) {
                long delay = policy.backoffMillis(retry + 1);
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstTryNanos);
                if (!e.isRetryable() || !policy.allowsRetry(retry + 1, elapsed, delay)) {
                    throw e;
                }
                LOG.warn(
                        "{} failed ({}); retry {} ({}) in {} ms",
                        request,
                        e.getMessage(),
                        retry + 1,
                        policy,
                        delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new DataHubClientException(
                            "Interrupted while waiting to retry " + request, ie, false);
                }
            }
        }
    }

    private DataHubResponse executeOnce(DataHubRequest request) {
        HttpResponse<byte[]> resp;
        try {
            BoundedBodyHandler bodyHandler =
                    BoundedBodyHandler.startingNow(config.getRequestTimeout());
            resp = http.send(toHttpRequest(request), bodyHandler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataHubClientException("Interrupted while waiting for DataHub", e, false);
        } catch (IOException e) {
            throw ioFailure(request, e);
        }
        return toResponse(request, resp);
    }

    /** Adds the protocol headers, compresses the body of record calls and signs. */
    private HttpRequest toHttpRequest(DataHubRequest request) {
        String path = basePath + request.path();
        String pathAndQuery = request.query() == null ? path : path + '?' + request.query();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Date", List.of(RequestSigner.formatDate(ZonedDateTime.now())));
        headers.put(CLIENT_VERSION_HEADER, List.of(CLIENT_VERSION));
        headers.put("User-Agent", List.of(config.getUserAgent()));
        if (request.action() != null) {
            headers.put(ACTION_HEADER, List.of(request.action()));
        }
        byte[] body = request.body();
        if (body != null) {
            headers.put("Content-Type", List.of(request.contentType()));
        }
        // Batch blobs carry their own compression; the HTTP layer stays raw for them.
        CompressFormat compression = config.getCompression();
        boolean httpCompression =
                request.isRecordCall()
                        && compression != CompressFormat.NONE
                        && config.getWireMode() != WireMode.BATCH;
        if (httpCompression) {
            headers.put("Accept-Encoding", List.of(compression.encoding()));
            if (body != null && body.length > 0) {
                byte[] compressed = Compression.compress(compression, body);
                if (compressed.length < body.length) {
                    headers.put("Content-Encoding", List.of(compression.encoding()));
                    headers.put(
                            Compression.RAW_SIZE_HEADER, List.of(Integer.toString(body.length)));
                    body = compressed;
                }
            }
        }
        config.getAccount().sign(request.method(), pathAndQuery, headers);

        HttpRequest.Builder b =
                HttpRequest.newBuilder(resolve(pathAndQuery)).timeout(config.getRequestTimeout());
        headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : WrappedBodyPublisher.of(body);
        b.method(request.method(), publisher);
        return b.build();
    }

    private DataHubResponse toResponse(DataHubRequest request, HttpResponse<byte[]> resp) {
        String requestId = resp.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
        byte[] body = resp.body();
        String encoding = resp.headers().firstValue("Content-Encoding").orElse(null);
        if (encoding != null && body != null && body.length > 0) {
            int rawSize =
                    (int) resp.headers().firstValueAsLong(Compression.RAW_SIZE_HEADER).orElse(-1);
            body = Compression.decodeBody(encoding, body, rawSize);
        }
        if (resp.statusCode() >= 400) {
            throw ErrorJson.read(resp.statusCode(), requestId, body);
        }
        LOG.debug("{} -> {} (request id {})", request, resp.statusCode(), requestId);
        return new DataHubResponse(resp.statusCode(), requestId, body);
    }

    private URI resolve(String pathAndQuery) {
        URI e = config.getEndpoint();
        return URI.create(e.getScheme() + "://" + e.getRawAuthority() + pathAndQuery);
    }

    private static DataHubException ioFailure(DataHubRequest request, IOException cause) {
        // HttpTimeoutException is an IOException: retryable too.
        return new DataHubClientException(request + " failed: " + cause, cause, true);
    }

    @Override
    public void close() {
        callers.shutdown();
        // HttpClient is AutoCloseable from JDK 21 on; before that its idle connections time out.
        if (http instanceof AutoCloseable) {
            try {
                ((AutoCloseable) http).close();
            } catch (Exception e) {
                LOG.debug("Closing the HTTP client failed", e);
            }
        }
    }

    /** Daemon threads named after the client, so they show in thread dumps and never hold a JVM. */
    private static final class CallerThreads implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "datahub-client-call-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
