package org.tidemq.client.producer.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.ProducerConfig;
import org.tidemq.common.message.BatchBodyCodec;
import org.tidemq.common.message.BatchItem;
import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.UniqueMessageIdGenerator;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message or batch made ready for the wire once: UNIQ_KEY assigned, properties encoded, body compressed (single
 * messages) or batch-encoded into a pooled direct buffer. Every attempt gets a fresh request from
 * {@link #toRequest}; {@link #release()} frees the batch buffer when the send is over.
 *
 * <p>Not thread-safe, but attempts of one send never overlap.
 */
final class OutgoingMessage {
    private static final String DELAY = "DELAY";
    private static final String TRANSACTION_PREPARED = "TRAN_MSG";
    private static final String PRODUCER_GROUP = "PGROUP";
    private static final int RETRY_TOPIC_PREFIX_LENGTH = "%RETRY%".length();

    private final String topic;
    private final String uniqueIds;
    private final String properties;
    private final int sysFlag;
    private final int flag;
    private final byte[] singleBody;
    private final ByteBuf batchBody;

    private OutgoingMessage(String topic, String uniqueIds, String properties, int sysFlag, int flag,
                            byte[] singleBody, ByteBuf batchBody) {
        this.topic = topic;
        this.uniqueIds = uniqueIds;
        this.properties = properties;
        this.sysFlag = sysFlag;
        this.flag = flag;
        this.singleBody = singleBody;
        this.batchBody = batchBody;
    }

    static OutgoingMessage single(Message message, ProducerConfig config, UniqueMessageIdGenerator ids) {
        String uniqueId = ids.next();
        Map<String, String> properties = wireProperties(message, uniqueId);
        String encoded = checkedProperties(properties);
        BodyCompression.Prepared body = BodyCompression.compressIfLarge(message.body(), config.compressOverBytes(),
                config.compressLevel());
        return new OutgoingMessage(message.topic(), uniqueId, encoded, body.sysFlagBits(), message.flag(),
                body.body(), null);
    }

    /**
     * A transaction's prepared (half) message: {@code TRAN_MSG=true}, {@code PGROUP} and the PREPARED transaction
     * type, no delay (brokers park prepared messages until END_TRANSACTION, never on a delay level).
     */
    static OutgoingMessage prepared(Message message, ProducerConfig config, UniqueMessageIdGenerator ids) {
        String uniqueId = ids.next();
        Map<String, String> properties = wireProperties(message, uniqueId);
        properties.remove(DELAY);
        properties.put(TRANSACTION_PREPARED, "true");
        properties.put(PRODUCER_GROUP, config.group());
        String encoded = checkedProperties(properties);
        BodyCompression.Prepared body = BodyCompression.compressIfLarge(message.body(), config.compressOverBytes(),
                config.compressLevel());
        return new OutgoingMessage(message.topic(), uniqueId, encoded,
                body.sysFlagBits() | MessageSysFlag.TRANSACTION_PREPARED_TYPE, message.flag(), body.body(), null);
    }

    /** @throws IllegalArgumentException naming the broken rule (facts §5.4) */
    static OutgoingMessage batch(List<Message> messages, UniqueMessageIdGenerator ids) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one message");
        }
        Message first = messages.get(0);
        List<BatchItem> items = new ArrayList<>(messages.size());
        List<String> uniqueIds = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (!message.topic().equals(first.topic())) {
                throw new IllegalArgumentException("all messages of a batch must have the same topic: "
                        + first.topic() + " vs " + message.topic());
            }
            if (message.waitStoreMsgOk() != first.waitStoreMsgOk()) {
                throw new IllegalArgumentException("all messages of a batch must have the same waitStoreMsgOk");
            }
            // Timers are allowed: the broker parks each message of the batch as its own timer; delay levels are not.
            if (message.delayLevel() > 0) {
                throw new IllegalArgumentException("delayed messages (delay level " + message.delayLevel()
                        + ") cannot be batched; timers (deliverTimeMs/delayTimeMs/delayTimeSec) can");
            }
            if (message.topic().regionMatches(0, "%RETRY%", 0, RETRY_TOPIC_PREFIX_LENGTH)) {
                throw new IllegalArgumentException("messages for a retry topic cannot be batched");
            }
            String uniqueId = ids.next();
            uniqueIds.add(uniqueId);
            items.add(new BatchItem(message.flag(), message.body(), wireProperties(message, uniqueId)));
        }
        // Brokers append the batch-level properties to every item, so a batch-level UNIQ_KEY would overwrite the
        // items' own ids; only WAIT goes here.
        Map<String, String> batchProperties = new LinkedHashMap<>();
        batchProperties.put(MessageProperties.WAIT, Boolean.toString(first.waitStoreMsgOk()));
        int length = BatchBodyCodec.encodedLength(items);
        ByteBuf body = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
        try {
            BatchBodyCodec.encode(items, body);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        return new OutgoingMessage(first.topic(), String.join(",", uniqueIds),
                MessageProperties.encode(batchProperties), 0, 0, null, body);
    }

    /** The Java client's property set: TAGS, KEYS, user properties, WAIT, DELAY, UNIQ_KEY. */
    private static Map<String, String> wireProperties(Message message, String uniqueId) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (message.tags() != null) {
            properties.put(MessageProperties.TAGS, message.tags());
        }
        if (!message.keys().isEmpty()) {
            properties.put(MessageProperties.KEYS, String.join(" ", message.keys()));
        }
        properties.putAll(message.userProperties());
        properties.put(MessageProperties.WAIT, Boolean.toString(message.waitStoreMsgOk()));
        if (message.delayLevel() > 0) {
            properties.put(DELAY, Integer.toString(message.delayLevel()));
        }
        if (message.timer() != null) {
            properties.put(message.timer().property(), Long.toString(message.timer().value()));
        }
        properties.put(MessageProperties.UNIQ_KEY, uniqueId);
        return properties;
    }

    private static String checkedProperties(Map<String, String> properties) {
        String encoded = MessageProperties.encode(properties);
        int bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Short.MAX_VALUE) {
            throw new IllegalArgumentException("message properties take " + bytes + " bytes, more than the limit of "
                    + Short.MAX_VALUE);
        }
        return encoded;
    }

    String topic() {
        return topic;
    }

    /** The UNIQ_KEY, or for a batch the UNIQ_KEYs of its messages joined by commas. */
    String uniqueIds() {
        return uniqueIds;
    }

    boolean isBatch() {
        return batchBody != null;
    }

    int sysFlag() {
        return sysFlag;
    }

    /**
     * A SEND_MESSAGE_V2 (or SEND_BATCH_MESSAGE) request for {@code queue}, with the header fields a..n as the Java
     * client writes them (facts §4.1).
     */
    RemotingCommand toRequest(MessageQueue queue, ProducerConfig config, long bornTimestamp, boolean oneway) {
        int code = isBatch() ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
        RemotingCommand request = oneway ? RemotingCommand.onewayRequest(code) : RemotingCommand.request(code);
        request.putField("a", config.group())
                .putField("b", topic)
                .putField("c", config.createTopicKey())
                .putField("d", config.defaultTopicQueueNums())
                .putField("e", queue.queueId())
                .putField("f", sysFlag)
                .putField("g", bornTimestamp)
                .putField("h", flag)
                .putField("i", properties)
                .putField("j", 0)
                .putField("k", false)
                .putField("m", isBatch())
                .putField("n", queue.brokerName());
        request.setBody(isBatch() ? batchBody.retainedDuplicate() : Unpooled.wrappedBuffer(singleBody));
        return request;
    }

    /** Frees the batch buffer; safe to call more than once. */
    void release() {
        if (batchBody != null && batchBody.refCnt() > 0) {
            ReferenceCountUtil.safeRelease(batchBody);
        }
    }
}
