package org.tidemq.broker.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tidemq.broker.config.DelayLevels;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.protocol.TopicNames;

/**
 * Where a message with a delay level is stored instead of its real destination: {@code SCHEDULE_TOPIC_XXXX}, queue
 * {@code level − 1}, with {@code REAL_TOPIC}/{@code REAL_QID} naming the destination and {@code DELAY} holding the
 * level actually used (levels above the configured maximum are clamped to it, as RocketMQ does).
 *
 * @param topic      always {@link TopicNames#SCHEDULE_TOPIC}
 * @param queueId    {@code level − 1}
 * @param level      the clamped level (1-based)
 * @param properties the message's properties plus the schedule properties, encoded
 */
public record ParkedMessage(String topic, int queueId, int level, String properties) {

    /**
     * Parks a message bound for {@code realTopic}/{@code realQueueId} at {@code requestedLevel}.
     *
     * @param properties the message's decoded properties (not modified)
     * @throws IllegalArgumentException when {@code requestedLevel} is not positive
     */
    public static ParkedMessage park(String realTopic, int realQueueId, Map<String, String> properties,
                                     int requestedLevel, DelayLevels levels) {
        if (requestedLevel < 1) {
            throw new IllegalArgumentException("delay level must be >= 1, got " + requestedLevel);
        }
        int level = Math.min(requestedLevel, levels.maxLevel());
        Map<String, String> parked = new LinkedHashMap<>(properties);
        parked.put(ScheduleProperties.DELAY, Integer.toString(level));
        parked.put(ScheduleProperties.REAL_TOPIC, realTopic);
        parked.put(ScheduleProperties.REAL_QUEUE_ID, Integer.toString(realQueueId));
        return new ParkedMessage(TopicNames.SCHEDULE_TOPIC, level - 1, level, MessageProperties.encode(parked));
    }

    /** The level whose schedule queue is {@code queueId}. */
    public static int levelOfQueue(int queueId) {
        return queueId + 1;
    }
}
