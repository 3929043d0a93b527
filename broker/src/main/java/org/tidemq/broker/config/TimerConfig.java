package org.tidemq.broker.config;

/**
 * Timed messages (deliver at a time or after a delay, RocketMQ 5.x properties {@code TIMER_DELIVER_MS},
 * {@code TIMER_DELAY_SEC}, {@code TIMER_DELAY_MS}); keys named as RocketMQ's {@code MessageStoreConfig}.
 *
 * @param timerWheelEnable  accept timed messages; when false they are refused with SYSTEM_ERROR as RocketMQ does
 * @param timerMaxDelaySec  the furthest a deliver time may lie ahead of the send; further is refused
 * @param timerPrecisionMs  width of one slot of the persistent wheel; firing itself is to the millisecond
 */
public record TimerConfig(boolean timerWheelEnable, long timerMaxDelaySec, int timerPrecisionMs) {
    public static final long DEFAULT_MAX_DELAY_SEC = 7L * 24 * 3600;
    public static final int DEFAULT_PRECISION_MS = 1_000;
    /** Keeps the wheel file (two laps of slots of 24 bytes) within a few hundred MiB. */
    public static final long MAX_SLOTS_PER_LAP = 8_000_000;

    public TimerConfig {
        Checks.positive("timerMaxDelaySec", timerMaxDelaySec);
        Checks.range("timerPrecisionMs", timerPrecisionMs, 10, 60_000);
        long slots = timerMaxDelaySec > MAX_SLOTS_PER_LAP * 60L ? Long.MAX_VALUE
                : timerMaxDelaySec * 1000 / timerPrecisionMs;
        if (slots > MAX_SLOTS_PER_LAP) {
            throw new BrokerConfigException("timerMaxDelaySec " + timerMaxDelaySec + " with timerPrecisionMs "
                    + timerPrecisionMs + " needs " + slots + " wheel slots, more than " + MAX_SLOTS_PER_LAP
                    + ": raise timerPrecisionMs or lower timerMaxDelaySec");
        }
    }

    public static TimerConfig defaults() {
        return new TimerConfig(true, DEFAULT_MAX_DELAY_SEC, DEFAULT_PRECISION_MS);
    }

    public long timerMaxDelayMs() {
        return timerMaxDelaySec * 1000;
    }
}
