package org.tidemq.client.producer.internal;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.client.producer.TransactionListener;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;

/**
 * Answers CHECK_TRANSACTION_STATE (39), which brokers send oneway over the producer's connection: the body is the
 * prepared message as a stored record (addressed to its real topic), the header names {@code tranStateTableOffset}
 * and {@code commitLogOffset}. The listener's verdict goes back to the asking broker as a oneway END_TRANSACTION with
 * {@code fromTransactionCheck=true}. Checks for another producer group (property {@code PGROUP}) are ignored.
 *
 * <p>Runs on the producer's check executor; never answers the check itself (it is oneway).
 */
final class TransactionCheckHandler implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckHandler.class);
    private static final String PRODUCER_GROUP = "PGROUP";

    private final String group;
    private final TransactionListener listener;
    private final RemotingClient remoting;
    private final long timeoutMillis;

    TransactionCheckHandler(String group, TransactionListener listener, RemotingClient remoting, long timeoutMillis) {
        this.group = group;
        this.listener = listener;
        this.remoting = remoting;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        Long tranStateTableOffset = request.longField("tranStateTableOffset");
        Long commitLogOffset = request.longField("commitLogOffset");
        byte[] body = request.bodyBytes();
        StoredMessage stored = body == null ? null : StoredMessageDecoder.decodeOne(ByteBuffer.wrap(body));
        if (tranStateTableOffset == null || commitLogOffset == null || stored == null) {
            LOG.warn("transaction check from {} without offsets or a decodable message; ignored",
                    context.remoteAddressText());
            return null;
        }
        ReceivedMessage message = ReceivedMessage.fromStored(stored, request.field("brokerName"));
        String checkedGroup = message.property(PRODUCER_GROUP);
        if (checkedGroup != null && !checkedGroup.equals(group)) {
            LOG.debug("transaction check for group {} reached producer of {}; ignored", checkedGroup, group);
            return null;
        }
        LocalTransactionState state;
        String remark = null;
        try {
            state = listener.checkLocalTransaction(message);
        } catch (RuntimeException e) {
            LOG.warn("checkLocalTransaction of {} failed; reporting UNKNOWN", message.messageId(), e);
            state = null;
            remark = "checkLocalTransaction failed: " + e;
        }
        if (state == null) {
            state = LocalTransactionState.UNKNOWN;
        }
        String uniqueId = request.field("transactionId") != null ? request.field("transactionId")
                : message.messageId();
        RemotingCommand end = EndTransactionRequest.of(group, tranStateTableOffset, commitLogOffset, state, true,
                uniqueId, remark);
        String broker = context.remoteAddressText();
        remoting.invokeOneway(broker, end, timeoutMillis).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("reporting {} for transaction {} to {} failed: {}", end.field("commitOrRollback"),
                        uniqueId, broker, error.toString());
            }
        });
        return null;
    }
}
