package org.tidemq.client.consumer.offset;

import org.tidemq.client.MessageQueue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory half of an {@link OffsetStore}: "next offset to consume" per queue. Thread-safe; an increase-only
 * update never moves an offset backwards even when it races with another update.
 */
final class OffsetTable {
    private final ConcurrentMap<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

    /** The offset held for {@code queue}, or null. */
    Long get(MessageQueue queue) {
        return offsets.get(queue);
    }

    void put(MessageQueue queue, long offset) {
        offsets.put(queue, offset);
    }

    void putAll(Map<MessageQueue, Long> stored) {
        offsets.putAll(stored);
    }

    /** As {@link OffsetStore#update}: rejects negative offsets, and keeps the larger one when increaseOnly. */
    void update(MessageQueue queue, long offset, boolean increaseOnly) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + offset + " for " + queue);
        }
        if (increaseOnly) {
            offsets.merge(queue, offset, Math::max);
        } else {
            offsets.put(queue, offset);
        }
    }

    /** The held offsets of those {@code queues} that have one. */
    Map<MessageQueue, Long> of(Set<MessageQueue> queues) {
        Map<MessageQueue, Long> held = new HashMap<>();
        for (MessageQueue queue : queues) {
            Long offset = offsets.get(queue);
            if (offset != null) {
                held.put(queue, offset);
            }
        }
        return held;
    }

    void remove(MessageQueue queue) {
        offsets.remove(queue);
    }

    Map<MessageQueue, Long> snapshot() {
        return new HashMap<>(offsets);
    }
}
