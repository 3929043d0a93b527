package org.tidemq.broker.transaction;

/** Message property names and op-record markers of transactional messages (as RocketMQ names them). */
public final class TransactionProperties {
    /** Destination topic of a parked half message. */
    public static final String REAL_TOPIC = "REAL_TOPIC";
    /** Destination queue of a parked half message. */
    public static final String REAL_QUEUE_ID = "REAL_QID";
    /** Set to "true" by producers on prepared messages; removed when the message is committed. */
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";
    /** Producer group to check back with. */
    public static final String PRODUCER_GROUP = "PGROUP";
    /** Per-message override of {@code transactionTimeOut}, in seconds. */
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    /** The transaction id (the producer's UNIQ_KEY) as the broker records it on the half message. */
    public static final String TRANSACTION_ID = "__transactionId__";
    /** Tag of op records (RocketMQ's "remove" tag). */
    public static final String OP_TAG = "d";

    private TransactionProperties() {
    }
}
