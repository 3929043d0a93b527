package org.tidemq.store.mappedfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed-size segment file mapped with {@link FileChannel#map}, named by its 20-digit start offset.
 *
 * <p><b>Threads.</b> One writer at a time (the CommitLog append lock or a ConsumeQueue's dispatcher) writes at
 * absolute indexes of {@link #writeBuffer()} and then publishes with {@link #commitWrite}; readers only see bytes below
 * {@link #wrotePosition()}, which is volatile, so a record is visible only once complete. {@link #flush} may run on
 * another thread concurrently with the writer.
 *
 * <p><b>Lifetime.</b> A segment is reference counted: the segment itself holds one reference, and every
 * {@link MappedBufferSlice} another. {@link #destroy()} deletes the file at once and drops the segment's own
 * reference; the mapping is released (unmapped, freeing disk space and address range) as soon as the last slice is
 * released — never while a reader still holds a slice, so a slow reader cannot crash the JVM.
 *
 * <p><b>Resident pages.</b> Every page of the mapping that the writer or a reader has touched stays in the process's
 * resident set (RssFile) for as long as the mapping exists, so a 1 GiB segment written and read once would keep up to
 * 1 GiB "resident" although the kernel could reclaim it. {@link #remap()} replaces the mapping by a fresh one of the
 * same file (no page resident) and unmaps the old one once the last slice taken from it is released: the data stays
 * in the page cache, only this process's page-table references go. Each slice and each flush pins the mapping
 * generation it uses; the writer's {@link #writeBuffer()} is the current generation, so {@code remap()} must be
 * called under the writer's lock (see {@link #touchedBytesSinceRemap()}).
 */
public final class MappedFile {

    private static final Logger LOG = LoggerFactory.getLogger(MappedFile.class);

    public static final int OS_PAGE_SIZE = 4096;

    private final Path path;
    private final long fileFromOffset;
    private final int fileSize;
    /** The segment's lifetime: its own reference plus one per holder; the last release closes the mapping. */
    private final MappingLease lease;
    /** Current mapping generation; replaced by {@link #remap()}. */
    private volatile Mapping mapping;
    /** Bytes written or handed to readers since the current mapping was made: an upper bound of its resident size. */
    private final AtomicLong touchedSinceRemap = new AtomicLong();

    private volatile int wrotePosition;
    private volatile int flushedPosition;
    private volatile long storeTimestamp;

    /** One {@code mmap} of the whole file and the references that keep it mapped. */
    private record Mapping(MappedByteBuffer buffer, MappingLease lease) {
        static Mapping of(MappedByteBuffer buffer, Path path) {
            return new Mapping(buffer, new MappingLease(buffer, "mapping of segment " + path));
        }
    }

    private MappedFile(Path path, long fileFromOffset, int fileSize, MappedByteBuffer mapped) {
        this.path = path;
        this.fileFromOffset = fileFromOffset;
        this.fileSize = fileSize;
        this.mapping = Mapping.of(mapped, path);
        this.lease = new MappingLease(() -> mapping.lease().close(), "segment " + path);
    }

    private static MappedByteBuffer map(Path path, int fileSize) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        }
    }

    /**
     * Opens (creating and sizing if absent) the segment file and maps it. A new segment starts empty (write position
     * 0); an existing one is opened full (write position = size) until recovery sets the real positions.
     *
     * @throws IOException naming the file if it exists with another size or cannot be mapped
     */
    public static MappedFile open(Path path, int fileSize) throws IOException {
        long fromOffset = SegmentNames.startOffset(path);
        boolean existed = Files.exists(path);
        if (existed && Files.size(path) != fileSize) {
            throw new IOException("segment " + path + " has " + Files.size(path) + " bytes, expected " + fileSize
                    + " (was the segment size changed?)");
        }
        Files.createDirectories(path.getParent());
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (!existed) {
                channel.truncate(fileSize);
                // A sparse file of the right length; the mapping below pins its size.
                channel.write(ByteBuffer.allocate(1), fileSize - 1L);
            }
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        }
        MappedFile file = new MappedFile(path, fromOffset, fileSize, buffer);
        if (existed) {
            file.wrotePosition = fileSize;
            file.flushedPosition = fileSize;
        }
        return file;
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** Absolute offset of the segment's first byte (its name). */
    public long fileFromOffset() {
        return fileFromOffset;
    }

    /** Absolute offset just past the segment's last byte. */
    public long fileEndOffset() {
        return fileFromOffset + fileSize;
    }

    public int fileSize() {
        return fileSize;
    }

    /** Bytes written and visible to readers. */
    public int wrotePosition() {
        return wrotePosition;
    }

    /** Bytes known to be forced to disk. */
    public int flushedPosition() {
        return flushedPosition;
    }

    public boolean isFull() {
        return wrotePosition == fileSize;
    }

    /** Store timestamp of the last record written into this segment (0 if unknown). */
    public long storeTimestamp() {
        return storeTimestamp;
    }

    public void setStoreTimestamp(long storeTimestamp) {
        this.storeTimestamp = storeTimestamp;
    }

    /** File-system modification time in ms (0 if the file is gone). */
    public long lastModifiedMillis() {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            LOG.warn("cannot read the modification time of {}: {}", path, e.toString());
            return 0;
        }
    }

    /**
     * The mapped buffer for the single writer: absolute-index puts only (its position and limit are never used).
     * Bytes at or past {@link #wrotePosition()} are invisible until {@link #commitWrite}.
     */
    public ByteBuffer writeBuffer() {
        return mapping.buffer();
    }

    /** Publishes bytes up to {@code newWrotePosition} (single writer). */
    public void commitWrite(int newWrotePosition, long lastStoreTimestamp) {
        if (newWrotePosition < wrotePosition || newWrotePosition > fileSize) {
            throw new IllegalStateException("write position " + newWrotePosition + " outside [" + wrotePosition
                    + ", " + fileSize + "] in " + path);
        }
        touchedSinceRemap.addAndGet(newWrotePosition - wrotePosition);
        wrotePosition = newWrotePosition;
        // After the position: whoever reads this timestamp and then the position sees the record it belongs to.
        if (lastStoreTimestamp > 0) {
            storeTimestamp = lastStoreTimestamp;
        }
    }

    /**
     * Copies as much of {@code src} (position..limit) as fits at the write position and publishes it; advances
     * {@code src}'s position by the bytes taken (single writer).
     *
     * @return bytes written
     */
    public int appendBytes(ByteBuffer src) {
        int position = wrotePosition;
        int length = Math.min(src.remaining(), fileSize - position);
        mapping.buffer().put(position, src, src.position(), length);
        src.position(src.position() + length);
        touchedSinceRemap.addAndGet(length);
        wrotePosition = position + length;
        return length;
    }

    /** Recovery and truncation: sets both positions (the caller makes sure nobody writes concurrently). */
    public void resetPositions(int position) {
        if (position < 0 || position > fileSize) {
            throw new IllegalArgumentException("position " + position + " outside [0, " + fileSize + "]");
        }
        wrotePosition = position;
        flushedPosition = Math.min(flushedPosition, position);
    }

    public void setFlushedPosition(int position) {
        flushedPosition = position;
    }

    /**
     * Forces written bytes to disk when at least {@code leastPages} 4 KiB pages are dirty (0 = whenever anything is
     * dirty; a full segment is always forced).
     *
     * @return the flushed position afterwards
     */
    public int flush(int leastPages) {
        int flushed = flushedPosition;
        int wrote = wrotePosition;
        if (wrote <= flushed || !isAbleToFlush(flushed, wrote, leastPages)) {
            return flushed;
        }
        if (!hold()) {
            return flushed;
        }
        Mapping pinned = pinMapping();
        try {
            int from = flushed - flushed % OS_PAGE_SIZE;
            // msync of any mapping of the file forces the file's dirty pages in that range, whichever mapping
            // dirtied them (a retired one included).
            pinned.buffer().force(from, wrote - from);
            flushedPosition = wrote;
            return wrote;
        } finally {
            pinned.lease().release();
            release();
        }
    }

    private boolean isAbleToFlush(int flushed, int wrote, int leastPages) {
        if (wrote == fileSize || leastPages <= 0) {
            return true;
        }
        return wrote / OS_PAGE_SIZE - flushed / OS_PAGE_SIZE >= leastPages;
    }

    /**
     * A zero-copy view of {@code size} bytes at {@code position}, or null if they are not all written yet or the
     * segment is being deleted. The caller must {@link MappedBufferSlice#release()} it.
     */
    public MappedBufferSlice selectSlice(int position, int size) {
        if (position < 0 || size < 0 || position + size > wrotePosition || !hold()) {
            return null;
        }
        Mapping pinned = pinMapping();
        touchedSinceRemap.addAndGet(size);
        ByteBuffer view = pinned.buffer().slice(position, size).asReadOnlyBuffer();
        return new MappedBufferSlice(this, pinned.lease(), fileFromOffset + position, view);
    }

    /**
     * The current mapping with a reference taken on it. The caller holds the segment ({@link #hold()}), so the
     * segment's lifetime cannot end meanwhile and only a concurrent {@link #remap()} can close the generation read:
     * then the next read sees its replacement.
     */
    private Mapping pinMapping() {
        while (true) {
            Mapping current = mapping;
            if (current.lease().retain()) {
                return current;
            }
            Thread.onSpinWait();
        }
    }

    /** Bytes written or read through the current mapping since it was made (see {@link #remap()}). */
    public long touchedBytesSinceRemap() {
        return touchedSinceRemap.get();
    }

    /**
     * Maps the file afresh and retires the current mapping, which is unmapped when the last slice or flush using it
     * is done; drops this process's resident pages of the segment (the page cache keeps the data). The caller must
     * exclude the writer (hold the lock under which {@link #writeBuffer()} is used), because the writer uses the
     * current mapping without a reference.
     *
     * <p>The retired mapping is returned rather than closed here so the caller can close it after leaving its lock:
     * unmapping a mapping with many resident pages takes a while, and appends should not wait for it.
     *
     * @return the retired mapping's lease, which the caller must {@link MappingLease#close() close}; null if the
     *         segment is closed (nothing changed)
     * @throws IOException if the file cannot be mapped again (the current mapping stays in use)
     */
    public synchronized MappingLease remap() throws IOException {
        if (!lease.isOpen()) {
            return null;
        }
        Mapping retired = mapping;
        mapping = Mapping.of(map(path, fileSize), path);
        touchedSinceRemap.set(0);
        return retired.lease();
    }

    /** A zero-copy view from {@code position} to the write position (null if empty or being deleted). */
    public MappedBufferSlice selectSlice(int position) {
        int wrote = wrotePosition;
        return position < wrote ? selectSlice(position, wrote - position) : null;
    }

    /** Takes a reference; false if the segment is being deleted. Pair with {@link #release()}. */
    public boolean hold() {
        return lease.retain();
    }

    /** Drops a reference; the last one unmaps the segment. */
    public void release() {
        lease.release();
    }

    /** Zeroes every non-zero page from {@code position} to the end and forces them, so nothing stale survives. */
    public void zeroFrom(int position) {
        int page = position;
        while (page < fileSize) {
            int pageEnd = Math.min(fileSize, (page / OS_PAGE_SIZE + 1) * OS_PAGE_SIZE);
            if (!isZero(page, pageEnd)) {
                for (int i = page; i < pageEnd; i++) {
                    mapping.buffer().put(i, (byte) 0);
                }
            }
            page = pageEnd;
        }
        if (position < fileSize) {
            int from = position - position % OS_PAGE_SIZE;
            mapping.buffer().force(from, fileSize - from);
        }
    }

    private boolean isZero(int from, int to) {
        ByteBuffer mapped = mapping.buffer();
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (mapped.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (mapped.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Touches every page from the write position on, so the writer never takes the page faults. */
    public void warm() {
        ByteBuffer mapped = mapping.buffer();
        for (int i = wrotePosition; i < fileSize; i += OS_PAGE_SIZE) {
            mapped.put(i, (byte) 0);
        }
    }

    /** False once {@link #close()} or {@link #destroy()} was called. */
    public boolean isAvailable() {
        return lease.isOpen();
    }

    /** True once the mapping was released (all references returned after close/destroy). */
    public boolean isUnmapped() {
        return mapping.lease().isUnmapped();
    }

    /** Current reference count (1 = only the segment's own). */
    public int referenceCount() {
        return lease.references();
    }

    /** Stops new readers and drops the segment's own reference, keeping the file. Idempotent. */
    public synchronized void close() {
        lease.close();
    }

    /**
     * Deletes the file and releases the mapping as soon as no reader holds a slice. Idempotent.
     *
     * @return whether the file is gone
     */
    public synchronized boolean destroy() {
        close();
        try {
            Files.deleteIfExists(path);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot delete segment {}: {}", path, e.toString());
            return false;
        }
    }

    @Override
    public String toString() {
        return "MappedFile[" + fileName() + ", wrote=" + wrotePosition + ", flushed=" + flushedPosition + "]";
    }
}
