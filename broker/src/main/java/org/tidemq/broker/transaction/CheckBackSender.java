package org.tidemq.broker.transaction;

import org.tidemq.common.message.StoredMessage;

/**
 * Asks a producer group about one unresolved half message (CHECK_TRANSACTION_STATE, answered by an
 * END_TRANSACTION with {@code fromTransactionCheck=true}).
 *
 * <p>Contract: must not block on the network; {@code half}'s body is a view valid only during the call, so it is
 * encoded before returning. Called from the check service's thread only.
 */
@FunctionalInterface
public interface CheckBackSender {

    /**
     * @param producerGroup     the group named by the half message ({@code PGROUP}); may be null
     * @param halfQueueOffset   offset in the half queue (the request's {@code tranStateTableOffset})
     * @param half              the stored half message (its CommitLog offset is the request's {@code commitLogOffset})
     * @param destination       its real topic and queue
     * @return false when no live producer of the group could be asked
     */
    boolean send(String producerGroup, long halfQueueOffset, StoredMessage half, HalfMessage.Destination destination);
}
