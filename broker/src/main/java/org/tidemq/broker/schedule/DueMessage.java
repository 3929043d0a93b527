package org.tidemq.broker.schedule;

import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.store.message.MessageToStore;

/**
 * Rebuilds a parked record for its real destination: topic and queue from {@code REAL_TOPIC}/{@code REAL_QID};
 * {@code DELAY} and the {@code REAL_*} properties removed; body (as stored, still compressed if it was), flag,
 * sysFlag, born time and host, reconsume times and all other properties (keys, tags, UNIQ_KEY) kept.
 */
public final class DueMessage {
    private DueMessage() {
    }

    /**
     * The message to append, or {@code null} when the record does not name a usable destination (it was not parked
     * by this broker's rules); the caller skips such records.
     *
     * <p>The returned message's body is a view of {@code parked}'s body: append it before releasing the record.
     */
    public static MessageToStore rebuild(StoredMessage parked) {
        Map<String, String> properties = MessageProperties.decode(parked.properties());
        String realTopic = properties.remove(ScheduleProperties.REAL_TOPIC);
        String realQueueId = properties.remove(ScheduleProperties.REAL_QUEUE_ID);
        properties.remove(ScheduleProperties.DELAY);
        if (realTopic == null || realTopic.isBlank() || realQueueId == null) {
            return null;
        }
        int queueId;
        try {
            queueId = Integer.parseInt(realQueueId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (queueId < 0) {
            return null;
        }
        // Delivery must not wait for a flush: the schedule thread is not a producer waiting for its answer.
        properties.put(MessageProperties.WAIT, "false");
        return new MessageToStore(realTopic, queueId, parked.flag(), parked.sysFlag(), parked.bornTimestamp(),
                parked.bornHost(), parked.storeHost(), parked.reconsumeTimes(), 0,
                MessageProperties.encode(properties), parked.body(), false);
    }
}
