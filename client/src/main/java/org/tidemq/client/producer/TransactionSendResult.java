package org.tidemq.client.producer;

/**
 * What {@link TransactionProducer#sendInTransaction} did.
 *
 * @param sendResult    the broker's acknowledgement of the prepared message
 * @param transactionId the message's unique id (UNIQ_KEY)
 * @param localState    what the local transaction returned and END_TRANSACTION reported
 */
public record TransactionSendResult(SendResult sendResult, String transactionId, LocalTransactionState localState) {
}
