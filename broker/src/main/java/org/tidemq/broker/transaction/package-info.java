/**
 * Transactional (half) messages, RocketMQ classic protocol.
 *
 * <p>A prepared send is parked in {@code RMQ_SYS_TRANS_HALF_TOPIC} queue 0 ({@link HalfMessage}), invisible to
 * consumers of its real topic. END_TRANSACTION ({@link EndTransactionProcessor}) commits it (the message is appended
 * to its real topic) or rolls it back; either way an op record naming the half message's queue offset goes to
 * {@code RMQ_SYS_TRANS_OP_HALF_TOPIC}. All of this state lives in the CommitLog, so it survives restarts and
 * replicates to slaves. {@link TransactionCheckService} (masters only) asks the producer group about unresolved
 * half messages ({@link CheckBackSender}) and discards those still unresolved after {@code transactionCheckMax}
 * checks, scanning from a persisted progress ({@link TransactionProgress}).
 */
package org.tidemq.broker.transaction;
