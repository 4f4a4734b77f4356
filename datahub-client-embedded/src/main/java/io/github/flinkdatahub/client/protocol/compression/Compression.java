package io.github.flinkdatahub.client.protocol.compression;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;
import io.github.flinkdatahub.client.model.CompressFormat;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The service's compression codecs, for HTTP bodies and batch blobs: LZ4 is a raw LZ4 block (no
 * frame, no size prefix, so the raw size travels separately), ZLIB and DEFLATE are both a zlib
 * stream (RFC 1950). Damaged input fails with a {@link CorruptedResponseException}.
 */
@Internal
public final class Compression {
    /** Header carrying the uncompressed body size; LZ4 cannot be decoded without it. */
    public static final String RAW_SIZE_HEADER = "x-datahub-content-raw-size";

    /**
     * An LZ4 block cannot expand more than about 255 times; a larger claimed raw size is a damaged
     * header, and refusing it avoids allocating a huge buffer for it.
     */
    private static final long LZ4_MAX_RATIO = 255;

    /** Deflate cannot expand more than about 1032 times; same reasoning as for LZ4. */
    private static final long ZLIB_MAX_RATIO = 1032;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private Compression() {}

    /** Compresses {@code data}; NONE returns {@code data} itself. */
    public static byte[] compress(CompressFormat format, byte[] data) {
        switch (format) {
            case NONE:
                return data;
            case LZ4:
                return LZ4.fastCompressor().compress(data);
            case ZLIB:
            case DEFLATE:
                return deflate(data);
            default:
                throw new IllegalArgumentException("Unknown compression " + format);
        }
    }

    /**
     * Compresses {@code length} bytes of {@code data} at {@code offset} into a new array that
     * starts with {@code headroom} free bytes (for the caller's header) followed by exactly the
     * compressed bytes. LZ4 compresses into that array directly.
     */
    public static byte[] compress(
            CompressFormat format, byte[] data, int offset, int length, int headroom) {
        byte[] out;
        int size;
        if (format == CompressFormat.LZ4) {
            LZ4Compressor compressor = LZ4.fastCompressor();
            out = new byte[headroom + compressor.maxCompressedLength(length)];
            size = compressor.compress(data, offset, length, out, headroom);
        } else if (format == CompressFormat.NONE) {
            out = new byte[headroom + length];
            System.arraycopy(data, offset, out, headroom, length);
            size = length;
        } else {
            byte[] stored = compress(format, Arrays.copyOfRange(data, offset, offset + length));
            out = new byte[headroom + stored.length];
            System.arraycopy(stored, 0, out, headroom, stored.length);
            size = stored.length;
        }
        return out.length == headroom + size ? out : Arrays.copyOf(out, headroom + size);
    }

    /**
     * Decompresses {@code data} to exactly {@code rawSize} bytes. {@code rawSize} may be negative
     * (unknown) for ZLIB and DEFLATE, never for LZ4. NONE returns {@code data} itself.
     */
    public static byte[] decompress(CompressFormat format, byte[] data, int rawSize) {
        switch (format) {
            case NONE:
                return data;
            case LZ4:
                return lz4Decompress(data, rawSize);
            case ZLIB:
            case DEFLATE:
                return inflate(data, rawSize);
            default:
                throw new IllegalArgumentException("Unknown compression " + format);
        }
    }

    /**
     * As {@link #decompress(CompressFormat, byte[], int)}, for {@code length} bytes at {@code
     * offset}: NONE returns a copy of the range, LZ4 reads it in place.
     */
    public static byte[] decompress(
            CompressFormat format, byte[] data, int offset, int length, int rawSize) {
        if (format == CompressFormat.LZ4) {
            return lz4Decompress(data, offset, length, rawSize);
        }
        return decompress(format, Arrays.copyOfRange(data, offset, offset + length), rawSize);
    }

    /**
     * Decodes an HTTP body by its {@code Content-Encoding} header value (null or empty: not
     * compressed) and its {@value #RAW_SIZE_HEADER} value (negative when the header is absent).
     */
    public static byte[] decodeBody(String contentEncoding, byte[] body, int rawSize) {
        return decompress(formatOfEncoding(contentEncoding), body, rawSize);
    }

    /** The format named by a {@code Content-Encoding} value; NONE for null or empty. */
    public static CompressFormat formatOfEncoding(String contentEncoding) {
        CompressFormat format = CompressFormat.fromEncoding(contentEncoding);
        if (format == null) {
            throw new CorruptedResponseException(
                    "Unsupported Content-Encoding '"
                            + contentEncoding
                            + "': expected lz4, zlib or deflate");
        }
        return format;
    }

    private static byte[] lz4Decompress(byte[] data, int rawSize) {
        return lz4Decompress(data, 0, data.length, rawSize);
    }

    private static byte[] lz4Decompress(byte[] data, int offset, int length, int rawSize) {
        if (rawSize < 0) {
            throw new CorruptedResponseException(
                    "LZ4 data of "
                            + length
                            + " bytes cannot be decoded without its raw size ("
                            + RAW_SIZE_HEADER
                            + ")");
        }
        if (rawSize > LZ4_MAX_RATIO * length + 16) {
            throw new CorruptedResponseException(
                    "LZ4 raw size "
                            + rawSize
                            + " is impossible for "
                            + length
                            + " compressed bytes");
        }
        byte[] out = new byte[rawSize];
        int produced;
        try {
            produced = LZ4.safeDecompressor().decompress(data, offset, length, out, 0, rawSize);
        } catch (LZ4Exception e) {
            throw new CorruptedResponseException(
                    "Damaged LZ4 data ("
                            + length
                            + " bytes, raw size "
                            + rawSize
                            + "): "
                            + e.getMessage(),
                    e);
        }
        if (produced != rawSize) {
            throw new CorruptedResponseException(
                    "LZ4 raw size mismatch: expected " + rawSize + " bytes, actual " + produced);
        }
        return out;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, false);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[Math.max(64, Math.min(data.length + 64, 64 * 1024))];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * Zlib stream, or raw deflate when the zlib header is absent (some writers send that as
     * "deflate").
     */
    private static byte[] inflate(byte[] data, int rawSize) {
        Inflater inflater = new Inflater(!hasZlibHeader(data));
        try {
            inflater.setInput(data);
            if (rawSize > ZLIB_MAX_RATIO * data.length + 64) {
                throw new CorruptedResponseException(
                        "zlib raw size "
                                + rawSize
                                + " is impossible for "
                                + data.length
                                + " compressed bytes");
            }
            // One spare byte when the size is known, so that too much output is noticed.
            byte[] out = new byte[rawSize >= 0 ? rawSize + 1 : Math.max(64, data.length * 4)];
            int produced = 0;
            while (!inflater.finished()) {
                if (produced == out.length) {
                    if (rawSize >= 0) {
                        throw new CorruptedResponseException(
                                "zlib data inflates to more than the expected raw size " + rawSize);
                    }
                    out = Arrays.copyOf(out, Math.max(out.length * 2, 64));
                }
                int n = inflater.inflate(out, produced, out.length - produced);
                produced += n;
                if (n == 0
                        && !inflater.finished()
                        && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new CorruptedResponseException(
                            "zlib data is truncated: "
                                    + data.length
                                    + " bytes end before the stream does");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new CorruptedResponseException(
                        "zlib stream is followed by "
                                + inflater.getRemaining()
                                + " unexpected bytes");
            }
            if (rawSize >= 0 && produced != rawSize) {
                throw new CorruptedResponseException(
                        "zlib raw size mismatch: expected "
                                + rawSize
                                + " bytes, actual "
                                + produced);
            }
            return Arrays.copyOf(out, produced);
        } catch (DataFormatException e) {
            throw new CorruptedResponseException(
                    "Damaged zlib data (" + data.length + " bytes): " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** RFC 1950: method 8 (deflate), window ≤ 32 KiB, and the two header bytes a multiple of 31. */
    private static boolean hasZlibHeader(byte[] data) {
        if (data.length < 2) {
            return false;
        }
        int cmf = data[0] & 0xFF;
        int flg = data[1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }
}
