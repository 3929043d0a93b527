package org.tidemq.client.producer;

import org.tidemq.client.MessageQueue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes messages to RocketMQ-protocol brokers (TideMQ or Apache RocketMQ).
 *
 * <p><b>Delivery.</b> A returned {@link SendResult} means the broker stored the message. Round-robin sends
 * ({@link #send(Message)}, {@link #sendAsync(Message)}, batches) retry a failed attempt on another broker when the
 * failure is an I/O error or a retryable broker code, within {@code sendTimeout}; a retried send may store a message
 * twice when an acknowledgement was lost. Ordered sends ({@link #send(Message, QueueSelector)}) make one attempt
 * on the chosen queue so that order is never broken by a detour. {@link #sendOneway(Message)} makes one attempt and
 * learns nothing about the outcome.
 *
 * <p><b>Threads.</b> Thread-safe. Async results complete on a network thread: keep callbacks short or move work with
 * the {@code ...Async} variants of {@link CompletableFuture}.
 *
 * <p><b>Lifecycle.</b> {@link #start()} once, then send; {@link #close()} unregisters from brokers and releases the
 * transport and background tasks. Sending before start or after close fails with {@link IllegalStateException}.
 */
public interface Producer extends AutoCloseable {

    static ProducerBuilder builder() {
        return new ProducerBuilder();
    }

    void start();

    /**
     * Sends and waits for the broker's acknowledgement.
     *
     * @throws SendException when the message was not stored (refused, unreachable, timed out)
     */
    SendResult send(Message message);

    /** As {@link #send(Message)}; the future fails with {@link SendException}. */
    CompletableFuture<SendResult> sendAsync(Message message);

    /** Writes the message to one broker without waiting for an answer; returns once the request is written. */
    void sendOneway(Message message);

    /**
     * Sends messages of one topic as one SEND_BATCH_MESSAGE; the broker stores them consecutively in one queue.
     * All must share topic and {@code waitStoreMsgOk}; none may have a delay level or target a retry topic. Messages
     * may carry timers (each its own deliver time or delay): a TideMQ broker parks each as its own timer (Apache
     * RocketMQ 5.2.0 brokers ignore timers inside a batch and deliver at once). Batch bodies are not compressed.
     *
     * @throws IllegalArgumentException when the batch breaks a rule (naming which)
     * @throws SendException            when the batch was not stored
     */
    SendResult send(List<Message> batch);

    /** As {@link #send(List)}, asynchronously. */
    CompletableFuture<SendResult> sendAsync(List<Message> batch);

    /** Sends to the queue {@code selector} picks from the topic's writable queues; one attempt. */
    SendResult send(Message message, QueueSelector selector);

    /** As {@link #send(Message, QueueSelector)}, asynchronously. */
    CompletableFuture<SendResult> sendAsync(Message message, QueueSelector selector);

    /** Ordered send: messages with equal {@code shardingKey} go to the same queue, in send order. */
    default SendResult send(Message message, String shardingKey) {
        return send(message, QueueSelector.byShardingKey(shardingKey));
    }

    /** The topic's writable queues as this producer sees them (looked up if not yet known). */
    List<MessageQueue> writableQueues(String topic);

    /** The settings this producer runs with. */
    ProducerConfig config();

    @Override
    void close();
}
