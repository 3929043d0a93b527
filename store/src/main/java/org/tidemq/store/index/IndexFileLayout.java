package org.tidemq.store.index;

/**
 * Byte layout of a RocketMQ-compatible index file (facts sheet §7.3), defined once: a 40-byte header, then
 * {@code hashSlotCount} 4-byte slots, then {@code maxIndexCount} 20-byte entries. Entry numbers start at 1; entry 0's
 * bytes are never used because 0 means "empty" in slots and in an entry's previous-entry link.
 *
 * <p>All integers are big-endian, as RocketMQ writes them.
 *
 * @param hashSlotCount number of hash buckets ({@code maxHashSlotNum}, RocketMQ default 5,000,000)
 * @param maxIndexCount number of entry positions ({@code maxIndexNum}, RocketMQ default 20,000,000); the file is full
 *                      once {@code indexCount} reaches it, so it holds {@code maxIndexCount - 1} keys
 */
public record IndexFileLayout(int hashSlotCount, int maxIndexCount) {

    /** RocketMQ's {@code maxHashSlotNum} default. */
    public static final int DEFAULT_HASH_SLOT_COUNT = 5_000_000;
    /** RocketMQ's {@code maxIndexNum} default. */
    public static final int DEFAULT_MAX_INDEX_COUNT = 20_000_000;

    public static final int HEADER_SIZE = 40;
    public static final int HEADER_BEGIN_TIMESTAMP = 0;
    public static final int HEADER_END_TIMESTAMP = 8;
    public static final int HEADER_BEGIN_PHY_OFFSET = 16;
    public static final int HEADER_END_PHY_OFFSET = 24;
    public static final int HEADER_HASH_SLOT_COUNT = 32;
    public static final int HEADER_INDEX_COUNT = 36;

    public static final int SLOT_SIZE = 4;

    public static final int ENTRY_SIZE = 20;
    public static final int ENTRY_KEY_HASH = 0;
    public static final int ENTRY_PHY_OFFSET = 4;
    public static final int ENTRY_TIME_DIFF_SECONDS = 12;
    public static final int ENTRY_PREV_INDEX = 16;

    /** Slot value / previous-entry link meaning "no entry". */
    public static final int NO_ENTRY = 0;
    /** {@code indexCount} of an empty file: the number the first entry will get. */
    public static final int FIRST_ENTRY = 1;

    public IndexFileLayout {
        if (hashSlotCount <= 0) {
            throw new IllegalArgumentException("maxHashSlotNum must be positive, got " + hashSlotCount);
        }
        if (maxIndexCount <= FIRST_ENTRY) {
            throw new IllegalArgumentException("maxIndexNum must be at least 2, got " + maxIndexCount);
        }
        long size = HEADER_SIZE + (long) hashSlotCount * SLOT_SIZE + (long) maxIndexCount * ENTRY_SIZE;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("index file of " + hashSlotCount + " slots and " + maxIndexCount
                    + " entries would be " + size + " bytes; a mapped index file must stay below 2 GiB");
        }
    }

    /** RocketMQ's default geometry: 420,000,040-byte files. */
    public static IndexFileLayout defaults() {
        return new IndexFileLayout(DEFAULT_HASH_SLOT_COUNT, DEFAULT_MAX_INDEX_COUNT);
    }

    /** Total file size in bytes. */
    public int fileSize() {
        return HEADER_SIZE + hashSlotCount * SLOT_SIZE + maxIndexCount * ENTRY_SIZE;
    }

    /** The bucket a key hash falls in. */
    public int slotOf(int keyHash) {
        return keyHash % hashSlotCount;
    }

    /** File position of a slot. */
    public int slotPosition(int slot) {
        return HEADER_SIZE + slot * SLOT_SIZE;
    }

    /** File position of entry number {@code entry} (1-based). */
    public int entryPosition(int entry) {
        return HEADER_SIZE + hashSlotCount * SLOT_SIZE + entry * ENTRY_SIZE;
    }
}
