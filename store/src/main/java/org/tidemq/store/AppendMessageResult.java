package org.tidemq.store;

/**
 * Where an append put its message(s). For a batch the records are contiguous and their queue offsets consecutive.
 *
 * @param wroteOffset    physical offset of the first record
 * @param wroteBytes     bytes of all records (excluding any end-of-segment filler)
 * @param queueOffset    queue offset of the first record (0 for prepared/rolled-back transactional messages)
 * @param messageCount   records written
 * @param storeTimestamp store time shared by the records, ms
 * @param batchOffsets   physical offset of each record of a batch (null for a single message); read it through
 *                       {@link #physicalOffset(int)}
 */
public record AppendMessageResult(
        long wroteOffset,
        int wroteBytes,
        long queueOffset,
        int messageCount,
        long storeTimestamp,
        long[] batchOffsets) {

    public static AppendMessageResult single(long wroteOffset, int wroteBytes, long queueOffset, long storeTimestamp) {
        return new AppendMessageResult(wroteOffset, wroteBytes, queueOffset, 1, storeTimestamp, null);
    }

    /** Physical offset of the {@code index}-th record (0-based), e.g. for its offset message id. */
    public long physicalOffset(int index) {
        if (index < 0 || index >= messageCount) {
            throw new IndexOutOfBoundsException("record " + index + " of " + messageCount);
        }
        return batchOffsets == null ? wroteOffset : batchOffsets[index];
    }

    /** Offset just past the last record. */
    public long endOffset() {
        return wroteOffset + wroteBytes;
    }
}
