package org.tidemq.client.consumer.push;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.List;

/**
 * Consumes each queue serially, in queue-offset order, one thread at a time per queue, and only while this consumer
 * holds the queue's broker lock. Messages sent with one sharding key go to one queue, so their order is preserved.
 *
 * <p>Returning {@link Result#SUSPEND_CURRENT_QUEUE_A_MOMENT} or throwing stops that queue for a moment and then
 * delivers the same batch again (locally, without the retry topic); later messages of the queue wait.
 */
@FunctionalInterface
public interface OrderlyListener {

    Result consume(List<ReceivedMessage> messages, MessageQueue queue);

    enum Result {
        /** The batch is done; its offsets may be committed. */
        SUCCESS,
        /** Retry this batch after a pause; nothing after it in the queue is delivered meanwhile. */
        SUSPEND_CURRENT_QUEUE_A_MOMENT
    }
}
