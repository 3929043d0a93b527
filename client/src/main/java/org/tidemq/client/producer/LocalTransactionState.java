package org.tidemq.client.producer;

import org.tidemq.common.message.MessageSysFlag;

/** The outcome of a local transaction, as reported to the broker in END_TRANSACTION. */
public enum LocalTransactionState {
    /** Deliver the prepared message. */
    COMMIT(MessageSysFlag.TRANSACTION_COMMIT_TYPE),
    /** Discard the prepared message. */
    ROLLBACK(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE),
    /** Not decided yet: the broker checks back later (CHECK_TRANSACTION_STATE). */
    UNKNOWN(MessageSysFlag.TRANSACTION_NOT_TYPE);

    private final int wireValue;

    LocalTransactionState(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The header value {@code commitOrRollback} (8 commit, 12 rollback, 0 unknown). */
    public int wireValue() {
        return wireValue;
    }
}
