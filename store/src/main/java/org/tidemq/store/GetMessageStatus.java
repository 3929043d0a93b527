package org.tidemq.store;

/** Outcome of {@link MessageStore#getMessage} (RocketMQ's GetMessageStatus). */
public enum GetMessageStatus {
    /** At least one message returned. */
    FOUND,
    /** Entries were scanned, none matched the filter; continue from nextBeginOffset. */
    NO_MATCHED_MESSAGE,
    /** Matching entries point at CommitLog data already deleted. */
    MESSAGE_WAS_REMOVING,
    /** The entry at the offset could not be read. */
    OFFSET_FOUND_NULL,
    /** Offset beyond max + 0: far in the future. */
    OFFSET_OVERFLOW_BADLY,
    /** Offset == max: caught up (long-poll candidate). */
    OFFSET_OVERFLOW_ONE,
    /** Offset below the queue's min (data expired). */
    OFFSET_TOO_SMALL,
    /** No such topic/queue. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The queue exists but is empty. */
    NO_MESSAGE_IN_QUEUE
}
