package org.tidemq.client.consumer.internal;

/** The outcome of one PULL_MESSAGE (facts §4.2, §9.7). */
public enum PullStatus {
    /** Code 0: messages were returned (possibly none left after the client-side tag filter). */
    FOUND,
    /** Code 19: nothing new at the offset; pull again from {@code nextBeginOffset}. */
    NO_NEW_MSG,
    /** Code 20: messages exist but none matched (or the broker asks to retry); pull again at once. */
    NO_MATCHED_MSG,
    /** Code 21: the offset is outside the queue; continue at the corrected {@code nextBeginOffset}. */
    OFFSET_ILLEGAL
}
