package io.github.flinkdatahub.emulator.api;

import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.emulator.EmulatorContext;
import io.github.flinkdatahub.emulator.http.ApiRequest;
import io.github.flinkdatahub.emulator.http.ApiResponse;

/** Records: routed puts, puts by shard, cursors and gets, in JSON, protobuf and batch modes. */
public final class RecordApi {
    private final EmulatorContext ctx;

    public RecordApi(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** {@code pub} on {@code .../shards}: records routed by shard id, hash key or partition key. */
    public ApiResponse putRecords(String project, String topic, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** {@code pub} on {@code .../shards/{id}}. */
    public ApiResponse putRecordsByShard(String project, String topic, String shardId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    public ApiResponse getCursor(String project, String topic, String shardId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }

    /** {@code sub} on {@code .../shards/{id}}. */
    public ApiResponse getRecords(String project, String topic, String shardId, ApiRequest request) {
        throw ErrorCode.INVALID_OPERATION.exception("pending");
    }
}
