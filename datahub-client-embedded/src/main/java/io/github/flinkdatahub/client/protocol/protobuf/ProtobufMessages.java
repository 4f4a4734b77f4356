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
        try {
            return parser.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptedResponseException(
                    "Payload of "
                            + payload.length
                            + " bytes is not a valid "
                            + name
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
