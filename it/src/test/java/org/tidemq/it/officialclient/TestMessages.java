package org.tidemq.it.officialclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Messages whose every field is derived from (kind, index), so a received message can be checked field by field:
 * body {@code <kind>-body-<index>}, key {@code key-<kind>-<index>}, user properties {@code kind} and {@code idx}.
 */
final class TestMessages {
    private TestMessages() {
    }

    static Message message(String topic, String tag, String kind, int index) {
        Message message = new Message(topic, tag, key(kind, index), body(kind, index).getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("kind", kind);
        message.putUserProperty("idx", Integer.toString(index));
        return message;
    }

    static String key(String kind, int index) {
        return "key-" + kind + "-" + index;
    }

    static String body(String kind, int index) {
        return kind + "-body-" + index;
    }

    static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** Asserts that {@code received} is intact: topic, tag, key, body and user properties as sent. */
    static void assertIntact(MessageExt received, String topic, String tag) {
        String kind = received.getUserProperty("kind");
        int index = Integer.parseInt(received.getUserProperty("idx"));
        String where = "message " + kind + "/" + index + " " + received.getMsgId();
        assertEquals(topic, received.getTopic(), where);
        assertEquals(tag, received.getTags(), where);
        assertEquals(key(kind, index), received.getKeys(), where);
        assertEquals(body(kind, index), body(received), where);
    }
}
