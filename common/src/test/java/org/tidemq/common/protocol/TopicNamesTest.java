package org.tidemq.common.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicNamesTest {
    @Test
    void acceptsRocketMqCharacterSet() {
        assertNull(TopicNames.validate("%RETRY%group_1|a-b"));
        assertNull(TopicNames.validate("x".repeat(TopicNames.MAX_LENGTH)));
    }

    @Test
    void rejectsWithRocketMqWording() {
        assertEquals("The specified topic is blank.", TopicNames.validate(" "));
        assertEquals("The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$",
                TopicNames.validate("a.b"));
        assertEquals("The specified topic is longer than topic max length.",
                TopicNames.validate("x".repeat(TopicNames.MAX_LENGTH + 1)));
        assertFalse(TopicNames.isValid("中文"));
    }

    @Test
    void permBits() {
        assertEquals("RW-", Perm.describe(6));
        assertEquals("RWX", Perm.describe(7));
        assertEquals("R--", Perm.describe(Perm.READ));
        assertTrue(Perm.isValid(7));
        assertFalse(Perm.isValid(Perm.PRIORITY));
        assertTrue(TopicNames.isSystemTopic("rmq_sys_REVIVE_LOG_c"));
        assertTrue(TopicNames.isSystemTopic("TBW102"));
        assertFalse(TopicNames.isSystemTopic("TopicA"));
    }
}
