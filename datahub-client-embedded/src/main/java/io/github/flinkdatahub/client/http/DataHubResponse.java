package io.github.flinkdatahub.client.http;

import io.github.flinkdatahub.client.annotation.Internal;

/** A successful answer: status, request id and the (decompressed) body. */
@Internal
public final class DataHubResponse {
    private final int status;
    private final String requestId;
    private final byte[] body;

    public DataHubResponse(int status, String requestId, byte[] body) {
        this.status = status;
        this.requestId = requestId;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String requestId() {
        return requestId;
    }

    public byte[] body() {
        return body;
    }
}
