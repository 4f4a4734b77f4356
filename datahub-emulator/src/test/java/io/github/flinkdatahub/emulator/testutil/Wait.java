package io.github.flinkdatahub.emulator.testutil;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way for an emulator or SDK conformance test to wait (the SDK tests get it from this
 * module's test jar): polls a condition until it holds. The deadline only guards against a hang, so
 * it is generous; no test may rely on something happening sooner.
 */
public final class Wait {
    /** Long enough for any healthy run on a loaded machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final long PAUSE_MILLIS = 20;

    private Wait() {}

    /** Returns once {@code condition} holds; fails naming {@code what} after {@link #TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "Timed out after " + TIMEOUT.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + what, e);
            }
        }
    }
}
