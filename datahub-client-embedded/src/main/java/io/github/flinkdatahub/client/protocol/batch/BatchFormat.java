package io.github.flinkdatahub.client.protocol.batch;

import java.nio.charset.StandardCharsets;

/**
 * Layout constants of batch blobs, version 0 (§3.4 of the protocol reference). All integers
 * little-endian.
 */
final class BatchFormat {
    static final byte[] MAGIC = "DHUB".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 0;

    /** magic, version, length, rawSize, crc32 (4 bytes each), attributes (2), recordCount (4). */
    static final int HEADER_SIZE = 26;

    static final int LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 16;

    /** Set by every known writer; its meaning is undocumented, readers ignore it. */
    static final short ATTRIBUTE_ALWAYS_SET = 0x08;

    static final int COMPRESSION_MASK = 0x03;
    static final int COMPRESSION_NONE = 0;
    static final int COMPRESSION_ZLIB = 1;
    static final int COMPRESSION_LZ4 = 2;

    /** Python's separate code for zlib; the same stream format as 1. */
    static final int COMPRESSION_ZLIB_PYTHON = 3;

    /**
     * encodeType, schemaVersion, totalSize, attrOffset; out-of-line data offsets count from its
     * end.
     */
    static final int RECORD_HEADER_SIZE = 16;

    /** The record header plus the fieldCount slot. */
    static final int RECORD_FIXED_SIZE = RECORD_HEADER_SIZE + 4;

    static final int ENCODE_TYPE = 0;
    static final int BLOB_SCHEMA_VERSION = -1;
    static final int SLOT_SIZE = 8;

    /**
     * Values of up to 7 bytes live in their slot, flagged by the top bit of the slot's last byte.
     */
    static final int MAX_INLINE = 7;

    static final int INLINE_FLAG = 0x80;

    private BatchFormat() {}

    /** The null bitmap is whole 64-bit words. */
    static int bitmapSize(int fieldCount) {
        return (fieldCount + 63) / 64 * 8;
    }

    static int padTo8(int length) {
        return (length + 7) & ~7;
    }
}
