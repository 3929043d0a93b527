package org.tidemq.client.consumer.push.internal;

import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.StoredMessage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds {@link ReceivedMessage}s as a pull would have decoded them. */
final class TestMessages {
    private TestMessages() {
    }

    static ReceivedMessage received(String topic, int queueId, long queueOffset, String body) {
        return received(topic, queueId, queueOffset, body, "");
    }

    static ReceivedMessage received(String topic, int queueId, long queueOffset, String body, String properties) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        StoredMessage stored = new StoredMessage(0, 0, 0, queueId, 0, queueOffset, 1000 + queueOffset * 100, 0,
                1L, host, 2L, host, 0, 0, ByteBuffer.wrap(bytes), topic, properties);
        return ReceivedMessage.fromStored(stored, "broker-a");
    }
}
