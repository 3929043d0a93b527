package org.tidemq.broker.topic;

/** Names of the per-consumer-group topics ({@code MixAll.getRetryTopic} / {@code getDLQTopic}). */
public final class GroupTopics {
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String DLQ_PREFIX = "%DLQ%";
    /** Queues of a retry or DLQ topic, as RocketMQ creates them. */
    public static final int QUEUE_NUMS = 1;

    private GroupTopics() {
    }

    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    public static String dlqTopic(String group) {
        return DLQ_PREFIX + group;
    }

    public static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    public static boolean isDlqTopic(String topic) {
        return topic.startsWith(DLQ_PREFIX);
    }
}
