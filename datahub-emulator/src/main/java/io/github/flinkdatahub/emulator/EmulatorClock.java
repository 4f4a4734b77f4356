package io.github.flinkdatahub.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's data clock (system times of records, lifecycle expiry, metering): real time plus
 * an offset that tests can advance to make days pass. Request signatures are always checked
 * against real time.
 */
public final class EmulatorClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    EmulatorClock(Clock base) {
        this.base = base;
    }

    /** Moves the data clock forward. */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
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
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
