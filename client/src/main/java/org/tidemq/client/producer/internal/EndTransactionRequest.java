package org.tidemq.client.producer.internal;

import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;

/**
 * Builds END_TRANSACTION (37), sent oneway: {@code producerGroup}, {@code tranStateTableOffset} (the prepared
 * message's half-queue offset), {@code commitLogOffset} (where the broker stored it), {@code commitOrRollback},
 * {@code fromTransactionCheck}, {@code msgId} and {@code transactionId} (the UNIQ_KEY).
 */
final class EndTransactionRequest {
    private EndTransactionRequest() {
    }

    static RemotingCommand of(String producerGroup, long tranStateTableOffset, long commitLogOffset,
                              LocalTransactionState state, boolean fromCheck, String uniqueId, String remark) {
        return RemotingCommand.onewayRequest(RequestCode.END_TRANSACTION)
                .putField("producerGroup", producerGroup)
                .putField("tranStateTableOffset", tranStateTableOffset)
                .putField("commitLogOffset", commitLogOffset)
                .putField("commitOrRollback", state.wireValue())
                .putField("fromTransactionCheck", fromCheck)
                .putField("msgId", uniqueId)
                .putField("transactionId", uniqueId)
                .setRemark(remark);
    }
}
