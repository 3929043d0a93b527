package org.tidemq.client.producer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTest {

    @Test
    void builderKeepsEverything() {
        Message message = Message.builder("T").tags("A").keys("k1", "k2").body("b").property("x", "1").flag(3)
                .waitStoreMsgOk(false).delayLevel(2).build();
        assertEquals(List.of("k1", "k2"), message.keys());
        assertEquals(Map.of("x", "1"), message.userProperties());
        assertEquals("b", message.bodyText());
        assertEquals(3, message.flag());
        assertEquals(2, message.delayLevel());
        assertEquals(message, Message.builder("T").tags("A").keys("k1", "k2").body("b").property("x", "1").flag(3)
                .waitStoreMsgOk(false).delayLevel(2).build());
        assertNull(Message.builder("T").tags(" ").body("b").build().tags());
    }

    @Test
    void rejectsBadInputNamingTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Message.builder("bad topic!").body("b").build())
                .getMessage().contains("illegal characters"));
        assertThrows(NullPointerException.class, () -> Message.builder("T").build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Message.builder("T").body(new byte[0]).build())
                .getMessage().contains("zero"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Message.builder("T").body(new byte[Message.MAX_BODY_BYTES + 1]).build())
                .getMessage().contains("exceeds"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Message.builder("T").body("b").property("UNIQ_KEY", "x").build()).getMessage().contains("reserved"));
        assertThrows(IllegalArgumentException.class, () -> Message.builder("T").body("b").property("a", "x\u0001").build());
        assertThrows(IllegalArgumentException.class, () -> Message.builder("T").body("b").keys("a b").build());
        assertThrows(IllegalArgumentException.class, () -> Message.builder("T").body("b").delayLevel(19).build());
    }

    @Test
    void timersUseTheRocketMq5PropertiesAndTheLastOneSetWins() {
        Message at = Message.builder("T").body("b").deliverTimeMs(1_700_000_000_000L).build();
        assertEquals(new Message.Timer("TIMER_DELIVER_MS", 1_700_000_000_000L), at.timer());
        assertEquals(new Message.Timer("TIMER_DELAY_MS", 250),
                Message.builder("T").body("b").deliverTimeMs(5).delayTimeMs(250).build().timer());
        assertEquals(new Message.Timer("TIMER_DELAY_SEC", 3),
                Message.builder("T").body("b").delayTimeSec(3).build().timer());
        assertNull(Message.builder("T").body("b").build().timer());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Message.builder("T").body("b").delayTimeMs(-1))
                .getMessage().contains("TIMER_DELAY_MS"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Message.builder("T").body("b").property("TIMER_DELIVER_MS", "1").build()).getMessage()
                .contains("reserved"));
    }
}
