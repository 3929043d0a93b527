package org.tidemq.client.consumer.push;

import org.tidemq.client.MessageQueue;

import java.util.Map;
import java.util.Set;

/**
 * Receives messages from RocketMQ-protocol brokers (TideMQ or Apache RocketMQ) and hands them to a
 * {@link ConcurrentListener} or {@link OrderlyListener}. The consumer pulls with long polling, shares queues with the
 * other consumers of its group (clustering) or reads all of them (broadcasting), and commits progress.
 *
 * <p><b>Delivery: at least once.</b> A message's offset is committed only after the listener returned success for
 * it (or after it was handed to the broker's retry topic), as the lowest offset of the queue not yet done. A crash,
 * a rebalance, or a lost commit redelivers the uncommitted tail; listeners must be idempotent. Messages the
 * listener asks to retry come back later through {@code %RETRY%<group>} (concurrent) or locally (orderly).
 *
 * <p><b>Ordering.</b> Concurrent listeners get no ordering guarantee. Orderly listeners get each queue's messages in
 * offset order, one batch at a time per queue, and only while the broker lock of that queue is held and fresh, so
 * two consumers never process one queue at once (except for a moment after a lock loss that the old owner cannot
 * observe, bounded by the 30 s staleness limit versus the broker's 60 s lease).
 *
 * <p><b>Threads.</b> Thread-safe. Listeners run on the consumer's pool ({@code consumeThreads}), never on network
 * threads.
 *
 * <p><b>Lifecycle.</b> {@link #start()} once; {@link #close()} stops pulling, waits for running listener calls (up to
 * {@code shutdownTimeout}), commits offsets, releases orderly locks and unregisters from brokers. It can not be
 * restarted.
 */
public interface PushConsumer extends AutoCloseable {

    static PushConsumerBuilder builder() {
        return new PushConsumerBuilder();
    }

    /** Connects, registers with the brokers and starts consuming; throws when already started or closed. */
    void start();

    /** The settings this consumer runs with. */
    PushConsumerConfig config();

    /** This consumer's client id as brokers see it. */
    String clientId();

    /** The queues this consumer currently reads, per topic (retry topic included in clustering). */
    Map<String, Set<MessageQueue>> assignment();

    /** The offset this consumer would commit now for {@code queue}, or -1 when it does not read it. */
    long consumeOffset(MessageQueue queue);

    @Override
    void close();
}
