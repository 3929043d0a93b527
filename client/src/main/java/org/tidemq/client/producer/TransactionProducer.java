package org.tidemq.client.producer;

/**
 * A {@link Producer} that also sends transactional messages (RocketMQ's half messages): the message is stored
 * invisibly, the local transaction runs, and END_TRANSACTION commits or rolls it back. An undecided transaction is
 * checked back by the broker through {@link TransactionListener#checkLocalTransaction}, for as long as this producer's
 * group has a running producer. Build one with {@link ProducerBuilder#buildTransactional(TransactionListener)}.
 *
 * <p>Thread-safe like {@link Producer}.
 */
public interface TransactionProducer extends Producer {

    /**
     * Stores {@code message} as prepared, runs {@link TransactionListener#executeLocalTransaction} with {@code arg},
     * then reports its outcome to the broker (oneway: a lost report is recovered by the broker's check). A prepared
     * message the broker did not store with SEND_OK (e.g. a flush timeout) is rolled back without running the local
     * transaction.
     *
     * @throws SendException when the prepared message could not be sent
     */
    TransactionSendResult sendInTransaction(Message message, Object arg);
}
