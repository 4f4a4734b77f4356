package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * How records travel. Control-plane calls are always JSON.
 *
 * <ul>
 *   <li>{@link #JSON}: records as JSON, for very old services;
 *   <li>{@link #PROTOBUF}: records as framed protobuf (the default of the official SDKs);
 *   <li>{@link #BATCH}: records packed into binary batch blobs, compressed as a whole (LZ4 unless
 *       set otherwise). The most compact; in a batch topic one sequence covers a whole batch.
 * </ul>
 */
@PublicEvolving
public enum WireMode {
    JSON,
    PROTOBUF,
    BATCH
}
