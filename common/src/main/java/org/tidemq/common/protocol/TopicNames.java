package org.tidemq.common.protocol;

import java.util.Set;

/** Topic name rules and the stock system topic names ({@code TopicValidator}). */
public final class TopicNames {
    public static final int MAX_LENGTH = 127;

    public static final String AUTO_CREATE_TOPIC_KEY = "TBW102";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String BENCHMARK_TOPIC = "BenchmarkTest";
    public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
    public static final String SYNC_BROKER_MEMBER_GROUP_PREFIX = SYSTEM_TOPIC_PREFIX + "SYNC_BROKER_MEMBER_";

    private static final Set<String> SYSTEM_TOPICS = Set.of(AUTO_CREATE_TOPIC_KEY, SCHEDULE_TOPIC, BENCHMARK_TOPIC,
            TRANS_HALF_TOPIC, TRACE_TOPIC, TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC,
            OFFSET_MOVED_EVENT, "CHECKPOINT_TOPIC");

    private TopicNames() {
    }

    /**
     * Checks a topic name against {@code ^[%|a-zA-Z0-9_-]+$} and the length limit.
     *
     * @return {@code null} when valid, else RocketMQ's wording of the problem
     */
    public static String validate(String topic) {
        if (topic == null || topic.isBlank()) {
            return "The specified topic is blank.";
        }
        for (int i = 0; i < topic.length(); i++) {
            if (!isLegalChar(topic.charAt(i))) {
                return "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
            }
        }
        if (topic.length() > MAX_LENGTH) {
            return "The specified topic is longer than topic max length.";
        }
        return null;
    }

    public static boolean isValid(String topic) {
        return validate(topic) == null;
    }

    public static boolean isSystemTopic(String topic) {
        return SYSTEM_TOPICS.contains(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
    }

    private static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '|' || c == '_' || c == '-';
    }
}
