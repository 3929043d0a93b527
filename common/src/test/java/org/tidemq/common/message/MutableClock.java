package org.tidemq.common.message;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests move by hand. */
final class MutableClock extends Clock {
    private final ZoneId zone;
    private volatile long millis;

    MutableClock(Instant start, ZoneId zone) {
        this.millis = start.toEpochMilli();
        this.zone = zone;
    }

    void set(Instant instant) {
        millis = instant.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(Instant.ofEpochMilli(millis), newZone);
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
