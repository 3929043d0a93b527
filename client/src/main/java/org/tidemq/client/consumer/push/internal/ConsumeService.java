package org.tidemq.client.consumer.push.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.List;

/** Runs the listener over pulled messages. Implementations are thread-safe; {@link #submit} never blocks. */
interface ConsumeService {

    /** {@code messages} were just added to {@code queue}; consume them (or, orderly, whatever the queue holds). */
    void submit(ProcessQueue queue, List<ReceivedMessage> messages);

    /** True for per-queue serial consumption under broker locks. */
    boolean orderly();

    /**
     * CONSUME_MESSAGE_DIRECTLY: runs the listener once on {@code message} (read from {@code queue}) on the calling
     * thread, outside the queue's normal flow: no offsets move, nothing is sent back, and a failure is only reported.
     */
    DirectConsumeResult consumeDirectly(ReceivedMessage message, MessageQueue queue);
}
