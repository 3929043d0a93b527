package org.tidemq.client.consumer.internal;

/** HEART_BEAT's {@code consumeType}: who drives the pulls. */
public enum ConsumeType {
    /** The application pulls (pull / lite-pull consumers). */
    CONSUME_ACTIVELY,
    /** The client pulls and pushes to a listener (push consumers). */
    CONSUME_PASSIVELY
}
