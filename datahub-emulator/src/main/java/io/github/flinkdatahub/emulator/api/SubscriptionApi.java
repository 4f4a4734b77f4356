package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;

/** Subscriptions and their offsets (sessions and versions). */
public final class SubscriptionApi {
    private final EmulatorContext ctx;

    public SubscriptionApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** POST on {@code .../subscriptions}: create or list. */
    public ApiResponse post(String project, String topic, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    public ApiResponse get(String project, String topic, String subId) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** PUT: comment or state. */
    public ApiResponse update(String project, String topic, String subId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    public ApiResponse delete(String project, String topic, String subId) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** POST on a subscription: consumer-group calls (joinGroup, heartbeat, syncGroup, leaveGroup). */
    public ApiResponse group(String project, String topic, String subId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** {@code .../offsets}: POST open/get, PUT commit/reset. */
    public ApiResponse offsets(String project, String topic, String subId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }
}
