package org.tidemq.client.producer.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.producer.SendException;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.common.remoting.RemotingCommand;

/** Reads a stored-message send response (facts §4.1, §9.9) into a {@link SendResult}. */
final class SendResponses {
    private SendResponses() {
    }

    /**
     * @param status    the status the response code means (not null)
     * @param queue     the queue the request targeted; the broker's {@code queueId} wins if it differs
     * @param uniqueIds the request's UNIQ_KEY(s)
     * @throws SendException when the broker left out msgId, queueId or queueOffset
     */
    static SendResult toResult(RemotingCommand response, SendStatus status, MessageQueue queue, String uniqueIds) {
        String offsetMsgId = response.field("msgId");
        Integer queueId = response.intField("queueId");
        Long queueOffset = response.longField("queueOffset");
        if (offsetMsgId == null || queueId == null || queueOffset == null) {
            throw new SendException("broker " + queue.brokerName() + " acknowledged the message but its response "
                    + "lacks msgId, queueId or queueOffset: " + response.extFields(), null);
        }
        MessageQueue stored = queueId == queue.queueId() ? queue
                : new MessageQueue(queue.topic(), queue.brokerName(), queueId);
        return new SendResult(status, uniqueIds, offsetMsgId, stored, queueOffset);
    }
}
