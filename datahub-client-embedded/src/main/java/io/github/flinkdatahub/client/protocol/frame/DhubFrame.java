package io.github.flinkdatahub.client.protocol.frame;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The frame around every protobuf body of the PROTOBUF and BATCH modes, in both directions: {@code
 * DHUB}, big-endian CRC-32C of the payload, big-endian payload length, payload.
 *
 * <p>Decoding always checks the CRC, also when the field is 0: the Java SDK skips the check then,
 * but PyDatahub does not, so accepting 0 would hide frames that other clients reject.
 */
@Internal
public final class DhubFrame {
    /** Bytes before the payload. */
    public static final int HEADER_SIZE = 12;

    private static final byte[] MAGIC = "DHUB".getBytes(StandardCharsets.US_ASCII);

    private DhubFrame() {}

    /** Frames {@code payload}. */
    public static byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(HEADER_SIZE + payload.length)
                .put(MAGIC)
                .putInt(crc32c(payload, 0, payload.length))
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    /** The payload of a frame, after checking magic, length and CRC-32C. */
    public static byte[] decode(byte[] body) {
        if (body.length < HEADER_SIZE) {
            throw new CorruptedResponseException(
                    "DHUB frame too short: expected at least "
                            + HEADER_SIZE
                            + " header bytes, actual "
                            + body.length
                            + " bytes");
        }
        if (!Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptedResponseException(
                    "DHUB frame has a wrong magic: expected 44485542 (\"DHUB\"), actual "
                            + hex(body, 0, MAGIC.length));
        }
        ByteBuffer header = ByteBuffer.wrap(body, 4, 8);
        int crc = header.getInt();
        int length = header.getInt();
        int actualLength = body.length - HEADER_SIZE;
        if (length != actualLength) {
            throw new CorruptedResponseException(
                    "DHUB frame length mismatch: header says "
                            + Integer.toUnsignedString(length)
                            + " payload bytes, actual "
                            + actualLength);
        }
        int computed = crc32c(body, HEADER_SIZE, actualLength);
        if (crc != computed) {
            throw new CorruptedResponseException(
                    String.format(
                            "DHUB frame CRC-32C mismatch: expected 0x%08X (computed over the %d payload bytes), actual 0x%08X",
                            computed, actualLength, crc));
        }
        return Arrays.copyOfRange(body, HEADER_SIZE, body.length);
    }

    /** CRC-32C (Castagnoli), as used by frames and batch blobs. */
    public static int crc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    private static String hex(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }
}
