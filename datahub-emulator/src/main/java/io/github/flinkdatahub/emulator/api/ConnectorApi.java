package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;

/** Connectors: create, list, get, update, delete, status, reload, state, offsets, done time. */
public final class ConnectorApi {
    private final EmulatorContext ctx;

    public ConnectorApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse list(String project, String topic, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** POST on {@code .../connectors/{idOrType}}: create (path is the type) or an operational action. */
    public ApiResponse post(String project, String topic, String connector, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** GET: the connector, or its done time with {@code ?donetime}. */
    public ApiResponse get(String project, String topic, String connector, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    public ApiResponse delete(String project, String topic, String connector) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }
}
