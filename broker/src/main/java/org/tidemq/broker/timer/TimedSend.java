package org.tidemq.broker.timer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.common.message.MessageProperties;

/**
 * What the send path does with a message that may carry a timer property: nothing (no timer property), deliver it
 * now (deliver time not in the future), park it in {@link TimerProperties#TIMER_TOPIC}, or refuse it with a remark.
 *
 * <p>Rules (RocketMQ 5.x's, except that a deliver time is never rounded down: TideMQ fires at or after it):
 * {@code TIMER_DELAY_SEC} wins over {@code TIMER_DELAY_MS}, which wins over {@code TIMER_DELIVER_MS}; a value that
 * is not a number is refused; a deliver time more than {@code timerMaxDelaySec} ahead is refused naming the limit; a
 * deliver time at or before now is delivered at once; a message with a delay level ignores its timer properties
 * (the level wins, as in RocketMQ). A message carrying {@code TIMER_DEL_UNIQKEY} (a cancellation, as the 5.x
 * client builds it: same topic and deliver time as the timer it cancels) is parked like a timer; without a timer
 * property, with an empty key or with a deliver time not in the future it is refused (RocketMQ refuses the last with
 * WHEEL_TIMER_MSG_ILLEGAL).
 *
 * @param kind       the decision
 * @param deliverMs  the settled deliver time (PARK), else 0
 * @param properties the properties to store with (PARK: parked properties), else the input unchanged
 * @param remark     why it is refused (REFUSE), else null
 */
public record TimedSend(Kind kind, long deliverMs, String properties, String remark) {

    public enum Kind { NOT_TIMED, DELIVER_NOW, PARK, REFUSE_ILLEGAL, REFUSE_DISABLED }

    /**
     * Decides for one message.
     *
     * @param realTopic  the destination topic
     * @param queueId    the destination queue
     * @param encoded    the message's properties as sent
     * @param decoded    the same, decoded (not modified)
     * @param nowMs      the broker's clock
     */
    public static TimedSend decide(String realTopic, int queueId, String encoded, Map<String, String> decoded,
                                   long nowMs, TimerConfig config) {
        String sec = decoded.get(TimerProperties.DELAY_SEC);
        String ms = decoded.get(TimerProperties.DELAY_MS);
        String at = decoded.get(TimerProperties.DELIVER_MS);
        if (sec == null && ms == null && at == null) {
            if (decoded.containsKey(TimerProperties.DEL_UNIQKEY)) {
                return refuse("timer message illegal: a timer cancellation (" + TimerProperties.DEL_UNIQKEY
                        + ") needs the deliver time of the timer it cancels (" + TimerProperties.DELIVER_MS + ")");
            }
            return new TimedSend(Kind.NOT_TIMED, 0, encoded, null);
        }
        if (ScheduleProperties.delayLevel(decoded) > 0 || decoded.containsKey(TimerProperties.OUT_MS)) {
            return new TimedSend(Kind.NOT_TIMED, 0, encoded, null);
        }
        if (!config.timerWheelEnable()) {
            return new TimedSend(Kind.REFUSE_DISABLED, 0, encoded,
                    "accurate timer message is not enabled, timerWheelEnable is false");
        }
        long deliverMs;
        try {
            if (sec != null) {
                deliverMs = Math.addExact(nowMs, Math.multiplyExact(Long.parseLong(sec.trim()), 1000L));
            } else if (ms != null) {
                deliverMs = Math.addExact(nowMs, Long.parseLong(ms.trim()));
            } else {
                deliverMs = Long.parseLong(at.trim());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            String name = sec != null ? TimerProperties.DELAY_SEC
                    : ms != null ? TimerProperties.DELAY_MS : TimerProperties.DELIVER_MS;
            String value = sec != null ? sec : ms != null ? ms : at;
            return refuse("timer message illegal: property " + name + " must be a number of "
                    + (sec != null ? "seconds" : "milliseconds") + ", got '" + value + "'");
        }
        String cancels = decoded.get(TimerProperties.DEL_UNIQKEY);
        if (cancels != null && cancels.isBlank()) {
            return refuse("timer message illegal: " + TimerProperties.DEL_UNIQKEY + " is empty; it must name the"
                    + " UNIQ_KEY of the timer to cancel");
        }
        if (deliverMs <= nowMs) {
            if (cancels != null) {
                return refuse("timer message illegal: cancelling timer " + cancels + " at deliver time " + deliverMs
                        + ", which is not in the future: a timer due by now has fired or is firing");
            }
            return new TimedSend(Kind.DELIVER_NOW, 0, encoded, null);
        }
        if (deliverMs - nowMs > config.timerMaxDelayMs()) {
            return refuse("timer message illegal, the delay time should not be bigger than the max delay "
                    + config.timerMaxDelayMs() + "ms (timerMaxDelaySec=" + config.timerMaxDelaySec()
                    + "); deliver time " + deliverMs + " is " + (deliverMs - nowMs) + "ms ahead");
        }
        Map<String, String> parked = new LinkedHashMap<>(decoded);
        parked.put(TimerProperties.OUT_MS, Long.toString(deliverMs));
        parked.put(ScheduleProperties.REAL_TOPIC, realTopic);
        parked.put(ScheduleProperties.REAL_QUEUE_ID, Integer.toString(queueId));
        return new TimedSend(Kind.PARK, deliverMs, MessageProperties.encode(parked), null);
    }

    private static TimedSend refuse(String remark) {
        return new TimedSend(Kind.REFUSE_ILLEGAL, 0, null, remark);
    }

    /** The parked record's deliver time ({@link TimerProperties#OUT_MS}), or -1 when absent or not a number. */
    public static long parkedDeliverMs(Map<String, String> parkedProperties) {
        String value = parkedProperties.get(TimerProperties.OUT_MS);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
