package io.github.flinkdatahub.client.protocol.protobuf;

import io.github.flinkdatahub.client.annotation.Internal;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format straight from a byte array: tags, varints, length-delimited ranges and
 * skipping of unknown fields. A truncated or malformed input fails with a {@link
 * MalformedProtobufException}.
 */
@Internal
public final class ProtobufReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private int limit;

    public ProtobufReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.limit = offset + length;
    }

    public byte[] data() {
        return data;
    }

    public int position() {
        return pos;
    }

    public boolean hasMore() {
        return pos < limit;
    }

    /** The next tag (field number and wire type); 0 is not a valid tag. */
    public int readTag() {
        int tag = (int) readVarint();
        if ((tag >>> 3) == 0) {
            throw new MalformedProtobufException(
                    "Protocol message contained an invalid tag (zero).");
        }
        return tag;
    }

    public long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw truncated();
            }
            byte b = data[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new MalformedProtobufException("CodedInputStream encountered a malformed varint.");
    }

    /**
     * Starts a length-delimited field: returns the position its content ends at and leaves the
     * reader at its first byte.
     */
    public int readLengthEnd() {
        int length = (int) readVarint();
        if (length < 0) {
            throw new MalformedProtobufException(
                    "CodedInputStream encountered an embedded string or message which claimed to"
                            + " have negative size.");
        }
        if (length > limit - pos) {
            throw truncated();
        }
        return pos + length;
    }

    /** A length-delimited field as UTF-8 text (proto2 strings replace malformed input). */
    public String readString() {
        int end = readLengthEnd();
        String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end;
        return s;
    }

    /** Reads the content of a nested message up to {@code end}, then restores the outer limit. */
    public int enter(int end) {
        int outer = limit;
        limit = end;
        return outer;
    }

    public void leave(int outerLimit) {
        limit = outerLimit;
    }

    public void skipTo(int end) {
        pos = end;
    }

    /** Skips the value of a field this reader does not know, by its wire type. */
    public void skipField(int tag) {
        switch (tag & 7) {
            case VARINT:
                readVarint();
                break;
            case FIXED64:
                skipBytes(8);
                break;
            case LENGTH_DELIMITED:
                pos = readLengthEnd();
                break;
            case START_GROUP:
                int endTag = ((tag >>> 3) << 3) | END_GROUP;
                while (true) {
                    if (!hasMore()) {
                        throw truncated();
                    }
                    int t = readTag();
                    if (t == endTag) {
                        break;
                    }
                    skipField(t);
                }
                break;
            case FIXED32:
                skipBytes(4);
                break;
            case END_GROUP:
                throw new MalformedProtobufException(
                        "Protocol message end-group tag did not match expected tag.");
            default:
                throw new MalformedProtobufException("Protocol message tag had invalid wire type.");
        }
    }

    private void skipBytes(int n) {
        if (n > limit - pos) {
            throw truncated();
        }
        pos += n;
    }

    private static MalformedProtobufException truncated() {
        return new MalformedProtobufException(
                "While parsing a protocol message, the input ended unexpectedly in the middle of a"
                        + " field.  This could mean either that the input has been truncated or"
                        + " that an embedded message misreported its own length.");
    }

    /** The input is not a valid protobuf message; the caller names the message. */
    @Internal
    public static final class MalformedProtobufException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedProtobufException(String message) {
            super(message, null, false, false);
        }
    }
}
