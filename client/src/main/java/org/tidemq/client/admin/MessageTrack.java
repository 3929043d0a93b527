package org.tidemq.client.admin;

/**
 * Whether one consumer group has consumed a message (RocketMQ's {@code MessageTrack}).
 *
 * @param exceptionDesc why the state could not be determined (or the broker's refusal); null when it could
 */
public record MessageTrack(String consumerGroup, TrackType trackType, String exceptionDesc) {

    /** RocketMQ's {@code TrackType} names. */
    public enum TrackType {
        /** The group's committed offset is past the message. */
        CONSUMED,
        /** Past the message, but the group's subscription does not take its tag. */
        CONSUMED_BUT_FILTERED,
        /** The group pulls by itself; the broker cannot say what it consumed. */
        PULL,
        /** The group's committed offset has not reached the message. */
        NOT_CONSUME_YET,
        /** No consumer of the group is connected. */
        NOT_ONLINE,
        /** A broadcasting group: progress is kept by each consumer. */
        CONSUME_BROADCASTING,
        /** The state could not be determined. */
        UNKNOWN
    }
}
