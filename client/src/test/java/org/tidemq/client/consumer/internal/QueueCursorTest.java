package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueCursorTest {
    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);

    private static List<ReceivedMessage> messages(long from, int count) {
        StoredMessages stored = new StoredMessages();
        for (int i = 0; i < count; i++) {
            stored.add("T", 0, from + i, "TagA", null, "m" + (from + i), Map.of());
        }
        return PullApi.decodeMessages("b:1", "b", stored.bytes(), Set.of());
    }

    @Test
    void oneBoundedPullAtATime() {
        QueueCursor cursor = new QueueCursor(QUEUE, 3, Long.MAX_VALUE);
        assertNull(cursor.beginPull(), "no start offset yet");
        cursor.seek(10);
        QueueCursor.PullTicket ticket = cursor.beginPull();
        assertNotNull(ticket);
        assertEquals(10, ticket.offset());
        assertNull(cursor.beginPull(), "one pull in flight");
        assertTrue(cursor.completePull(ticket, 13, 0, messages(10, 3)));
        assertNull(cursor.beginPull(), "cache full at 3 messages");

        List<ReceivedMessage> out = new ArrayList<>();
        assertEquals(2, cursor.drainTo(out, 2));
        assertEquals(12, cursor.position());
        QueueCursor.PullTicket next = cursor.beginPull();
        assertNotNull(next, "room again");
        assertEquals(13, next.offset());
    }

    @Test
    void aSeekMakesTheInFlightPullStale() {
        QueueCursor cursor = new QueueCursor(QUEUE, 100, Long.MAX_VALUE);
        cursor.seek(0);
        QueueCursor.PullTicket stale = cursor.beginPull();
        cursor.seek(50);
        assertFalse(cursor.completePull(stale, 3, 0, messages(0, 3)));
        assertFalse(cursor.hasBuffered());
        QueueCursor.PullTicket fresh = cursor.beginPull();
        assertEquals(50, fresh.offset());
        assertEquals(50, cursor.position());
    }

    @Test
    void byteBoundStopsPrefetchToo() {
        QueueCursor cursor = new QueueCursor(QUEUE, 100, 4);
        cursor.seek(0);
        QueueCursor.PullTicket ticket = cursor.beginPull();
        cursor.completePull(ticket, 2, 0, messages(0, 2));
        assertNull(cursor.beginPull(), "2 bodies of 2 bytes reach the 4-byte bound");
    }

    @Test
    void filteredGapsAdvanceThePosition() {
        QueueCursor cursor = new QueueCursor(QUEUE, 100, Long.MAX_VALUE);
        cursor.seek(5);
        QueueCursor.PullTicket ticket = cursor.beginPull();
        cursor.completePull(ticket, 9, 0, List.of());
        assertEquals(9, cursor.position(), "offsets 5..8 held nothing for this subscription");
    }

    @Test
    void movedOffsetsJumpAndDropTheCache() {
        QueueCursor cursor = new QueueCursor(QUEUE, 100, Long.MAX_VALUE);
        cursor.seek(500);
        QueueCursor.PullTicket ticket = cursor.beginPull();
        assertTrue(cursor.offsetMoved(ticket, 120));
        assertEquals(120, cursor.position());
        assertEquals(120, cursor.beginPull().offset());
    }
}
