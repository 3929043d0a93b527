package org.tidemq.broker.timer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tidemq.store.mappedfile.MappedBufferCleaner;

/**
 * The memory-mapped wheel ({@link TimerWheelLayout}): per absolute slot (deliver ms / precision) the tail of its
 * chain of timer-log entries and their count, plus the indexing and firing progress. The file is sparse: only
 * touched slots take disk pages.
 *
 * <p>Durability as {@link TimerLog}: writes survive a process crash at once, an OS crash after {@link #force()}.
 * Not thread-safe: one owner thread.
 */
public final class TimerWheel implements AutoCloseable {
    private final Path file;
    private final long precisionMs;
    private final long slotCount;
    private final MappedByteBuffer map;
    private final boolean created;

    private TimerWheel(Path file, long precisionMs, long slotCount, MappedByteBuffer map, boolean created) {
        this.file = file;
        this.precisionMs = precisionMs;
        this.slotCount = slotCount;
        this.map = map;
        this.created = created;
    }

    /**
     * Opens or creates the wheel file.
     *
     * @throws IOException when the file exists with another precision or slot count (the wheel cannot be reshaped
     *                     in place: message names both values), or is not a wheel file
     */
    public static TimerWheel open(Path file, long precisionMs, long slotCount) throws IOException {
        if (precisionMs <= 0 || slotCount <= 0) {
            throw new IllegalArgumentException("precisionMs and slotCount must be > 0");
        }
        long size = TimerWheelLayout.fileSize(slotCount);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a wheel of " + slotCount + " slots does not fit one mapping");
        }
        Files.createDirectories(file.getParent());
        boolean exists = Files.exists(file) && Files.size(file) >= TimerWheelLayout.HEADER_SIZE;
        MappedByteBuffer map;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (exists) {
                MappedByteBuffer header = raf.getChannel().map(FileChannel.MapMode.READ_ONLY, 0,
                        TimerWheelLayout.HEADER_SIZE);
                int magic = header.getInt(TimerWheelLayout.MAGIC);
                long storedPrecision = header.getLong(TimerWheelLayout.PRECISION_MS);
                long storedSlots = header.getLong(TimerWheelLayout.SLOT_COUNT);
                MappedBufferCleaner.unmap(header);
                if (magic != TimerWheelLayout.MAGIC_VALUE) {
                    throw new IOException(file + " is not a timer wheel (magic " + Integer.toHexString(magic) + ")");
                }
                if (storedPrecision != precisionMs || storedSlots != slotCount) {
                    throw new IOException("timer wheel " + file + " was built with timerPrecisionMs=" + storedPrecision
                            + " and " + storedSlots + " slots, the configuration asks for " + precisionMs + " and "
                            + slotCount + " (timerMaxDelaySec changed?): restore the previous timerPrecisionMs and"
                            + " timerMaxDelaySec");
                }
            }
            if (raf.length() < size) {
                raf.setLength(size);
            }
            map = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
        if (!exists) {
            map.putInt(TimerWheelLayout.VERSION, TimerWheelLayout.VERSION_VALUE);
            map.putLong(TimerWheelLayout.PRECISION_MS, precisionMs);
            map.putLong(TimerWheelLayout.SLOT_COUNT, slotCount);
            map.putInt(TimerWheelLayout.MAGIC, TimerWheelLayout.MAGIC_VALUE);
        }
        return new TimerWheel(file, precisionMs, slotCount, map, !exists);
    }

    /** Whether {@link #open} created the file (no progress recorded yet). */
    public boolean created() {
        return created;
    }

    public Path file() {
        return file;
    }

    public long precisionMs() {
        return precisionMs;
    }

    public long slotCount() {
        return slotCount;
    }

    /** The absolute slot of a deliver time. */
    public long slotOf(long deliverMs) {
        return Math.floorDiv(deliverMs, precisionMs);
    }

    public long nextQueueOffset() {
        return map.getLong(TimerWheelLayout.NEXT_QUEUE_OFFSET);
    }

    public void nextQueueOffset(long offset) {
        map.putLong(TimerWheelLayout.NEXT_QUEUE_OFFSET, offset);
    }

    public long firedThroughSlot() {
        return map.getLong(TimerWheelLayout.FIRED_THROUGH_SLOT);
    }

    public void firedThroughSlot(long slot) {
        map.putLong(TimerWheelLayout.FIRED_THROUGH_SLOT, slot);
    }

    /** The absolute slot the storage of {@code slot} holds now (0 = never used). */
    public long heldSlot(long slot) {
        return map.getLong(at(slot) + TimerWheelLayout.SLOT_NUMBER);
    }

    /** Entries linked into {@code slot}; 0 when its storage holds another slot. */
    public int count(long slot) {
        int at = at(slot);
        return map.getLong(at + TimerWheelLayout.SLOT_NUMBER) == slot ? map.getInt(at + TimerWheelLayout.COUNT) : 0;
    }

    /** Queue offset of the last entry linked into {@code slot}, NONE when it has none. */
    public long tail(long slot) {
        return count(slot) == 0 ? TimerLogLayout.NONE : map.getLong(at(slot) + TimerWheelLayout.TAIL);
    }

    /** Makes the storage of {@code slot} hold it, empty (its previous lap must be done). */
    public void claim(long slot) {
        int at = at(slot);
        map.putInt(at + TimerWheelLayout.COUNT, 0);
        map.putLong(at + TimerWheelLayout.TAIL, TimerLogLayout.NONE);
        map.putLong(at + TimerWheelLayout.SLOT_NUMBER, slot);
    }

    /** Links {@code queueOffset} as the new tail of {@code slot} (which must be held: {@link #claim}). */
    public void link(long slot, long queueOffset) {
        int at = at(slot);
        map.putLong(at + TimerWheelLayout.TAIL, queueOffset);
        map.putInt(at + TimerWheelLayout.COUNT, map.getInt(at + TimerWheelLayout.COUNT) + 1);
    }

    public void force() {
        map.force();
    }

    @Override
    public void close() {
        map.force();
        MappedBufferCleaner.unmap(map);
    }

    private int at(long slot) {
        return (int) TimerWheelLayout.slotPosition(slot, slotCount);
    }
}
