package org.tidemq.client.consumer.offset;

import org.tidemq.client.MessageQueue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A consumer group's progress per queue: the offset of the <em>next</em> message to consume (so committing offset
 * {@code n} means messages {@code < n} are done).
 *
 * <p><b>Two tiers.</b> {@link #update} changes only memory; {@link #persistAll} writes memory to the durable store
 * (the broker for clustering groups, a local file for broadcasting). Offsets updated but not yet persisted are lost
 * if the process dies, so messages after the last persisted offset may be delivered again (at-least-once).
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe: pull threads update while a timer persists. For one
 * queue, an {@code increaseOnly} update never moves the offset backwards even when updates race.
 */
public interface OffsetStore {

    /** Where {@link #read} looks. */
    enum ReadFrom {
        /** Only the in-memory table. */
        MEMORY,
        /** The durable store (a broker round trip or a file read); the answer also replaces the memory entry. */
        STORE,
        /** Memory when it has an entry, else the durable store. */
        MEMORY_THEN_STORE
    }

    /** Loads persisted offsets into memory (a no-op for stores that read lazily, such as the broker's). */
    void load();

    /**
     * The queue's offset, or {@code -1} when none is known (never committed).
     *
     * @throws org.tidemq.client.consumer.ConsumerException when the durable store cannot be read (broker unreachable
     *                                                      or refusing); memory is then left unchanged
     */
    long read(MessageQueue queue, ReadFrom from);

    /**
     * Sets the queue's offset in memory.
     *
     * @param increaseOnly keep the current offset when it is larger (normal progress); false to move backwards (seek)
     */
    void update(MessageQueue queue, long offset, boolean increaseOnly);

    /**
     * Writes the in-memory offsets of {@code queues} (those that have one) to the durable store. The future completes
     * when the store has them (acknowledged by the broker, or the file is synced), or exceptionally naming what
     * failed; queues outside {@code queues} are left as they are.
     */
    CompletableFuture<Void> persistAll(Set<MessageQueue> queues);

    /** Forgets the queue's in-memory offset (the queue was reassigned); the persisted offset stays. */
    void remove(MessageQueue queue);

    /** A copy of the in-memory offsets. */
    Map<MessageQueue, Long> snapshot();
}
