package org.tidemq.store.index;

import org.tidemq.store.mappedfile.MappingLease;
import static org.tidemq.store.index.IndexFileLayout.ENTRY_KEY_HASH;
import static org.tidemq.store.index.IndexFileLayout.ENTRY_PHY_OFFSET;
import static org.tidemq.store.index.IndexFileLayout.ENTRY_PREV_INDEX;
import static org.tidemq.store.index.IndexFileLayout.ENTRY_TIME_DIFF_SECONDS;
import static org.tidemq.store.index.IndexFileLayout.FIRST_ENTRY;
import static org.tidemq.store.index.IndexFileLayout.HEADER_BEGIN_PHY_OFFSET;
import static org.tidemq.store.index.IndexFileLayout.HEADER_BEGIN_TIMESTAMP;
import static org.tidemq.store.index.IndexFileLayout.HEADER_END_PHY_OFFSET;
import static org.tidemq.store.index.IndexFileLayout.HEADER_END_TIMESTAMP;
import static org.tidemq.store.index.IndexFileLayout.HEADER_HASH_SLOT_COUNT;
import static org.tidemq.store.index.IndexFileLayout.HEADER_INDEX_COUNT;
import static org.tidemq.store.index.IndexFileLayout.NO_ENTRY;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One memory-mapped hash index file (facts sheet §7.3): maps {@code topic#key} to commit-log offsets, newest first.
 *
 * <p>Thread-safety: exactly one thread may call {@link #putKey} (the dispatcher); any number of threads may call the
 * read methods concurrently with it. A put writes its entry, then publishes it by storing the slot with release
 * semantics; readers load slots with acquire semantics, so an entry reachable from a slot is always completely
 * visible. Header values are mirrored in volatile fields.
 *
 * <p>Lifetime: the file is reference counted, because touching an unmapped buffer crashes the JVM. The file holds
 * one reference itself; a thread that may race with {@link #close()} or {@link #destroy()} brackets its use with
 * {@link #retain()} and {@link #release()}. Closing drops the file's own reference, and the mapping is released when
 * the last reference is returned.
 *
 * <p>Durability: nothing is durable until {@link #flush()} returns.
 */
public final class IndexFile {

    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final long MILLIS_PER_SECOND = 1000L;

    private final Path path;
    private final IndexFileLayout layout;
    private final MappedByteBuffer buffer;
    private final MappingLease lease;

    private volatile long beginTimestamp;
    private volatile long endTimestamp;
    private volatile long beginPhyOffset;
    private volatile long endPhyOffset;
    private volatile int usedSlotCount;
    private volatile int indexCount;
    private volatile int flushedIndexCount;

    private IndexFile(Path path, IndexFileLayout layout, MappedByteBuffer buffer) {
        this.path = path;
        this.layout = layout;
        this.buffer = buffer;
        this.lease = new MappingLease(buffer, "index file " + path);
    }

    /**
     * Creates a new, empty index file. {@code initialPhyOffset} and {@code initialTimestamp} (the previous file's end
     * values, as RocketMQ does) stand in for the begin/end header values until the first key is put.
     */
    public static IndexFile create(Path path, IndexFileLayout layout, long initialPhyOffset, long initialTimestamp)
            throws IOException {
        IndexFile file = new IndexFile(path, layout, map(path, layout, true));
        file.beginTimestamp = initialTimestamp;
        file.endTimestamp = initialTimestamp;
        file.beginPhyOffset = initialPhyOffset;
        file.endPhyOffset = initialPhyOffset;
        file.usedSlotCount = 0;
        file.indexCount = FIRST_ENTRY;
        file.writeHeader();
        return file;
    }

    /** Opens an existing index file; fails naming the file when its size or header does not fit {@code layout}. */
    public static IndexFile open(Path path, IndexFileLayout layout) throws IOException {
        long size = Files.size(path);
        if (size != layout.fileSize()) {
            throw new IOException("index file " + path + " is " + size + " bytes but maxHashSlotNum="
                    + layout.hashSlotCount() + ", maxIndexNum=" + layout.maxIndexCount() + " needs "
                    + layout.fileSize() + " bytes");
        }
        MappedByteBuffer buffer = map(path, layout, false);
        IndexFile file = new IndexFile(path, layout, buffer);
        file.beginTimestamp = buffer.getLong(HEADER_BEGIN_TIMESTAMP);
        file.endTimestamp = buffer.getLong(HEADER_END_TIMESTAMP);
        file.beginPhyOffset = buffer.getLong(HEADER_BEGIN_PHY_OFFSET);
        file.endPhyOffset = buffer.getLong(HEADER_END_PHY_OFFSET);
        file.usedSlotCount = buffer.getInt(HEADER_HASH_SLOT_COUNT);
        int count = buffer.getInt(HEADER_INDEX_COUNT);
        if (count < FIRST_ENTRY || count > layout.maxIndexCount()) {
            file.close();
            throw new IOException("index file " + path + " has indexCount " + count + " outside [" + FIRST_ENTRY
                    + ", " + layout.maxIndexCount() + "]");
        }
        file.indexCount = count;
        file.flushedIndexCount = count;
        return file;
    }

    private static MappedByteBuffer map(Path path, IndexFileLayout layout, boolean createNew) throws IOException {
        StandardOpenOption[] options = createNew
                ? new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        // The mapping stays valid after the channel is closed; a sparse file costs no disk until entries are written.
        try (FileChannel channel = FileChannel.open(path, options)) {
            if (createNew) {
                channel.truncate(0);
                channel.write(ByteBuffer.allocate(1), layout.fileSize() - 1L);
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.fileSize());
        }
    }

    /**
     * Adds {@code key} for the message at {@code phyOffset}. Single writer only.
     *
     * @return false when the file is full (nothing written); the caller rolls to a new file
     */
    public boolean putKey(String key, long phyOffset, long storeTimestamp) {
        int entry = indexCount;
        if (entry >= layout.maxIndexCount()) {
            return false;
        }
        int keyHash = IndexKeys.hash(key);
        int slotPosition = layout.slotPosition(layout.slotOf(keyHash));
        int previous = (int) SLOT.get(buffer, slotPosition);
        if (previous <= NO_ENTRY || previous >= entry) {
            // Empty, or garbage left by a crash in a slot whose entry never got counted.
            previous = NO_ENTRY;
        }
        if (entry == FIRST_ENTRY) {
            beginTimestamp = storeTimestamp;
            beginPhyOffset = phyOffset;
        }
        int entryPosition = layout.entryPosition(entry);
        buffer.putInt(entryPosition + ENTRY_KEY_HASH, keyHash);
        buffer.putLong(entryPosition + ENTRY_PHY_OFFSET, phyOffset);
        buffer.putInt(entryPosition + ENTRY_TIME_DIFF_SECONDS, timeDiffSeconds(storeTimestamp));
        buffer.putInt(entryPosition + ENTRY_PREV_INDEX, previous);
        SLOT.setRelease(buffer, slotPosition, entry);

        if (previous == NO_ENTRY) {
            usedSlotCount = usedSlotCount + 1;
        }
        // Keep the end time monotonic so time-range pruning never skips a file because the wall clock stepped back.
        endTimestamp = Math.max(endTimestamp, storeTimestamp);
        endPhyOffset = phyOffset;
        indexCount = entry + 1;
        writeHeader();
        return true;
    }

    private int timeDiffSeconds(long storeTimestamp) {
        long begin = beginTimestamp;
        if (begin <= 0) {
            return 0;
        }
        long diff = (storeTimestamp - begin) / MILLIS_PER_SECOND;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, diff));
    }

    private void writeHeader() {
        buffer.putLong(HEADER_BEGIN_TIMESTAMP, beginTimestamp);
        buffer.putLong(HEADER_END_TIMESTAMP, endTimestamp);
        buffer.putLong(HEADER_BEGIN_PHY_OFFSET, beginPhyOffset);
        buffer.putLong(HEADER_END_PHY_OFFSET, endPhyOffset);
        buffer.putInt(HEADER_HASH_SLOT_COUNT, usedSlotCount);
        buffer.putInt(HEADER_INDEX_COUNT, indexCount);
    }

    /**
     * Appends to {@code out} (until it holds {@code maxNum}) the offsets stored under {@code key} whose store time,
     * at the file's one-second resolution, lies in [{@code beginTimestamp}, {@code endTimestamp}], newest first.
     * Results are candidates: different keys may share a hash, so callers check the message itself.
     */
    public void selectPhyOffsets(List<Long> out, String key, int maxNum, long beginTimestamp, long endTimestamp) {
        int keyHash = IndexKeys.hash(key);
        int entry = (int) SLOT.getAcquire(buffer, layout.slotPosition(layout.slotOf(keyHash)));
        // Read after the slot: a concurrent put publishes the slot before it bumps the count.
        int limit = indexCount;
        long fileBegin = this.beginTimestamp;
        while (entry > NO_ENTRY && entry <= limit && entry < layout.maxIndexCount() && out.size() < maxNum) {
            int entryPosition = layout.entryPosition(entry);
            int storedHash = buffer.getInt(entryPosition + ENTRY_KEY_HASH);
            long phyOffset = buffer.getLong(entryPosition + ENTRY_PHY_OFFSET);
            long storeTime = fileBegin + buffer.getInt(entryPosition + ENTRY_TIME_DIFF_SECONDS) * MILLIS_PER_SECOND;
            int previous = buffer.getInt(entryPosition + ENTRY_PREV_INDEX);
            if (storedHash == keyHash && storeTime >= beginTimestamp && storeTime <= endTimestamp) {
                out.add(phyOffset);
            }
            if (storeTime < beginTimestamp || previous >= entry) {
                // Older entries are older still; a non-decreasing link can only be crash garbage.
                break;
            }
            entry = previous;
        }
    }

    /** Whether this file may hold entries stored within [{@code begin}, {@code end}]. */
    public boolean overlaps(long begin, long end) {
        return begin <= endTimestamp && end >= beginTimestamp;
    }

    /** True once no further key fits; the writer then rolls to a new file. */
    public boolean isWriteFull() {
        return indexCount >= layout.maxIndexCount();
    }

    /** Forces the mapped pages to disk. Safe to call concurrently with puts and reads. */
    public void flush() {
        int count = indexCount;
        buffer.force();
        flushedIndexCount = count;
    }

    /** Whether keys were put since the last {@link #flush()} began (a new file counts as dirty). */
    public boolean isDirty() {
        return flushedIndexCount != indexCount;
    }

    /**
     * Takes a reference that keeps the file mapped until {@link #release()}.
     *
     * @return false once the file is closed (then it must not be used)
     */
    public boolean retain() {
        return lease.retain();
    }

    /** Returns a reference; the last one unmaps the file. */
    public void release() {
        lease.release();
    }

    /** Refuses new references and drops the file's own; unmaps once no reader holds one. Idempotent. */
    public void close() {
        lease.close();
    }

    /** {@link #close()} and deletes the file (its disk space returns once the mapping is released). Idempotent. */
    public void destroy() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public long beginTimestamp() {
        return beginTimestamp;
    }

    public long endTimestamp() {
        return endTimestamp;
    }

    public long beginPhyOffset() {
        return beginPhyOffset;
    }

    /** Commit-log offset of the newest indexed message (its start, as in RocketMQ). */
    public long endPhyOffset() {
        return endPhyOffset;
    }

    /** Number of non-empty hash slots (the header's {@code hashSlotCount}). */
    public int usedSlotCount() {
        return usedSlotCount;
    }

    /** The number the next entry will get; 1 for an empty file. */
    public int indexCount() {
        return indexCount;
    }

    /** Number of keys stored. */
    public int entryCount() {
        return indexCount - FIRST_ENTRY;
    }

    /** True when no key has been put yet. */
    public boolean isEmpty() {
        return indexCount == FIRST_ENTRY;
    }

    @Override
    public String toString() {
        return "IndexFile[" + path + ", entries=" + entryCount() + ", phy=" + beginPhyOffset + ".." + endPhyOffset
                + ", time=" + beginTimestamp + ".." + endTimestamp + "]";
    }
}
