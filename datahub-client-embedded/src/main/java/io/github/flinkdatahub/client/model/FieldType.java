package io.github.flinkdatahub.client.model;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.ErrorCode;
import io.github.flinkdatahub.client.exception.InvalidParameterException;
import io.github.flinkdatahub.client.exception.MalformedRecordException;
import io.github.flinkdatahub.client.exception.Validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The ten field types of tuple topics. Each type has one Java value class (see {@link
 * #javaClass()}); {@link #normalize} converts compatible inputs to it and rejects values the
 * service would reject, so a bad value fails on the client with the field named rather than at the
 * server.
 */
@PublicEvolving
public enum FieldType {
    /** 1-byte signed integer, {@link Byte}. */
    TINYINT(Byte.class),
    /** 2-byte signed integer, {@link Short}. */
    SMALLINT(Short.class),
    /** 4-byte signed integer, {@link Integer}. */
    INTEGER(Integer.class),
    /**
     * 8-byte signed integer, {@link Long}. The service documents ±9223372036854775807 but stores
     * and returns -2^63 too (seen in its recorded answers), so the full range is accepted.
     */
    BIGINT(Long.class),
    /** 4-byte IEEE float, {@link Float}. */
    FLOAT(Float.class),
    /** 8-byte IEEE double, {@link Double}. */
    DOUBLE(Double.class),
    /** Decimal with at most 38 integer digits, {@link BigDecimal}; sent as plain text. */
    DECIMAL(BigDecimal.class),
    /** UTF-8 text of at most 2 MB, {@link String}. */
    STRING(String.class),
    /** {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** Microseconds since the epoch, {@link Long}; {@link Instant} values are converted. */
    TIMESTAMP(Long.class);

    /** Largest STRING value the service accepts, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 2 * 1024 * 1024;

    /**
     * TIMESTAMP range accepted by the service: 0001-01-01 .. 9999-12-31T23:59:59 in microseconds.
     */
    public static final long MIN_TIMESTAMP_MICROS = -62135798400000000L;

    public static final long MAX_TIMESTAMP_MICROS = 253402271999000000L;

    private static final BigDecimal DECIMAL_LIMIT = BigDecimal.TEN.pow(38);

    private final Class<?> javaClass;

    FieldType(Class<?> javaClass) {
        this.javaClass = javaClass;
    }

    /** The class of the values of this type held by records. */
    public Class<?> javaClass() {
        return javaClass;
    }

    /** Parses a type name in any case (the service and the SDKs use both). */
    public static FieldType fromName(String name) {
        Validation.notEmpty(name, "field type");
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Validation.invalid(
                    "Unknown field type '"
                            + name
                            + "'; expected one of TINYINT, SMALLINT, INTEGER,"
                            + " BIGINT, FLOAT, DOUBLE, DECIMAL, STRING, BOOLEAN, TIMESTAMP");
        }
    }

    /**
     * Converts {@code value} to this type's Java class, or fails with an {@link
     * InvalidParameterException} naming the field, the value and the accepted range. Null passes
     * through (nullability is the schema's concern).
     */
    public Object normalize(Object value, String fieldName) {
        if (value == null) {
            return null;
        }
        switch (this) {
            case TINYINT:
                return (byte) integral(value, fieldName, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT:
                return (short) integral(value, fieldName, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER:
                return (int) integral(value, fieldName, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT:
                return integral(value, fieldName, Long.MIN_VALUE, Long.MAX_VALUE);
            case TIMESTAMP:
                if (value instanceof Instant) {
                    Instant i = (Instant) value;
                    try {
                        value =
                                Math.addExact(
                                        Math.multiplyExact(i.getEpochSecond(), 1_000_000L),
                                        i.getNano() / 1000);
                    } catch (ArithmeticException e) {
                        throw bad(value, fieldName, "a timestamp between year 1 and 9999");
                    }
                }
                return integral(value, fieldName, MIN_TIMESTAMP_MICROS, MAX_TIMESTAMP_MICROS);
            case FLOAT:
                if (value instanceof Float) {
                    return value;
                }
                if (value instanceof Number
                        && !(value instanceof BigDecimal || value instanceof BigInteger)) {
                    double d = ((Number) value).doubleValue();
                    if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                        throw bad(value, fieldName, "a FLOAT within ±" + Float.MAX_VALUE);
                    }
                    return (float) d;
                }
                throw bad(value, fieldName, "a Float");
            case DOUBLE:
                if (value instanceof Double) {
                    return value;
                }
                if (value instanceof Number
                        && !(value instanceof BigDecimal || value instanceof BigInteger)) {
                    return ((Number) value).doubleValue();
                }
                throw bad(value, fieldName, "a Double");
            case DECIMAL:
                BigDecimal dec;
                if (value instanceof BigDecimal) {
                    dec = (BigDecimal) value;
                } else if (value instanceof BigInteger) {
                    dec = new BigDecimal((BigInteger) value);
                } else if (value instanceof Long
                        || value instanceof Integer
                        || value instanceof Short
                        || value instanceof Byte) {
                    dec = BigDecimal.valueOf(((Number) value).longValue());
                } else if (value instanceof String) {
                    try {
                        dec = new BigDecimal((String) value);
                    } catch (NumberFormatException e) {
                        throw bad(value, fieldName, "a decimal number");
                    }
                } else {
                    throw bad(value, fieldName, "a BigDecimal");
                }
                if (dec.abs().compareTo(DECIMAL_LIMIT) >= 0) {
                    throw bad(
                            value,
                            fieldName,
                            "a DECIMAL with at most 38 integer digits (|value| < 10^38)");
                }
                return dec;
            case STRING:
                if (!(value instanceof String)) {
                    throw bad(value, fieldName, "a String");
                }
                String s = (String) value;
                // Cheap bound first: UTF-8 needs at most 3 bytes per UTF-16 unit.
                if (s.length() * 3L > MAX_STRING_BYTES
                        && s.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                    throw Validation.invalid(
                            "Field '"
                                    + fieldName
                                    + "': STRING value of "
                                    + s.getBytes(StandardCharsets.UTF_8).length
                                    + " UTF-8 bytes exceeds the service limit of "
                                    + MAX_STRING_BYTES
                                    + " bytes");
                }
                return s;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                throw bad(value, fieldName, "a Boolean");
            default:
                throw new IllegalStateException(name());
        }
    }

    /** The text form used by JSON and protobuf records (the service parses and prints these). */
    public String toText(Object normalized) {
        if (normalized == null) {
            return null;
        }
        if (this == DECIMAL) {
            return ((BigDecimal) normalized).toPlainString();
        }
        return normalized.toString();
    }

    /**
     * Parses the text form written by the service or an SDK. Accepts what the SDKs write (e.g.
     * Python's {@code 1.001e+01} for doubles) and fails with a {@link MalformedRecordException}
     * naming the field otherwise.
     */
    public Object fromText(String text, String fieldName) {
        if (text == null) {
            return null;
        }
        try {
            switch (this) {
                case TINYINT:
                    return Byte.parseByte(text.trim());
                case SMALLINT:
                    return Short.parseShort(text.trim());
                case INTEGER:
                    return Integer.parseInt(text.trim());
                case BIGINT:
                case TIMESTAMP:
                    return Long.parseLong(text.trim());
                case FLOAT:
                    float f = Float.parseFloat(text);
                    if (!Float.isInfinite(f) || namesInfinity(text)) {
                        return f;
                    }
                    break;
                case DOUBLE:
                    double d = Double.parseDouble(text);
                    if (!Double.isInfinite(d) || namesInfinity(text)) {
                        return d;
                    }
                    break;
                case DECIMAL:
                    return new BigDecimal(text.trim());
                case STRING:
                    return text;
                case BOOLEAN:
                    String t = text.trim();
                    if (t.equalsIgnoreCase("true") || t.equals("1")) {
                        return Boolean.TRUE;
                    }
                    if (t.equalsIgnoreCase("false") || t.equals("0")) {
                        return Boolean.FALSE;
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw (MalformedRecordException)
                ErrorCode.MALFORMED_RECORD.exception(
                        "Field '"
                                + fieldName
                                + "' of type "
                                + this
                                + " cannot hold the value '"
                                + abbreviate(text)
                                + "'");
    }

    /** A finite number too large for its type overflows to infinity; only "Infinity" is one. */
    private static boolean namesInfinity(String text) {
        return text.contains("Infinity");
    }

    private long integral(Object value, String fieldName, long min, long max) {
        long v;
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
            v = ((BigInteger) value).longValue();
        } else if (value instanceof BigDecimal) {
            try {
                v = ((BigDecimal) value).longValueExact();
            } catch (ArithmeticException e) {
                throw bad(value, fieldName, "an integer in [" + min + ", " + max + "]");
            }
        } else {
            throw bad(value, fieldName, "an integer in [" + min + ", " + max + "]");
        }
        if (v < min || v > max) {
            throw bad(value, fieldName, "an integer in [" + min + ", " + max + "]");
        }
        return v;
    }

    private InvalidParameterException bad(Object value, String fieldName, String expected) {
        return Validation.invalid(
                "Field '"
                        + fieldName
                        + "' of type "
                        + this
                        + " cannot hold "
                        + value.getClass().getSimpleName()
                        + " value '"
                        + abbreviate(String.valueOf(value))
                        + "': expected "
                        + expected);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
