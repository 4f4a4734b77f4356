package io.github.flinkdatahub.emulator.records;

import io.github.flinkdatahub.client.exception.ErrorCode;

import java.util.Locale;

/**
 * Cursors in the service's apparent layout (protocol reference §7.1): 32 lower-case hex digits,
 * {@code 3} (format version), {@code 000}, the system time of the record in seconds (8 digits), the
 * sequence (16 digits) and a sub-position (4 digits, always 0 here: a batch entry is read whole). A
 * cursor past the last entry carries the time of that entry.
 *
 * <p>Only the sequence is used when a cursor is read back; the SDKs treat cursors as opaque and
 * only compare them for equality.
 */
public final class CursorCodec {
    private static final char VERSION = '3';
    private static final int LENGTH = 32;

    private CursorCodec() {}

    /** The cursor of {@code sequence}; {@code systemTimeMillis} < 0 is written as 0. */
    public static String encode(long sequence, long systemTimeMillis) {
        long seconds = Math.max(0, systemTimeMillis / 1000) & 0xFFFFFFFFL;
        return String.format(Locale.ROOT, "%c000%08x%016x0000", VERSION, seconds, sequence);
    }

    /** The sequence a cursor points at; InvalidCursor when it is not one of ours. */
    public static long decodeSequence(String cursor) {
        if (cursor == null
                || cursor.length() != LENGTH
                || cursor.charAt(0) != VERSION
                || !cursor.startsWith("000", 1)
                || !cursor.endsWith("0000")) {
            throw invalid();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (Character.digit(cursor.charAt(i), 16) < 0) {
                throw invalid();
            }
        }
        long sequence = Long.parseUnsignedLong(cursor.substring(12, 28), 16);
        if (sequence < 0) {
            throw invalid();
        }
        return sequence;
    }

    static RuntimeException invalid() {
        return ErrorCode.INVALID_CURSOR.exception("The cursor is invalid.");
    }
}
