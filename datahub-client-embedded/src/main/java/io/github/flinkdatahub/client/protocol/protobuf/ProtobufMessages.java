package io.github.flinkdatahub.client.protocol.protobuf;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.CorruptedResponseException;

/**
 * Parses protobuf payloads, turning any parse failure into a {@link CorruptedResponseException}.
 */
@Internal
public final class ProtobufMessages {
    private ProtobufMessages() {}

    /**
     * Parses {@code payload} as the message {@code name}. A missing required field fails too, as in
     * the official SDK, so a peer that omits e.g. {@code record_count} is noticed at once.
     */
    public static <T> T parse(Parser<T> parser, byte[] payload, String name) {
        return parse(parser, payload, 0, payload.length, name);
    }

    /** As {@link #parse(Parser, byte[], String)}, for a payload inside a larger array. */
    public static <T> T parse(Parser<T> parser, byte[] data, int offset, int length, String name) {
        try {
            return parser.parseFrom(data, offset, length);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptedResponseException(
                    "Payload of "
                            + length
                            + " bytes is not a valid "
                            + name
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
