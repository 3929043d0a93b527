package org.tidemq.client.consumer.push.internal;

/** Told by a consume service when messages of a queue are done, so the consumer can commit and resume pulling. */
@FunctionalInterface
interface QueueProgress {
    /** @param committableOffset the queue's offset to commit now ({@link ProcessQueue#committableOffset()}) */
    void acknowledged(ProcessQueue queue, long committableOffset);
}
