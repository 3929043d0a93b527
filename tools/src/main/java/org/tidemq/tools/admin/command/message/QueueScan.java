package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.List;
import java.util.function.Consumer;

/** Reads a queue's messages in [from, to) in batches, without committing anything. */
final class QueueScan {
    static final int BATCH = 32;

    private QueueScan() {
    }

    /**
     * Hands every message of {@code queue} with an offset in {@code [from, to)} to {@code sink}, in queue order.
     *
     * @return how many messages were handed over
     */
    static long scan(AdminClient admin, MessageQueue queue, long from, long to, Consumer<ReceivedMessage> sink) {
        long offset = from;
        long count = 0;
        while (offset < to) {
            List<ReceivedMessage> batch = admin.pullMessages(queue, offset, (int) Math.min(BATCH, to - offset));
            if (batch.isEmpty()) {
                break;
            }
            for (ReceivedMessage message : batch) {
                if (message.queueOffset() >= to) {
                    return count;
                }
                sink.accept(message);
                count++;
                offset = message.queueOffset() + 1;
            }
        }
        return count;
    }
}
