package org.tidemq.store.testutil;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.message.MessageToStore;

/** Builds messages for tests: direct-buffer bodies, like the broker hands them over. */
public final class TestMessages {

    public static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 40000);
    public static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    private TestMessages() {
    }

    public static ByteBuffer direct(String text) {
        return direct(text.getBytes(StandardCharsets.UTF_8));
    }

    public static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }

    public static MessageToStore message(String topic, int queueId, String body) {
        return message(topic, queueId, body, null, null);
    }

    public static MessageToStore message(String topic, int queueId, String body, String tags, String keys) {
        Map<String, String> props = new LinkedHashMap<>();
        if (tags != null) {
            props.put(MessageProperties.TAGS, tags);
        }
        if (keys != null) {
            props.put(MessageProperties.KEYS, keys);
        }
        props.put(MessageProperties.UNIQ_KEY, "UK-" + topic + "-" + queueId + "-"
                + (body.length() > 16 ? body.substring(0, 16) : body));
        props.put(MessageProperties.WAIT, "true");
        return new MessageToStore(topic, queueId, 0, 0, 1_700_000_000_000L, BORN_HOST, STORE_HOST, 0, 0,
                MessageProperties.encode(props), direct(body), true);
    }

    public static MessageToStore withSysFlag(MessageToStore m, int sysFlag) {
        return new MessageToStore(m.topic(), m.queueId(), m.flag(), sysFlag, m.bornTimestamp(), m.bornHost(),
                m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(), m.properties(), m.body(),
                m.waitStoreMsgOk());
    }

    public static MessageToStore withWait(MessageToStore m, boolean wait) {
        return new MessageToStore(m.topic(), m.queueId(), m.flag(), m.sysFlag(), m.bornTimestamp(), m.bornHost(),
                m.storeHost(), m.reconsumeTimes(), m.preparedTransactionOffset(), m.properties(), m.body(), wait);
    }

    public static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
