package org.tidemq.tools.admin;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The time arguments Apache's tool accepts: {@code now}, epoch milliseconds, or {@code yyyy-MM-dd#HH:mm:ss:SSS}. */
public final class Timestamps {
    private static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'#'HH:mm:ss:SSS");

    private Timestamps() {
    }

    /**
     * Epoch milliseconds of {@code text}; the date form is read in the clock's zone.
     *
     * @throws ToolFailure naming the text when it is none of the accepted forms
     */
    public static long parse(String text, Clock clock) {
        String trimmed = text.trim();
        if ("now".equals(trimmed)) {
            return clock.millis();
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException notMillis) {
            try {
                return LocalDateTime.parse(trimmed, APACHE_TIME).atZone(clock.getZone()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ToolFailure("invalid timestamp '" + trimmed
                        + "': use now, epoch milliseconds or yyyy-MM-dd#HH:mm:ss:SSS");
            }
        }
    }
}
