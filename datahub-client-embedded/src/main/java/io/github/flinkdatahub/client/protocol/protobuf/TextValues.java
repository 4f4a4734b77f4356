package io.github.flinkdatahub.client.protocol.protobuf;

import io.github.flinkdatahub.client.model.Field;
import io.github.flinkdatahub.client.model.FieldType;

import java.nio.charset.StandardCharsets;

/**
 * Tuple values in their text form ({@link FieldType#fromText}) read straight from UTF-8 bytes.
 * Plain integers and booleans, the usual case, are read without a String; anything else goes
 * through {@link FieldType#fromText}, so results and errors are exactly its.
 */
final class TextValues {
    /** 18 decimal digits always fit a long. */
    private static final int MAX_FAST_DIGITS = 18;

    private TextValues() {}

    static Object parse(Field field, byte[] data, int start, int end) {
        FieldType type = field.getType();
        switch (type) {
            case STRING:
                return new String(data, start, end - start, StandardCharsets.UTF_8);
            case BIGINT:
            case TIMESTAMP:
                if (isPlainInteger(data, start, end)) {
                    return plainInteger(data, start, end);
                }
                break;
            case INTEGER:
                if (isPlainInteger(data, start, end)) {
                    long v = plainInteger(data, start, end);
                    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                        return (int) v;
                    }
                }
                break;
            case SMALLINT:
                if (isPlainInteger(data, start, end)) {
                    long v = plainInteger(data, start, end);
                    if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                        return (short) v;
                    }
                }
                break;
            case TINYINT:
                if (isPlainInteger(data, start, end)) {
                    long v = plainInteger(data, start, end);
                    if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                        return (byte) v;
                    }
                }
                break;
            case BOOLEAN:
                if (equalsAscii("true", data, start, end)) {
                    return Boolean.TRUE;
                }
                if (equalsAscii("false", data, start, end)) {
                    return Boolean.FALSE;
                }
                break;
            default:
                break;
        }
        return type.fromText(
                new String(data, start, end - start, StandardCharsets.UTF_8), field.getName());
    }

    /** An optional '-' and 1 to 18 ASCII digits, nothing else (no sign '+', no blanks). */
    private static boolean isPlainInteger(byte[] data, int start, int end) {
        int i = start < end && data[start] == '-' ? start + 1 : start;
        int digits = end - i;
        if (digits < 1 || digits > MAX_FAST_DIGITS) {
            return false;
        }
        for (; i < end; i++) {
            if (data[i] < '0' || data[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static long plainInteger(byte[] data, int start, int end) {
        boolean negative = data[start] == '-';
        long v = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            v = v * 10 + (data[i] - '0');
        }
        return negative ? -v : v;
    }

    private static boolean equalsAscii(String s, byte[] data, int start, int end) {
        if (s.length() != end - start) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (data[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
