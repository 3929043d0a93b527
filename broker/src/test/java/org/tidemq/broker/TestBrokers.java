package org.tidemq.broker;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.broker.config.BrokerEnvironment;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;

/** Broker configurations for tests: 127.0.0.1, ephemeral port, small store files in a temp dir. */
public final class TestBrokers {
    private TestBrokers() {
    }

    public static BrokerEnvironment environment(Path home) {
        return new BrokerEnvironment(k -> null, k -> null, () -> "test-host", () -> "127.0.0.1", 2, home);
    }

    /** A broker named broker-a on 127.0.0.1:0 storing under {@code dir}, with {@code extra} keys on top. */
    public static BrokerConfig config(Path dir, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.setProperty("brokerName", "broker-a");
        properties.setProperty("brokerIP1", "127.0.0.1");
        properties.setProperty("brokerIP2", "127.0.0.1");
        properties.setProperty("listenPort", "0");
        properties.setProperty("storePathRootDir", dir.resolve("store").toString());
        properties.setProperty("mappedFileSizeCommitLog", Integer.toString(4 * 1024 * 1024));
        properties.setProperty("mappedFileSizeConsumeQueue", Integer.toString(20 * 1024));
        properties.putAll(extra);
        return BrokerConfigMapper.map(properties, environment(dir)).config();
    }

    /** Decodes a pull body: stored records back to back. */
    public static List<StoredMessage> decodeRecords(ByteBuf body) {
        ByteBuffer buffer = body.nioBuffer();
        List<StoredMessage> messages = new ArrayList<>();
        int position = 0;
        while (position < buffer.limit()) {
            RecordCheck check = StoredMessageDecoder.check(buffer, position, buffer.limit(), -1, true,
                    new RecordCheck());
            if (check.kind() != RecordCheck.Kind.MESSAGE) {
                throw new AssertionError("not a message at " + position + ": " + check.problem());
            }
            messages.add(StoredMessageDecoder.decode(buffer, position, check));
            position += check.size();
        }
        return messages;
    }

    public static String text(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
