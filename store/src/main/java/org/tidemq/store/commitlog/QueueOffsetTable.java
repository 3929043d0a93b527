package org.tidemq.store.commitlog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Next queue offset per topic and queue, assigned at append and restored from the ConsumeQueues on recovery.
 *
 * <p>Not thread-safe: every access happens under the CommitLog append lock (or before the store accepts writes).
 * Lookups allocate nothing: topic → array indexed by queue id.
 */
public final class QueueOffsetTable {

    private final Map<String, long[]> nextOffsets = new HashMap<>();

    /** The offset the next message of this queue gets. */
    public long next(String topic, int queueId) {
        long[] offsets = nextOffsets.get(topic);
        return offsets == null || queueId >= offsets.length ? 0 : offsets[queueId];
    }

    /** Records that {@code count} messages were given offsets starting at {@link #next}. */
    public void advance(String topic, int queueId, int count) {
        long[] offsets = slots(topic, queueId);
        offsets[queueId] += count;
    }

    public void set(String topic, int queueId, long nextOffset) {
        slots(topic, queueId)[queueId] = nextOffset;
    }

    public void removeTopic(String topic) {
        nextOffsets.remove(topic);
    }

    public void clear() {
        nextOffsets.clear();
    }

    private long[] slots(String topic, int queueId) {
        long[] offsets = nextOffsets.get(topic);
        if (offsets == null || queueId >= offsets.length) {
            int size = Math.max(queueId + 1, offsets == null ? 8 : offsets.length * 2);
            offsets = offsets == null ? new long[size] : Arrays.copyOf(offsets, size);
            nextOffsets.put(topic, offsets);
        }
        return offsets;
    }
}
