package io.github.flinkdatahub.client.protocol.frame;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;

import java.io.IOException;
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

    /**
     * Frames {@code message}, serialised straight into the framed array: no payload copy, which for
     * a put of 1000 1 KB records saves copying 1 MB.
     */
    public static byte[] encode(MessageLite message) {
        int size = message.getSerializedSize();
        byte[] out = new byte[HEADER_SIZE + size];
        CodedOutputStream cos = CodedOutputStream.newInstance(out, HEADER_SIZE, size);
        try {
            message.writeTo(cos);
        } catch (IOException e) {
            // Writing to an array of exactly the serialised size cannot fail.
            throw new IllegalStateException("Serialising a protobuf message failed", e);
        }
        cos.checkNoSpaceLeft();
        return sealInPlace(out);
    }

    /**
     * Frames the payload that fills {@code framed} from {@link #HEADER_SIZE} on, by writing the
     * header in front of it: for payloads serialised straight into the framed array.
     */
    public static byte[] sealInPlace(byte[] framed) {
        int size = framed.length - HEADER_SIZE;
        ByteBuffer.wrap(framed).put(MAGIC).putInt(crc32c(framed, HEADER_SIZE, size)).putInt(size);
        return framed;
    }

    /** The payload of a frame, after checking magic, length and CRC-32C. */
    public static byte[] decode(byte[] body) {
        return Arrays.copyOfRange(body, HEADER_SIZE, HEADER_SIZE + checkedPayloadLength(body));
    }

    /**
     * Checks magic, length and CRC-32C of a frame and returns the length of its payload, which
     * starts at {@link #HEADER_SIZE}: readers parse it in place instead of copying it out.
     */
    public static int checkedPayloadLength(byte[] body) {
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
        return actualLength;
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
