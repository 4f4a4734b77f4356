package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;

/** Shards: list, split, merge, extend, metering. */
public final class ShardApi {
    private final EmulatorContext ctx;

    public ShardApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse list(String project, String topic) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** POST on {@code .../shards} with action split, merge or extend. */
    public ApiResponse post(String project, String topic, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    public ApiResponse meter(String project, String topic, String shardId) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }
}
