package org.tidemq.client.consumer;

import org.tidemq.client.MessageQueue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads messages on the application's thread: the consumer prefetches queues in the background (long polling, a
 * bounded cache per queue) and {@link #poll(Duration)} hands out what arrived.
 *
 * <p><b>Queues.</b> Either {@link #subscribe} to topics and let the group divide their queues (clustering: RocketMQ's
 * average allocation over the group's live consumers, re-run periodically and when a broker reports a membership
 * change; broadcasting: every queue), or {@link #assign} queues explicitly. The two modes cannot be mixed.
 *
 * <p><b>Positions and commits.</b> Each assigned queue has a <em>position</em>: the offset of the next message
 * {@code poll} returns. A queue starts at the group's committed offset, else per {@link ConsumeFromWhere}.
 * {@link #commit()} stores the current positions (on the brokers for clustering, in a local file for broadcasting);
 * with auto-commit (default) that also happens every 5 s, before a queue is given away, and on {@link #close()}.
 * Delivery is at-least-once: messages polled after the last commit are delivered again after a crash or a queue
 * moving to another consumer.
 *
 * <p><b>Order.</b> Messages of one queue are returned in queue-offset order, without gaps except those of a
 * subscription's tag filter; there is no order across queues.
 *
 * <p><b>Threads.</b> Thread-safe; typically one thread polls. {@link #poll} blocks up to its timeout.
 *
 * <p><b>Lifecycle.</b> {@link #start()} once, then subscribe/assign and poll; {@link #close()} commits (with
 * auto-commit), unregisters and releases the transport. Use after close fails with {@link IllegalStateException}.
 */
public interface PullConsumer extends AutoCloseable {

    static PullConsumerBuilder builder() {
        return new PullConsumerBuilder();
    }

    void start();

    /**
     * Reads {@code topic} messages matching {@code expression} ({@code *} or tags joined by {@code ||}); subscribing
     * again replaces the expression. Queues are assigned at once and re-balanced in the background.
     *
     * @throws IllegalArgumentException when topic or expression is malformed
     * @throws IllegalStateException    when queues were {@link #assign assigned} manually
     * @throws ConsumerException        when the topic has no route
     */
    void subscribe(String topic, String expression);

    /**
     * Reads {@code topic} messages the selector accepts; {@code MessageSelector.bySql(...)} filters on the broker by
     * message properties. Subscribing again replaces the selector.
     *
     * @throws IllegalArgumentException when topic or selector is malformed
     * @throws IllegalStateException    when queues were {@link #assign assigned} manually
     * @throws ConsumerException        when the topic has no route, or a broker refuses the SQL92 expression
     *                                  (malformed: code 23; {@code enablePropertyFilter=false}: code 1)
     */
    void subscribe(String topic, MessageSelector selector);

    /** Stops reading {@code topic} (its positions are committed first with auto-commit). */
    void unsubscribe(String topic);

    /**
     * Reads exactly these queues (all messages), replacing any earlier assignment; no group rebalance.
     *
     * @throws IllegalStateException when topics were {@link #subscribe subscribed}
     */
    void assign(Collection<MessageQueue> queues);

    /** The queues this consumer currently reads. */
    Set<MessageQueue> assignment();

    /**
     * Messages that arrived, at most {@code maxPollMessages}, waiting up to {@code timeout} for the first; empty when
     * none came. Advances the positions of the queues they came from.
     */
    List<ReceivedMessage> poll(Duration timeout);

    /**
     * Moves an assigned queue's position; prefetched messages are dropped and reading restarts there.
     *
     * @throws IllegalArgumentException when the queue is not assigned or the offset is negative
     */
    void seek(MessageQueue queue, long offset);

    /** Seeks each queue to its smallest stored offset. */
    void seekToBeginning(Collection<MessageQueue> queues);

    /** Seeks each queue past its last message (only new messages will be read). */
    void seekToEnd(Collection<MessageQueue> queues);

    /** Seeks to the first message stored at or after {@code timestampMillis}. */
    void seekToTimestamp(MessageQueue queue, long timestampMillis);

    /** The position (next offset {@code poll} returns) of an assigned queue, or −1 while it is still being resolved. */
    long position(MessageQueue queue);

    /**
     * Stores the positions of all assigned queues and waits for the store to confirm.
     *
     * @throws ConsumerException when some offset could not be stored
     */
    void commit();

    /** As {@link #commit()}; the future fails with a {@link ConsumerException}. */
    CompletableFuture<Void> commitAsync();

    /** The group's committed offset of {@code queue} as the store holds it now, or −1 when none. */
    long committed(MessageQueue queue);

    /** The topic's readable queues, freshly read from the name server. */
    List<MessageQueue> fetchQueues(String topic);

    /** This consumer's id as brokers see it ({@code ip@instanceName}). */
    String clientId();

    PullConsumerConfig config();

    @Override
    void close();
}
