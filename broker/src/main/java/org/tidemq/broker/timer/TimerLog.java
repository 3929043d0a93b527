package org.tidemq.broker.timer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tidemq.store.mappedfile.MappedBufferCleaner;

/**
 * The append-only timer log: one {@link TimerLogLayout} entry per timer-queue offset, in memory-mapped segment files
 * of {@code entriesPerSegment} entries named by their first queue offset (20 digits). Entries live in the page cache,
 * not on the Java heap: a million timers cost 32 MB of mapped file and nothing per timer on the heap.
 *
 * <p>Durability: writes go to the mapping, so they survive a process crash at once; {@link #force()} makes them
 * survive an OS crash. An entry's STATE is written after its other fields, so a PENDING entry is complete.
 *
 * <p>Reclaiming: {@link #deleteDoneSegments} deletes the oldest segments, in order, once every entry of one is
 * indexed and no longer PENDING (a state never returns to PENDING below the indexing position). Only a prefix is
 * deleted, and a slot's chain links each entry to a lower queue offset, so a chain that reaches a deleted segment has
 * nothing PENDING beyond it: reading there gives EMPTY and NONE, which ends the walk.
 *
 * <p>Not thread-safe: one owner thread ({@link TimerMessageService}) reads and writes.
 */
public final class TimerLog implements AutoCloseable {
    public static final int DEFAULT_ENTRIES_PER_SEGMENT = 1 << 20;
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}");

    private final Path dir;
    private final int entriesPerSegment;
    private final Map<Long, MappedByteBuffer> segments = new TreeMap<>();
    /** First queue offsets of the segment files on disk. */
    private final NavigableSet<Long> onDisk = new TreeSet<>();
    /** Every entry below this one is known not to be PENDING (where reclaiming resumes its scan). */
    private long doneBelow;

    private TimerLog(Path dir, int entriesPerSegment) throws IOException {
        this.dir = dir;
        this.entriesPerSegment = entriesPerSegment;
        try (Stream<Path> files = Files.list(dir)) {
            files.map(file -> file.getFileName().toString()).filter(name -> SEGMENT_NAME.matcher(name).matches())
                    .map(Long::parseLong).forEach(onDisk::add);
        }
        doneBelow = onDisk.isEmpty() ? 0 : onDisk.first();
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

    /** Segment files on disk. */
    public int segmentFiles() {
        return onDisk.size();
    }

    /**
     * Deletes the oldest segment files, in order, while one lies wholly below {@code indexedThrough} and none of its
     * entries is PENDING. Scans each entry at most once over the log's life (the scan position only moves forward).
     *
     * @return segment files deleted
     */
    public int deleteDoneSegments(long indexedThrough) {
        int deleted = 0;
        while (!onDisk.isEmpty()) {
            long first = onDisk.first();
            long end = first + entriesPerSegment;
            if (end > indexedThrough) {
                return deleted;
            }
            MappedByteBuffer segment = segment(first, false);
            for (long offset = Math.max(first, doneBelow); offset < end; offset++) {
                if (segment.getInt(position(offset) + TimerLogLayout.STATE) == TimerLogLayout.STATE_PENDING) {
                    doneBelow = offset;
                    return deleted;
                }
            }
            segments.remove(first);
            MappedBufferCleaner.unmap(segment);
            Path file = segmentFile(first);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete timer log segment " + file, e);
            }
            onDisk.remove(first);
            doneBelow = end;
            deleted++;
        }
        return deleted;
    }

    private Path segmentFile(long first) {
        return dir.resolve(String.format("%020d", first));
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
        Path file = segmentFile(first);
        if (!create && !onDisk.contains(first)) {
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
        onDisk.add(first);
        return mapped;
    }
}
