package org.tidemq.broker.transaction;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.message.MessageToStore;

/**
 * How transactional messages are laid out in the store. A prepared message is parked in
 * {@link TopicNames#TRANS_HALF_TOPIC} queue {@value #HALF_QUEUE_ID} with its destination in {@code REAL_TOPIC} /
 * {@code REAL_QID} and its transaction type reset to "not transactional", so the half queue indexes it. An op record
 * in {@link TopicNames#TRANS_OP_HALF_TOPIC} queue {@value #OP_QUEUE_ID} marks a half message as resolved: its body
 * is the half message's queue offset in decimal, its tag {@value TransactionProperties#OP_TAG}. Stateless.
 */
public final class HalfMessage {
    public static final int HALF_QUEUE_ID = 0;
    public static final int OP_QUEUE_ID = 0;

    private HalfMessage() {
    }

    /** Where and how a prepared send is stored instead of its real topic. */
    public record Parked(String topic, int queueId, int sysFlag, String properties) {
    }

    /**
     * @param properties the send's decoded properties; not modified
     */
    public static Parked park(String realTopic, int realQueueId, int sysFlag, Map<String, String> properties) {
        Map<String, String> parked = new LinkedHashMap<>(properties);
        parked.put(TransactionProperties.REAL_TOPIC, realTopic);
        parked.put(TransactionProperties.REAL_QUEUE_ID, Integer.toString(realQueueId));
        String uniqueKey = properties.get(MessageProperties.UNIQ_KEY);
        if (uniqueKey != null && !uniqueKey.isEmpty()) {
            parked.put(TransactionProperties.TRANSACTION_ID, uniqueKey);
        }
        int notTransactional = sysFlag & ~MessageSysFlag.TRANSACTION_TYPE_MASK;
        return new Parked(TopicNames.TRANS_HALF_TOPIC, HALF_QUEUE_ID, notTransactional,
                MessageProperties.encode(parked));
    }

    /** Whether a stored record is a parked half message. */
    public static boolean isHalf(StoredMessage record) {
        return TopicNames.TRANS_HALF_TOPIC.equals(record.topic());
    }

    /**
     * The committed message for a half record: real topic and queue, {@code REAL_*} and {@code TRAN_MSG} removed,
     * transaction type COMMIT and the half record's offset as prepared-transaction offset; body, keys, tags and
     * UNIQ_KEY kept. Null when the record names no usable destination. The body is a view of {@code half}'s: append
     * before releasing the record.
     */
    public static MessageToStore committed(StoredMessage half, InetSocketAddress storeHost) {
        Map<String, String> properties = MessageProperties.decode(half.properties());
        Destination destination = destinationOf(properties);
        if (destination == null) {
            return null;
        }
        properties.remove(TransactionProperties.REAL_TOPIC);
        properties.remove(TransactionProperties.REAL_QUEUE_ID);
        properties.remove(TransactionProperties.TRANSACTION_PREPARED);
        int sysFlag = (half.sysFlag() & ~MessageSysFlag.TRANSACTION_TYPE_MASK) | MessageSysFlag.TRANSACTION_COMMIT_TYPE;
        return new MessageToStore(destination.topic(), destination.queueId(), half.flag(), sysFlag,
                half.bornTimestamp(), half.bornHost(), storeHost, half.reconsumeTimes(), half.physicalOffset(),
                MessageProperties.encode(properties), half.body(), true);
    }

    /** The op record resolving the half message at {@code halfQueueOffset}. */
    public static MessageToStore op(long halfQueueOffset, long nowMs, InetSocketAddress storeHost) {
        String properties = MessageProperties.TAGS + MessageProperties.NAME_VALUE_SEPARATOR
                + TransactionProperties.OP_TAG + MessageProperties.PROPERTY_SEPARATOR
                + MessageProperties.WAIT + MessageProperties.NAME_VALUE_SEPARATOR + "false"
                + MessageProperties.PROPERTY_SEPARATOR;
        byte[] body = Long.toString(halfQueueOffset).getBytes(StandardCharsets.US_ASCII);
        return new MessageToStore(TopicNames.TRANS_OP_HALF_TOPIC, OP_QUEUE_ID, 0, MessageSysFlag.TRANSACTION_NOT_TYPE,
                nowMs, storeHost, storeHost, 0, 0, properties, ByteBuffer.wrap(body), false);
    }

    /** The half queue offset an op record resolves, or -1 when its body is not one. */
    public static long resolvedOffsetOf(StoredMessage op) {
        ByteBuffer body = op.body().duplicate();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        String text = new String(bytes, StandardCharsets.US_ASCII).trim();
        // RocketMQ 5 may batch several offsets separated by commas; the first one is enough for records we write.
        int comma = text.indexOf(',');
        try {
            return Long.parseLong(comma < 0 ? text : text.substring(0, comma));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Destination of a parked half message. */
    public record Destination(String topic, int queueId) {
    }

    /** The destination named by half-message properties, or null when missing or malformed. */
    public static Destination destinationOf(Map<String, String> properties) {
        String topic = properties.get(TransactionProperties.REAL_TOPIC);
        String queueId = properties.get(TransactionProperties.REAL_QUEUE_ID);
        if (topic == null || topic.isBlank() || queueId == null) {
            return null;
        }
        try {
            int id = Integer.parseInt(queueId.trim());
            return id < 0 ? null : new Destination(topic, id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
