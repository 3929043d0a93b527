package org.tidemq.client.producer;

import org.tidemq.client.consumer.ReceivedMessage;

/**
 * The application side of transactional messages.
 *
 * <p>Thread-safety: {@link #executeLocalTransaction} runs on the thread calling
 * {@link TransactionProducer#sendInTransaction}; {@link #checkLocalTransaction} runs on the producer's single
 * check thread. Both may run at the same time, so implementations must be thread-safe. An exception or a
 * {@code null} result counts as {@link LocalTransactionState#UNKNOWN}.
 */
public interface TransactionListener {

    /**
     * Runs the local transaction after the prepared message was stored.
     *
     * @param transactionId the message's unique id (UNIQ_KEY), which a later check names too
     * @param arg           what the caller passed to {@code sendInTransaction}
     */
    LocalTransactionState executeLocalTransaction(Message message, String transactionId, Object arg);

    /**
     * Answers the broker's check of an unresolved transaction. {@code message} is the prepared message addressed to
     * its real topic; {@link ReceivedMessage#messageId()} is the transaction id.
     */
    LocalTransactionState checkLocalTransaction(ReceivedMessage message);
}
