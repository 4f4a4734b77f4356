package io.github.flinkdatahub.e2e.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Polling with a deadline and a failure message that says where to look. */
public final class Wait {

    /** Something to poll: empty means not yet; a thrown exception is kept as the last cause. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    private Wait() {}

    public static <T> T until(
            String what, Duration timeout, Supplier<String> whereToLook, Probe<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (IllegalStateException e) {
                // A process the probe depends on died, or a statement failed: waiting longer cannot
                // help.
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error =
                        new AssertionError(
                                "timed out after "
                                        + timeout.toSeconds()
                                        + " s waiting for "
                                        + what
                                        + "; see "
                                        + whereToLook.get()
                                        + (last == null ? "" : "; last error: " + last));
                error.initCause(last == null ? new TimeoutException(what) : last);
                throw error;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void untilTrue(
            String what,
            Duration timeout,
            Supplier<String> whereToLook,
            Supplier<Boolean> condition) {
        until(
                what,
                timeout,
                whereToLook,
                () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
