package org.tidemq.broker.timer;

/** Message properties of timed delivery, spelled as RocketMQ 5.x {@code MessageConst} spells them. */
public final class TimerProperties {
    /** Absolute deliver time, epoch ms ({@code Message.setDeliverTimeMs}). */
    public static final String DELIVER_MS = "TIMER_DELIVER_MS";
    /** Delay after the send, seconds ({@code Message.setDelayTimeSec}). */
    public static final String DELAY_SEC = "TIMER_DELAY_SEC";
    /** Delay after the send, ms ({@code Message.setDelayTimeMs}). */
    public static final String DELAY_MS = "TIMER_DELAY_MS";
    /** The deliver time the broker settled on, epoch ms; set on the parked record and kept on delivery. */
    public static final String OUT_MS = "TIMER_OUT_MS";
    /**
     * On a timed message, makes it a cancellation of the pending timer whose UNIQ_KEY this names, in the same topic
     * (RocketMQ 5.x); the cancellation itself is never delivered.
     */
    public static final String DEL_UNIQKEY = "TIMER_DEL_UNIQKEY";
    /** The system topic timed messages wait in (queue 0). */
    public static final String TIMER_TOPIC = "rmq_sys_wheel_timer";
    public static final int TIMER_QUEUE_ID = 0;

    private TimerProperties() {
    }
}
