package org.tidemq.broker.schedule;

import java.util.Map;

/** Message properties of delayed delivery (facts §9.5), as the RocketMQ clients and brokers spell them. */
public final class ScheduleProperties {
    /** The delay level a producer asks for ({@code Message.setDelayTimeLevel}); 0 or absent = no delay. */
    public static final String DELAY = "DELAY";
    /** Topic a parked message is delivered to. */
    public static final String REAL_TOPIC = "REAL_TOPIC";
    /** Queue a parked message is delivered to. */
    public static final String REAL_QUEUE_ID = "REAL_QID";

    private ScheduleProperties() {
    }

    /** The DELAY level of {@code properties}; 0 when absent, not a number or not positive. */
    public static int delayLevel(Map<String, String> properties) {
        String value = properties.get(DELAY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
