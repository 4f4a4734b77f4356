package io.github.flinkdatahub.emulator.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkdatahub.client.DataHubClientConfig;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.http.DataHubRequest;
import io.github.flinkdatahub.client.http.HttpTransport;
import io.github.flinkdatahub.client.protocol.json.Json;
import io.github.flinkdatahub.emulator.DataHubEmulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/**
 * Signed JSON calls that our client has no method for (consumer groups, the legacy connector list)
 * or that it refuses to send (bodies the SDKs never produce), over the same transport.
 */
public final class RawCalls implements AutoCloseable {
    private final HttpTransport transport;

    public RawCalls(DataHubEmulator emulator) {
        DataHubClientConfig config = emulator.clientBuilder().buildConfig();
        this.transport = new HttpTransport(config);
    }

    public JsonNode post(String path, String json) {
        return send(DataHubRequest.json("POST", path, json.getBytes(StandardCharsets.UTF_8)));
    }

    public JsonNode put(String path, String json) {
        return send(DataHubRequest.json("PUT", path, json.getBytes(StandardCharsets.UTF_8)));
    }

    public String getText(String path, String query) {
        DataHubRequest r = DataHubRequest.get(path);
        return new String(call(query == null ? r : r.withQuery(query)), StandardCharsets.UTF_8);
    }

    private JsonNode send(DataHubRequest request) {
        byte[] body = call(request);
        return body.length == 0 ? Json.object() : Json.parse(body);
    }

    private byte[] call(DataHubRequest request) {
        try {
            return transport.send(request).join().body();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DataHubException) {
                throw (DataHubException) e.getCause();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
