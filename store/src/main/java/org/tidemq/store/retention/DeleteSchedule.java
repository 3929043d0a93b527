package org.tidemq.store.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.util.BitSet;

/**
 * The hours of day at which expired files are deleted (RocketMQ's {@code deleteWhen}, e.g. {@code "04"} or
 * {@code "03;04"}), in the clock's time zone as RocketMQ uses local time.
 */
public final class DeleteSchedule {

    private static final int HOURS_PER_DAY = 24;

    private final BitSet hours = new BitSet(HOURS_PER_DAY);
    private final String spec;

    private DeleteSchedule(String spec) {
        this.spec = spec;
    }

    /** @throws IllegalArgumentException naming {@code deleteWhen} and the bad part */
    public static DeleteSchedule parse(String deleteWhen) {
        DeleteSchedule schedule = new DeleteSchedule(deleteWhen);
        for (String part : deleteWhen.split(";")) {
            String hour = part.trim();
            int value;
            try {
                value = Integer.parseInt(hour);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("deleteWhen \"" + deleteWhen + "\": \"" + hour
                        + "\" is not an hour of day", e);
            }
            if (value < 0 || value >= HOURS_PER_DAY) {
                throw new IllegalArgumentException("deleteWhen \"" + deleteWhen + "\": hour " + value
                        + " is not in 0..23");
            }
            schedule.hours.set(value);
        }
        return schedule;
    }

    /** Whether {@code instant} falls in one of the configured hours in {@code zone}. */
    public boolean isDeleteHour(Instant instant, ZoneId zone) {
        return hours.get(instant.atZone(zone).getHour());
    }

    @Override
    public String toString() {
        return spec;
    }
}
