package io.github.flinkdatahub.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The emulator's data clock (system times of records, lifecycle expiry, metering): real time plus
 * an offset that tests can advance to make days pass, and can pause so that only their advances
 * move it. Request signatures are always checked against real time.
 */
public final class EmulatorClock extends Clock {
    private static final long RUNNING = Long.MIN_VALUE;

    private final Clock base;
    // Both guarded by this: a reading must never combine one's old value with the other's new one.
    private long offsetMillis;
    private long pausedAtBaseMillis = RUNNING;

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    EmulatorClock(Clock base) {
        this.base = base;
    }

    /** Moves the data clock forward. */
    public synchronized void advance(Duration by) {
        offsetMillis += by.toMillis();
    }

    /**
     * Stops the data clock where it is: until {@link #resume}, only {@link #advance} moves it. Lets
     * a test assert that something has not happened yet (a shard still opening or too young to
     * split) without racing real time.
     */
    public synchronized void pause() {
        if (pausedAtBaseMillis == RUNNING) {
            pausedAtBaseMillis = base.millis();
        }
    }

    /** Lets the data clock run with real time again, from where it stood (no jump). */
    public synchronized void resume() {
        if (pausedAtBaseMillis != RUNNING) {
            offsetMillis -= base.millis() - pausedAtBaseMillis;
            pausedAtBaseMillis = RUNNING;
        }
    }

    public synchronized boolean isPaused() {
        return pausedAtBaseMillis != RUNNING;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized long millis() {
        return (pausedAtBaseMillis == RUNNING ? base.millis() : pausedAtBaseMillis) + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
