package org.tidemq.common.protocol;

/** How a topic's messages are tagged; carried by name in TopicConfig JSON. */
public enum TopicFilterType {
    SINGLE_TAG,
    MULTI_TAG;

    /** The type for a JSON name; unknown or missing names read as {@link #SINGLE_TAG}, RocketMQ's default. */
    public static TopicFilterType parse(String name) {
        return MULTI_TAG.name().equals(name) ? MULTI_TAG : SINGLE_TAG;
    }
}
