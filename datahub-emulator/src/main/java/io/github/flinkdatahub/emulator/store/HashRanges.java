package io.github.flinkdatahub.emulator.store;

import java.math.BigInteger;
import java.util.Locale;

/** 128-bit hash keys as the service writes them: 32 upper-case hex digits. */
public final class HashRanges {
    public static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);
    public static final String MAX_KEY = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    private HashRanges() {}

    /** Begin key of shard {@code i} of {@code n} evenly spread shards: floor(i * 2^128 / n). */
    public static String boundary(int i, int n) {
        return format(KEY_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)));
    }

    /** End key of shard {@code i} of {@code n}: the next boundary, or FF..FF for the last shard. */
    public static String end(int i, int n) {
        return i == n - 1 ? MAX_KEY : boundary(i + 1, n);
    }

    public static String format(BigInteger key) {
        return String.format(Locale.ROOT, "%032X", key);
    }

    public static BigInteger parse(String hex) {
        return new BigInteger(hex, 16);
    }
}
