package org.tidemq.client.producer;

import org.tidemq.client.MessageQueue;

/**
 * The broker's acknowledgement of a stored message (or batch).
 *
 * @param status      how it was stored
 * @param msgId       the client unique id (UNIQ_KEY) consumers see as the message id; for a batch the ids of all its
 *                    messages, comma-separated in batch order
 * @param offsetMsgId the broker's offset message id(s) (store host + commit-log offset), as the broker returned them
 * @param queue       the queue written to
 * @param queueOffset the logical offset of the (first) message in that queue
 */
public record SendResult(SendStatus status, String msgId, String offsetMsgId, MessageQueue queue, long queueOffset) {
}
