package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.RetryPolicy;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.http.HttpTransport;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Signed requests with bodies our client would refuse to build (too many records, too large,
 * malformed values), sent through the client's own transport. Errors come back as the typed
 * exceptions of the client; nothing is retried.
 */
final class RawRequests implements AutoCloseable {
    private final HttpTransport transport;

    RawRequests(DataHubEmulator emulator) {
        this.transport =
                new HttpTransport(
                        emulator.clientBuilder().retryPolicy(RetryPolicy.none()).buildConfig());
    }

    /** A GET; returns the answer's body as text. */
    String get(String path) {
        return new String(send(DataHubRequest.get(path)), StandardCharsets.UTF_8);
    }

    /** Sends a JSON body; returns the answer's body as text. */
    String json(String method, String path, String body) {
        return new String(
                send(DataHubRequest.json(method, path, body.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
    }

    /**
     * Sends a framed protobuf or batch body ({@code contentType}) with a record action; returns the
     * answer's body.
     */
    byte[] records(String path, String contentType, String action, byte[] body) {
        return send(DataHubRequest.records(path, contentType, action, body));
    }

    private byte[] send(DataHubRequest request) {
        try {
            return transport.send(request).get().body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof DataHubException) {
                throw (DataHubException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
