package io.github.flinkdatahub.client.protocol.batch;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.protocol.compression.Compression;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.github.flinkdatahub.client.protocol.batch.BatchFormat.*;

/**
 * Sets the schema version and fieldCount slot of the TUPLE records of a batch blob, as the service
 * has them in the blobs it answers with (the Java SDK writes fieldCount 0, and version 0 without a
 * schema registry). For a server that keeps blobs it received.
 */
@Internal
public final class BatchRecordHeaders {
    private BatchRecordHeaders() {}

    /**
     * {@code blob} (already read by {@link BatchDeserializer}) with record {@code i}'s version and
     * field count set to {@code versions[i]} and {@code fieldCounts[i]}; the same array when they
     * already are. The record area is compressed again as it was.
     */
    public static byte[] withShapes(byte[] blob, int[] versions, int[] fieldCounts) {
        ByteBuffer header = ByteBuffer.wrap(blob, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int rawSize = header.getInt(12);
        int compression = header.getShort(20) & COMPRESSION_MASK;
        int recordCount = header.getInt(22);
        byte[] raw =
                Compression.decompress(
                        BatchDeserializer.format(compression),
                        Arrays.copyOfRange(blob, HEADER_SIZE, blob.length),
                        rawSize);
        ByteBuffer area = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        boolean changed = false;
        int pos = 0;
        for (int i = 0; i < recordCount; i++) {
            if (area.getInt(pos + 4) != BLOB_SCHEMA_VERSION
                    && (area.getInt(pos + 4) != versions[i]
                            || area.getInt(pos + RECORD_HEADER_SIZE) != fieldCounts[i])) {
                area.putInt(pos + 4, versions[i]);
                area.putInt(pos + RECORD_HEADER_SIZE, fieldCounts[i]);
                changed = true;
            }
            pos += area.getInt(pos + 8);
        }
        return changed
                ? BatchSerializer.blob(raw, BatchDeserializer.format(compression), recordCount)
                : blob;
    }
}
