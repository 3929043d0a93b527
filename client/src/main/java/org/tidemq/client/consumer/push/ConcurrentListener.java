package org.tidemq.client.consumer.push;

import org.tidemq.client.consumer.ReceivedMessage;

import java.util.List;

/**
 * Consumes messages in parallel: batches of one queue may run on several threads at once, so there is no order
 * between messages. Called on the consumer's thread pool.
 *
 * <p>Returning {@link Result#RECONSUME_LATER} or throwing hands the whole batch back to the broker for redelivery
 * after a delay (retry topic, up to {@code maxReconsumeTimes}, then the dead-letter queue).
 */
@FunctionalInterface
public interface ConcurrentListener {

    Result consume(List<ReceivedMessage> messages);

    enum Result {
        /** The batch is done; its offsets may be committed. */
        SUCCESS,
        /** Deliver the batch again later. */
        RECONSUME_LATER
    }
}
