package org.tidemq.broker.timer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * Due timers gathered by one firing pass, appended per destination queue: one {@link MessageStore#putMessages} (one
 * append lock, one durability wait) for all gathered timers of a topic and queue instead of one append per timer.
 * The messages' bodies are views of their parked records, which the batch holds until {@link #flush} releases them.
 *
 * <p><b>Order and failure.</b> Destinations are appended in the order their first timer was added, the timers of one
 * destination in the order added (all are due already, so none fires early). A refused group append is retried one
 * message at a time; at the first refused message that message and every one not yet appended are returned as
 * refused (the caller puts them back to retry at the next pass), as a refused single append stopped a pass before.
 *
 * <p>Not thread-safe: the timer pass owns it.
 */
final class FiringBatch {
    private static final Logger LOG = LoggerFactory.getLogger(FiringBatch.class);
    /** Timers gathered before a flush; bounds the records held and the append lock's hold time. */
    static final int MAX_TIMERS = 512;
    /** Bytes of one destination's group append at most (records of 1 KiB bodies: about 200). */
    static final int MAX_GROUP_BYTES = 256 * 1024;

    /**
     * One gathered timer.
     *
     * @param delivery true for a delivery to the real topic, false for a re-park (roll) to the timer topic
     */
    record Entry(PendingTimers.Timer timer, MessageToStore message, MappedBufferSlice record, boolean delivery) {
    }

    /** What a flush did: the appended entries (in append order), then those refused or not attempted. */
    record Flushed(List<Entry> appended, List<Entry> refused) {
        int deliveries() {
            int count = 0;
            for (Entry entry : appended) {
                if (entry.delivery()) {
                    count++;
                }
            }
            return count;
        }
    }

    private record Destination(String topic, int queueId) {
    }

    private final Map<Destination, List<Entry>> byDestination = new LinkedHashMap<>();
    private final Set<Long> queueOffsets = new HashSet<>();
    private int size;

    /** Whether the timer of this timer-log entry is gathered (a second pending copy of it must not be). */
    boolean holds(long queueOffset) {
        return queueOffsets.contains(queueOffset);
    }

    /** Takes {@code record} over: it is released by {@link #flush}. */
    void add(PendingTimers.Timer timer, MessageToStore message, MappedBufferSlice record, boolean delivery) {
        byDestination.computeIfAbsent(new Destination(message.topic(), message.queueId()), d -> new ArrayList<>())
                .add(new Entry(timer, message, record, delivery));
        queueOffsets.add(timer.queueOffset());
        size++;
    }

    boolean isFull() {
        return size >= MAX_TIMERS;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends everything gathered, releases the records and empties the batch. */
    Flushed flush(MessageStore store) {
        List<Entry> appended = new ArrayList<>(size);
        List<Entry> refused = new ArrayList<>();
        try {
            for (List<Entry> group : byDestination.values()) {
                if (!refused.isEmpty()) {
                    refused.addAll(group);
                    continue;
                }
                int from = 0;
                while (from < group.size()) {
                    int to = chunkEnd(group, from);
                    int done = appendChunk(store, group.subList(from, to), appended);
                    if (done < to - from) {
                        refused.addAll(group.subList(from + done, group.size()));
                        break;
                    }
                    from = to;
                }
            }
            return new Flushed(appended, refused);
        } catch (RuntimeException e) {
            // The store promises status values, not exceptions; should one escape, nothing gathered may be lost.
            LOG.error("appending due timers failed; retrying the ones not appended at the next pass", e);
            Set<Entry> done = Collections.newSetFromMap(new IdentityHashMap<>());
            done.addAll(appended);
            refused.clear();
            for (List<Entry> group : byDestination.values()) {
                for (Entry entry : group) {
                    if (!done.contains(entry)) {
                        refused.add(entry);
                    }
                }
            }
            return new Flushed(appended, refused);
        } finally {
            for (List<Entry> group : byDestination.values()) {
                for (Entry entry : group) {
                    entry.record().release();
                }
            }
            byDestination.clear();
            queueOffsets.clear();
            size = 0;
        }
    }

    private static int chunkEnd(List<Entry> group, int from) {
        int bytes = 0;
        int to = from;
        while (to < group.size() && (to == from || bytes + group.get(to).record().size() <= MAX_GROUP_BYTES)) {
            bytes += group.get(to).record().size();
            to++;
        }
        return to;
    }

    /**
     * Appends {@code chunk} as one batch, or one by one after a refused batch; appended entries go to
     * {@code appended}.
     *
     * @return how many entries of {@code chunk} were appended (fewer than all: the next one was refused)
     */
    private static int appendChunk(MessageStore store, List<Entry> chunk, List<Entry> appended) {
        if (chunk.size() > 1) {
            List<MessageToStore> messages = new ArrayList<>(chunk.size());
            for (Entry entry : chunk) {
                messages.add(entry.message());
            }
            if (store.putMessages(messages).isAppended()) {
                appended.addAll(chunk);
                return chunk.size();
            }
        }
        for (int i = 0; i < chunk.size(); i++) {
            Entry entry = chunk.get(i);
            PutMessageResult put = store.putMessage(entry.message());
            if (!put.isAppended()) {
                LOG.warn("{} timer entry {} to {}/{} failed: {} {}; retrying at the next pass",
                        entry.delivery() ? "firing" : "rolling", entry.timer().queueOffset(), entry.message().topic(),
                        entry.message().queueId(), put.status(), put.reason() == null ? "" : put.reason());
                return i;
            }
            appended.add(entry);
        }
        return chunk.size();
    }
}
