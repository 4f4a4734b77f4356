package io.github.flinkdatahub.client;

import io.github.flinkdatahub.client.annotation.PublicEvolving;
import io.github.flinkdatahub.client.exception.Validation;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter, applied to retryable failures only (throttling, server
 * busy, 5xx, I/O). Client errors (bad parameter, not found, auth) are never retried. Bounded by a
 * number of retries ({@link #of}) or by the time since a request's first try ({@link #within}).
 */
@PublicEvolving
public final class RetryPolicy {
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /** Longest time from a request's first try to the start of a retry; null: no time bound. */
    private final Duration maxElapsed;

    private RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this(maxRetries, initialBackoff, maxBackoff, null);
    }

    private RetryPolicy(
            int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {
        Validation.check(maxRetries >= 0, "maxRetries must be >= 0, got " + maxRetries);
        Validation.check(
                !initialBackoff.isNegative() && !initialBackoff.isZero(),
                "initialBackoff must be positive");
        Validation.check(
                maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must be >= initialBackoff");
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        Validation.check(
                maxElapsed == null || !maxElapsed.isNegative(), "maxElapsed must not be negative");
        this.maxElapsed = maxElapsed;
    }

    /** 3 retries, 100 ms doubling up to 5 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    public static RetryPolicy of(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(
                maxRetries,
                Validation.notNull(initialBackoff, "initialBackoff"),
                Validation.notNull(maxBackoff, "maxBackoff"));
    }

    /**
     * Retries a request for as long as a retry starts within {@code maxElapsed} of its first try
     * (however many retries that takes); {@link Duration#ZERO} never retries.
     */
    public static RetryPolicy within(
            Duration maxElapsed, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(
                Integer.MAX_VALUE,
                Validation.notNull(initialBackoff, "initialBackoff"),
                Validation.notNull(maxBackoff, "maxBackoff"),
                Validation.notNull(maxElapsed, "maxElapsed"));
    }

    /**
     * Whether retry number {@code retry} (1-based) may run, {@code delayMillis} from now, when
     * {@code elapsedMillis} have passed since the request's first try.
     */
    public boolean allowsRetry(int retry, long elapsedMillis, long delayMillis) {
        if (retry > maxRetries) {
            return false;
        }
        return maxElapsed == null || elapsedMillis + delayMillis <= maxElapsed.toMillis();
    }

    /** The time bound of {@link #within}, or null for a policy bounded by a count only. */
    public Duration getMaxElapsed() {
        return maxElapsed;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /**
     * Delay before retry number {@code retry} (1-based): "equal jitter", i.e. half of the capped
     * exponential delay plus a random part of the other half, so retries spread out but never fire
     * immediately.
     */
    public long backoffMillis(int retry) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long exp = retry >= 31 ? cap : Math.min(cap, base << Math.max(0, retry - 1));
        long half = Math.max(1, exp / 2);
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    @Override
    public String toString() {
        return "RetryPolicy{"
                + (maxElapsed == null ? "maxRetries=" + maxRetries : "maxElapsed=" + maxElapsed)
                + ", initialBackoff="
                + initialBackoff
                + ", maxBackoff="
                + maxBackoff
                + '}';
    }
}
