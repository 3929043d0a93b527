package org.tidemq.store.consumequeue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 20-byte ConsumeQueue entry (facts §7.2), defined once: {@code long commitLogOffset · int size · long tagsCode};
 * entry {@code n} (the queue offset) is at byte {@code n * 20}.
 */
public final class ConsumeQueueEntry {

    public static final int COMMIT_LOG_OFFSET = 0;
    public static final int SIZE = 8;
    public static final int TAGS_CODE = 12;
    public static final int ENTRY_SIZE = 20;

    /**
     * Placeholder for queue offsets that have no message in this store (a queue that starts mid-stream, or a gap):
     * offset 0, size {@link Integer#MAX_VALUE}, as RocketMQ writes it. Readers skip it.
     */
    public static final int FILLER_SIZE = Integer.MAX_VALUE;

    private static final VarHandle INT_FIELD = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private ConsumeQueueEntry() {
    }

    /**
     * Writes an entry so that it is never seen half-written: {@link #isWritten} keys on the size field, which is
     * stored last with release ordering. A process killed mid-write therefore leaves an entry that reads as absent
     * (recovery replays it from the CommitLog), never one with a valid pointer and a missing tag hash.
     */
    public static void write(ByteBuffer buf, int at, long commitLogOffset, int size, long tagsCode) {
        buf.putLong(at + COMMIT_LOG_OFFSET, commitLogOffset);
        buf.putLong(at + TAGS_CODE, tagsCode);
        // at + SIZE = 20k + 8 is 4-byte aligned in a page-aligned mapping, as release access requires.
        INT_FIELD.setRelease(buf, at + SIZE, size);
    }

    public static long commitLogOffset(ByteBuffer buf, int at) {
        return buf.getLong(at + COMMIT_LOG_OFFSET);
    }

    public static int size(ByteBuffer buf, int at) {
        return buf.getInt(at + SIZE);
    }

    public static long tagsCode(ByteBuffer buf, int at) {
        return buf.getLong(at + TAGS_CODE);
    }

    /** A written entry (message or filler); all-zero bytes are not. */
    public static boolean isWritten(ByteBuffer buf, int at) {
        return commitLogOffset(buf, at) >= 0 && size(buf, at) > 0;
    }

    public static boolean isFiller(ByteBuffer buf, int at) {
        return size(buf, at) == FILLER_SIZE && commitLogOffset(buf, at) == 0;
    }

    public static long queueOffset(long byteOffset) {
        return byteOffset / ENTRY_SIZE;
    }

    public static long byteOffset(long queueOffset) {
        return queueOffset * ENTRY_SIZE;
    }
}
