package org.tidemq.broker.timer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tidemq.store.mappedfile.MappedBufferCleaner;

/**
 * The append-only timer log: one {@link TimerLogLayout} entry per timer-queue offset, in memory-mapped segment files
 * of {@code entriesPerSegment} entries named by their first queue offset (20 digits). Entries live in the page cache,
 * not on the Java heap: a million timers cost 32 MB of mapped file and nothing per timer on the heap.
 *
 * <p>Durability: writes go to the mapping, so they survive a process crash at once; {@link #force()} makes them
 * survive an OS crash. An entry's STATE is written after its other fields, so a PENDING entry is complete.
 *
 * <p>Not thread-safe: one owner thread ({@link TimerMessageService}) reads and writes.
 */
public final class TimerLog implements AutoCloseable {
    public static final int DEFAULT_ENTRIES_PER_SEGMENT = 1 << 20;

    private final Path dir;
    private final int entriesPerSegment;
    private final Map<Long, MappedByteBuffer> segments = new TreeMap<>();

    private TimerLog(Path dir, int entriesPerSegment) {
        this.dir = dir;
        this.entriesPerSegment = entriesPerSegment;
    }

    /** Opens (creating the directory) a log; segments are mapped when first touched. */
    public static TimerLog open(Path dir, int entriesPerSegment) throws IOException {
        if (entriesPerSegment <= 0) {
            throw new IllegalArgumentException("entriesPerSegment must be > 0, got " + entriesPerSegment);
        }
        Files.createDirectories(dir);
        return new TimerLog(dir, entriesPerSegment);
    }

    /** Writes a PENDING entry for {@code queueOffset} (overwriting a torn or earlier write of the same offset). */
    public void writePending(long queueOffset, long commitLogOffset, int messageSize, long deliverMs,
                             long previousInSlot) {
        MappedByteBuffer segment = segment(queueOffset, true);
        int at = position(queueOffset);
        segment.putLong(at + TimerLogLayout.COMMIT_LOG_OFFSET, commitLogOffset);
        segment.putInt(at + TimerLogLayout.MESSAGE_SIZE, messageSize);
        segment.putLong(at + TimerLogLayout.DELIVER_MS, deliverMs);
        segment.putLong(at + TimerLogLayout.PREVIOUS_IN_SLOT, previousInSlot);
        segment.putInt(at + TimerLogLayout.STATE, TimerLogLayout.STATE_PENDING);
    }

    /** Sets the state of an entry (FIRED after delivery, SKIPPED for an undeliverable record). */
    public void setState(long queueOffset, int state) {
        segment(queueOffset, true).putInt(position(queueOffset) + TimerLogLayout.STATE, state);
    }

    /** STATE of an entry; EMPTY when its segment does not exist. */
    public int state(long queueOffset) {
        MappedByteBuffer segment = segment(queueOffset, false);
        return segment == null ? TimerLogLayout.STATE_EMPTY
                : segment.getInt(position(queueOffset) + TimerLogLayout.STATE);
    }

    public long commitLogOffset(long queueOffset) {
        return readLong(queueOffset, TimerLogLayout.COMMIT_LOG_OFFSET);
    }

    public int messageSize(long queueOffset) {
        MappedByteBuffer segment = segment(queueOffset, false);
        return segment == null ? 0 : segment.getInt(position(queueOffset) + TimerLogLayout.MESSAGE_SIZE);
    }

    public long deliverMs(long queueOffset) {
        return readLong(queueOffset, TimerLogLayout.DELIVER_MS);
    }

    public long previousInSlot(long queueOffset) {
        MappedByteBuffer segment = segment(queueOffset, false);
        return segment == null ? TimerLogLayout.NONE
                : segment.getLong(position(queueOffset) + TimerLogLayout.PREVIOUS_IN_SLOT);
    }

    /** Segment files currently mapped. */
    public int mappedSegments() {
        return segments.size();
    }

    /** Bytes of one segment file. */
    public long segmentBytes() {
        return (long) entriesPerSegment * TimerLogLayout.ENTRY_SIZE;
    }

    /** Forces every mapped segment to disk. */
    public void force() {
        for (MappedByteBuffer segment : segments.values()) {
            segment.force();
        }
    }

    @Override
    public void close() {
        force();
        for (MappedByteBuffer segment : segments.values()) {
            MappedBufferCleaner.unmap(segment);
        }
        segments.clear();
    }

    private long readLong(long queueOffset, int field) {
        MappedByteBuffer segment = segment(queueOffset, false);
        return segment == null ? 0 : segment.getLong(position(queueOffset) + field);
    }

    private int position(long queueOffset) {
        return (int) (queueOffset % entriesPerSegment) * TimerLogLayout.ENTRY_SIZE;
    }

    private MappedByteBuffer segment(long queueOffset, boolean create) {
        if (queueOffset < 0) {
            throw new IllegalArgumentException("queue offset must be >= 0, got " + queueOffset);
        }
        long first = queueOffset / entriesPerSegment * entriesPerSegment;
        MappedByteBuffer mapped = segments.get(first);
        if (mapped != null) {
            return mapped;
        }
        Path file = dir.resolve(String.format("%020d", first));
        if (!create && !Files.exists(file)) {
            return null;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() < segmentBytes()) {
                raf.setLength(segmentBytes());
            }
            mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, segmentBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map timer log segment " + file, e);
        }
        segments.put(first, mapped);
        return mapped;
    }
}
