package org.tidemq.store.crash;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.message.MessageToStore;

/** The messages the writer child appends, derived from their id alone so the parent can rebuild any of them. */
final class CrashMessages {

    static final String[] TOPICS = {"CrashTopicA", "CrashTopicB"};
    static final int QUEUES = 4;
    private static final int MIN_BODY_SIZE = 16;
    private static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    private CrashMessages() {
    }

    static String topic(long id) {
        return TOPICS[(int) (id % TOPICS.length)];
    }

    static int queueId(long id) {
        return (int) (id / TOPICS.length % QUEUES);
    }

    static String tags(long id) {
        return "tag" + id % 3;
    }

    /** Random size and bytes, seeded by the id; a direct buffer as the broker hands bodies over. */
    static ByteBuffer body(long id) {
        SplittableRandom random = new SplittableRandom(id);
        byte[] bytes = new byte[random.nextInt(MIN_BODY_SIZE, CrashStores.MAX_BODY_SIZE + 1)];
        random.nextBytes(bytes);
        ByteBuffer body = ByteBuffer.allocateDirect(bytes.length);
        body.put(bytes).flip();
        return body;
    }

    /** CRC32 & 0x7FFFFFFF, as the stored BODYCRC field. */
    static int crc(ByteBuffer body) {
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    static MessageToStore message(long id, ByteBuffer body) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.TAGS, tags(id));
        properties.put(MessageProperties.KEYS, Ack.key(id) + " group-" + id % 10);
        properties.put(MessageProperties.UNIQ_KEY, Ack.uniqKey(id));
        properties.put(MessageProperties.WAIT, "true");
        return new MessageToStore(topic(id), queueId(id), 0, 0, System.currentTimeMillis(), BORN_HOST, STORE_HOST, 0,
                0, MessageProperties.encode(properties), body, true);
    }
}
