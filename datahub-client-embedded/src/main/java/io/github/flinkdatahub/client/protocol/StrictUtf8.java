package io.github.flinkdatahub.client.protocol;

import io.github.flinkdatahub.client.annotation.Internal;
import io.github.flinkdatahub.client.exception.DataHubException;
import io.github.flinkdatahub.client.exception.ErrorCode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes record strings as the service does: bytes that are not UTF-8 are a malformed record,
 * never replaced by U+FFFD (which would change the value silently).
 */
@Internal
public final class StrictUtf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private StrictUtf8() {}

    /** The text of {@code length} bytes at {@code offset}; {@code what} names the value. */
    public static String decode(byte[] bytes, int offset, int length, String what) {
        String text = decodeOrNull(bytes, offset, length);
        if (text == null) {
            throw malformed(what);
        }
        return text;
    }

    /**
     * As {@link #decode} for a record field's value: the error's text is built only for a value
     * that is not UTF-8, not for every value read.
     */
    public static String decodeField(byte[] bytes, int offset, int length, String fieldName) {
        String text = decodeOrNull(bytes, offset, length);
        if (text == null) {
            throw malformed("Field '" + fieldName + "'");
        }
        return text;
    }

    private static String decodeOrNull(byte[] bytes, int offset, int length) {
        // The JDK's own decoding is intrinsic-fast (the ASCII scan is vectorised) but replaces bad
        // bytes with U+FFFD instead of failing: only text with a U+FFFD, which valid input may hold
        // too, needs the strict decoder's verdict. Text of ASCII or Latin-1 characters answers
        // indexOf without a scan.
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return text.indexOf(REPLACEMENT) < 0 ? text : strictOrNull(bytes, offset, length);
    }

    private static String strictOrNull(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static DataHubException malformed(String what) {
        return ErrorCode.MALFORMED_RECORD.exception(what + " is not valid UTF-8");
    }
}
