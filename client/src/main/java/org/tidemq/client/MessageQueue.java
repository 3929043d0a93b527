package org.tidemq.client;

import java.util.Objects;

/**
 * One queue of a topic on one broker name: the unit a producer writes to and a consumer reads from.
 *
 * @param topic      the topic
 * @param brokerName the broker name (master/slave group) hosting the queue
 * @param queueId    the queue's index on that broker, from 0
 */
public record MessageQueue(String topic, String brokerName, int queueId) {
    public MessageQueue {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(brokerName, "brokerName");
        if (queueId < 0) {
            throw new IllegalArgumentException("queueId must not be negative but was " + queueId);
        }
    }

    @Override
    public String toString() {
        return topic + "@" + brokerName + "#" + queueId;
    }
}
