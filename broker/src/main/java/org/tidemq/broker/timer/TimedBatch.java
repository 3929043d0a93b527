package org.tidemq.broker.timer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidemq.broker.config.TimerConfig;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.common.message.MessageProperties;

/**
 * What the batch send path does with a SEND_BATCH_MESSAGE whose messages may carry timer properties, each its own:
 * every message is first decided as a single send would be ({@link TimedSend#decide}, same rules and remarks).
 * <ul>
 *   <li>a message refused (too far ahead, not a number, timer cancellation, timers disabled) refuses the whole batch,
 *       the remark naming its position; nothing of the batch is stored;</li>
 *   <li>no message to park: the batch is stored in its topic as it is ({@link Kind#NOT_TIMED});</li>
 *   <li>at least one message to park: the whole batch is parked in {@link TimerProperties#TIMER_TOPIC}, each
 *       message with its own deliver time ({@link Kind#PARK}). A message of such a batch that has no timer or whose
 *       deliver time is not in the future is parked due now ({@code TIMER_OUT_MS} = the broker's clock), so it fires
 *       at the next pass instead of at once: the batch stays one atomic append of consecutive queue offsets.</li>
 * </ul>
 * Stateless and thread-safe.
 *
 * @param kind       the decision
 * @param properties PARK: the parked properties of each message, in batch order; else null
 * @param remark     REFUSE_*: why, naming the message's position; else null
 */
public record TimedBatch(Kind kind, List<String> properties, String remark) {

    public enum Kind { NOT_TIMED, PARK, REFUSE_ILLEGAL, REFUSE_DISABLED }

    /**
     * Decides for a batch.
     *
     * @param realTopic the batch's topic
     * @param queueId   the batch's queue
     * @param encoded   each message's properties as sent, in batch order
     * @param decoded   the same, decoded (not modified)
     * @param nowMs     the broker's clock
     */
    public static TimedBatch decide(String realTopic, int queueId, List<String> encoded,
                                    List<Map<String, String>> decoded, long nowMs, TimerConfig config) {
        if (encoded.size() != decoded.size()) {
            throw new IllegalArgumentException("encoded and decoded properties differ in count: " + encoded.size()
                    + " vs " + decoded.size());
        }
        int count = encoded.size();
        TimedSend[] decisions = new TimedSend[count];
        boolean anyParked = false;
        for (int i = 0; i < count; i++) {
            TimedSend decision = TimedSend.decide(realTopic, queueId, encoded.get(i), decoded.get(i), nowMs, config);
            switch (decision.kind()) {
                case REFUSE_ILLEGAL:
                    return new TimedBatch(Kind.REFUSE_ILLEGAL, null, position(i, count) + decision.remark());
                case REFUSE_DISABLED:
                    return new TimedBatch(Kind.REFUSE_DISABLED, null, position(i, count) + decision.remark());
                case PARK:
                    anyParked = true;
                    break;
                case NOT_TIMED:
                case DELIVER_NOW:
                    break;
                default:
                    return new TimedBatch(Kind.REFUSE_ILLEGAL, null, position(i, count) + "a " + decision.kind()
                            + " timer message cannot be batched");
            }
            decisions[i] = decision;
        }
        if (!anyParked) {
            return new TimedBatch(Kind.NOT_TIMED, null, null);
        }
        List<String> parked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parked.add(decisions[i].kind() == TimedSend.Kind.PARK ? decisions[i].properties()
                    : dueNow(realTopic, queueId, decoded.get(i), nowMs));
        }
        return new TimedBatch(Kind.PARK, List.copyOf(parked), null);
    }

    /** Whether every message of the batch goes to the timer topic. */
    public boolean parks() {
        return kind == Kind.PARK;
    }

    private static String dueNow(String realTopic, int queueId, Map<String, String> decoded, long nowMs) {
        Map<String, String> parked = new LinkedHashMap<>(decoded);
        parked.put(TimerProperties.OUT_MS, Long.toString(nowMs));
        parked.put(ScheduleProperties.REAL_TOPIC, realTopic);
        parked.put(ScheduleProperties.REAL_QUEUE_ID, Integer.toString(queueId));
        return MessageProperties.encode(parked);
    }

    private static String position(int index, int count) {
        return "batch message " + (index + 1) + " of " + count + ": ";
    }
}
