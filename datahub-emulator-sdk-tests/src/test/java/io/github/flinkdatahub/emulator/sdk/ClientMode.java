package io.github.flinkdatahub.emulator.sdk;

import com.aliyun.datahub.client.model.CompressType;

/**
 * The ways an SDK user can configure the official client: record wire format and HTTP/blob
 * compression.
 */
enum ClientMode {
    JSON(Wire.JSON, CompressType.NONE),
    JSON_LZ4(Wire.JSON, CompressType.LZ4),
    JSON_DEFLATE(Wire.JSON, CompressType.DEFLATE),
    PROTOBUF(Wire.PROTOBUF, CompressType.NONE),
    PROTOBUF_LZ4(Wire.PROTOBUF, CompressType.LZ4),
    PROTOBUF_DEFLATE(Wire.PROTOBUF, CompressType.DEFLATE),
    /** No compression configured: the SDK's batch client then compresses its blobs with LZ4. */
    BATCH(Wire.BATCH, CompressType.NONE),
    BATCH_DEFLATE(Wire.BATCH, CompressType.DEFLATE),
    /** Batch with the schema registry: record schemas travel as topic schema version ids. */
    BATCH_SCHEMA_REGISTRY(Wire.BATCH_SCHEMA_REGISTRY, CompressType.LZ4);

    enum Wire {
        JSON,
        PROTOBUF,
        BATCH,
        BATCH_SCHEMA_REGISTRY
    }

    final Wire wire;
    final CompressType compress;

    ClientMode(Wire wire, CompressType compress) {
        this.wire = wire;
        this.compress = compress;
    }

    boolean batch() {
        return wire == Wire.BATCH || wire == Wire.BATCH_SCHEMA_REGISTRY;
    }
}
