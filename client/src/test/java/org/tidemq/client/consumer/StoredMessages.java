package org.tidemq.client.consumer;

import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.tidemq.common.message.MessageProperties;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds pull-response bodies from stored-message records encoded by the official RocketMQ 5.2.0 encoder
 * ({@code MessageDecoder.encode}, test scope): the interop oracle, so the client's decoder is checked against bytes
 * it did not write itself, and the client module needs no test dependency on the store.
 */
public final class StoredMessages {
    public static final InetSocketAddress BORN_HOST = new InetSocketAddress("10.1.2.3", 51000);
    public static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);
    private static final int BORN_HOST_QUEUE_FLAG = 7;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long physicalOffset = 4096;

    /** Appends a message with {@code tags}, {@code keys} and extra properties, stored at {@code queueOffset}. */
    public StoredMessages add(String topic, int queueId, long queueOffset, String tags, String keys, String text,
                              Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(extra);
        if (tags != null) {
            properties.put(MessageProperties.TAGS, tags);
        }
        if (keys != null) {
            properties.put(MessageProperties.KEYS, keys);
        }
        return addRaw(topic, queueId, queueOffset, 0, text.getBytes(StandardCharsets.UTF_8),
                MessageProperties.encode(properties));
    }

    /** Appends a record with the given sysFlag and (possibly compressed) stored body. */
    public StoredMessages addRaw(String topic, int queueId, long queueOffset, int sysFlag, byte[] storedBody,
                                 String properties) {
        MessageExt message = new MessageExt();
        message.setTopic(topic);
        message.setQueueId(queueId);
        message.setFlag(BORN_HOST_QUEUE_FLAG);
        message.setSysFlag(sysFlag);
        message.setQueueOffset(queueOffset);
        message.setCommitLogOffset(physicalOffset);
        message.setBornTimestamp(1_700_000_000_000L + queueOffset);
        message.setStoreTimestamp(1_700_000_000_500L + queueOffset);
        message.setBornHost(BORN_HOST);
        message.setStoreHost(STORE_HOST);
        message.setBody(storedBody);
        message.setBodyCRC(UtilAll.crc32(storedBody));
        MessageAccessor.setProperties(message, new LinkedHashMap<>(MessageProperties.decode(properties)));
        byte[] record;
        try {
            record = MessageDecoder.encode(message, false);
        } catch (Exception e) {
            throw new IllegalStateException("official encoder refused the test message", e);
        }
        physicalOffset += record.length;
        body.writeBytes(record);
        return this;
    }

    public byte[] bytes() {
        return body.toByteArray();
    }
}
