package io.facteur.invoicing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/** A clock set by the test in France's time zone, which may move forward at each reading. */
final class TestClock extends Clock {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final AtomicReference<Instant> now;
    private volatile Duration step = Duration.ZERO;

    TestClock(ZonedDateTime start) {
        now = new AtomicReference<>(start.toInstant());
    }

    void set(ZonedDateTime time) {
        now.set(time.toInstant());
    }

    /** Each reading moves the clock forward by that much. */
    void step(Duration step) {
        this.step = step;
    }

    @Override
    public ZoneId getZone() {
        return PARIS;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        Duration by = step;
        return now.getAndUpdate(t -> t.plus(by));
    }
}
