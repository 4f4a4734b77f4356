package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;

/**
 * Compression of request and response bodies (and of batch blobs). ZLIB and DEFLATE are both the
 * zlib stream format (RFC 1950) on the wire; they differ only in the {@code Content-Encoding} name.
 */
@PublicEvolving
public enum CompressFormat {
    NONE(""),
    LZ4("lz4"),
    ZLIB("zlib"),
    DEFLATE("deflate");

    private final String encoding;

    CompressFormat(String encoding) {
        this.encoding = encoding;
    }

    /** The {@code Content-Encoding} header value; empty for NONE. */
    public String encoding() {
        return encoding;
    }

    /** Maps a {@code Content-Encoding} value back; null when it is none of ours. */
    public static CompressFormat fromEncoding(String encoding) {
        if (encoding == null || encoding.isBlank()) {
            return NONE;
        }
        for (CompressFormat f : values()) {
            if (f != NONE && f.encoding.equalsIgnoreCase(encoding.trim())) {
                return f;
            }
        }
        return null;
    }
}
