package org.tidemq.store.mappedfile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered list of equally sized {@link MappedFile} segments in one directory forming one logical byte stream
 * (a CommitLog, or one ConsumeQueue). Segment {@code n} covers {@code [start, start + fileSize)} where the start is
 * the segment's name.
 *
 * <p><b>Threads.</b> One writer appends at the tail ({@link #lastSegmentForAppend}); any thread may read, look up
 * segments and flush; a retention thread may delete segments at the head ({@link #deleteSegmentsWhile}). The segment
 * list is copy-on-write, so lookups never block. {@link #truncateAfter} and {@link #load} must not run concurrently
 * with the writer.
 */
public final class MappedFileQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);

    private final Path dir;
    private final int fileSize;
    private final MappedFileAllocator allocator;
    private final CopyOnWriteArrayList<MappedFile> segments = new CopyOnWriteArrayList<>();
    private volatile long flushedWhere;

    public MappedFileQueue(Path dir, int fileSize, MappedFileAllocator allocator) {
        this.dir = dir;
        this.fileSize = fileSize;
        this.allocator = allocator;
    }

    public Path dir() {
        return dir;
    }

    public int fileSize() {
        return fileSize;
    }

    /**
     * Maps the segments found in the directory, oldest first, each opened full (recovery then sets the real
     * positions). Files not named by 20 digits are ignored with a warning.
     *
     * @throws IOException naming the segment when a segment has the wrong size or the sequence has a gap
     */
    public void load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (SegmentNames.isSegmentName(p.getFileName().toString())) {
                    files.add(p);
                } else {
                    LOG.warn("ignoring {}: not a segment (20-digit name expected)", p);
                }
            }
        }
        files.sort(null);
        long expectedStart = -1;
        for (Path p : files) {
            if (Files.size(p) == 0) {
                // MappedFile.open creates a segment and then sizes it: a crash in between leaves an empty file that
                // never held data (found by the crash test in store/src/test/.../crash).
                LOG.warn("deleting empty segment {}: its creation was interrupted", p);
                Files.delete(p);
                continue;
            }
            long start = SegmentNames.startOffset(p);
            if (start % fileSize != 0) {
                throw new IOException("segment " + p + " does not start at a multiple of the segment size " + fileSize);
            }
            if (expectedStart >= 0 && start != expectedStart) {
                throw new IOException("segment " + p + " follows a gap: expected a segment starting at "
                        + SegmentNames.name(expectedStart));
            }
            segments.add(MappedFile.open(p, fileSize));
            expectedStart = start + fileSize;
        }
        flushedWhere = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).fileEndOffset();
    }

    /** Snapshot of the segments, oldest first; timestamps via {@link MappedFile#storeTimestamp()} and
     * {@link MappedFile#lastModifiedMillis()}. */
    public List<MappedFile> segments() {
        return List.copyOf(segments);
    }

    public int segmentCount() {
        return segments.size();
    }

    public MappedFile firstSegment() {
        try {
            return segments.isEmpty() ? null : segments.get(0);
        } catch (IndexOutOfBoundsException raceWithDelete) {
            return null;
        }
    }

    public MappedFile lastSegment() {
        while (true) {
            int size = segments.size();
            if (size == 0) {
                return null;
            }
            try {
                return segments.get(size - 1);
            } catch (IndexOutOfBoundsException raceWithDelete) {
                // retry with the new size
            }
        }
    }

    /**
     * The tail segment with free space for the writer; creates a new one when there is none or the tail is full.
     *
     * @param startOffsetIfEmpty where the stream starts when there is no segment yet (rounded down to a segment
     *                           boundary)
     */
    public MappedFile lastSegmentForAppend(long startOffsetIfEmpty) throws IOException {
        MappedFile last = lastSegment();
        long nextStart;
        if (last == null) {
            nextStart = startOffsetIfEmpty - startOffsetIfEmpty % fileSize;
        } else if (last.isFull()) {
            nextStart = last.fileEndOffset();
        } else {
            return last;
        }
        MappedFile created = allocator.allocate(dir.resolve(SegmentNames.name(nextStart)), fileSize);
        segments.add(created);
        return created;
    }

    /** The segment containing {@code offset}, or null. */
    public MappedFile findSegment(long offset) {
        MappedFile first = firstSegment();
        if (first == null || offset < first.fileFromOffset()) {
            return null;
        }
        int index = (int) ((offset - first.fileFromOffset()) / fileSize);
        try {
            MappedFile candidate = segments.get(index);
            if (offset >= candidate.fileFromOffset() && offset < candidate.fileEndOffset()) {
                return candidate;
            }
        } catch (IndexOutOfBoundsException raceWithDelete) {
            // fall through to the scan
        }
        for (MappedFile segment : segments) {
            if (offset >= segment.fileFromOffset() && offset < segment.fileEndOffset()) {
                return segment;
            }
        }
        return null;
    }

    /** Start of the first segment, or 0 when there is none. */
    public long minOffset() {
        MappedFile first = firstSegment();
        return first == null ? 0 : first.fileFromOffset();
    }

    /** Offset just past the last written byte, or 0 when there is no segment. */
    public long maxOffset() {
        MappedFile last = lastSegment();
        return last == null ? 0 : last.fileFromOffset() + last.wrotePosition();
    }

    /** Offset up to which everything is forced to disk. */
    public long flushedOffset() {
        return flushedWhere;
    }

    /**
     * Recovery: everything below {@code offset} is known to be on disk, nothing above it is (the next
     * {@link #flush} forces from there).
     */
    public void setFlushedOffset(long offset) {
        flushedWhere = offset;
        for (MappedFile segment : segments) {
            if (segment.fileEndOffset() <= offset) {
                segment.setFlushedPosition(segment.wrotePosition());
            } else if (segment.fileFromOffset() <= offset) {
                segment.setFlushedPosition((int) (offset - segment.fileFromOffset()));
            } else {
                segment.setFlushedPosition(0);
            }
        }
    }

    /**
     * Forces every segment from the flushed offset to the write position, each only if at least {@code leastPages}
     * pages are dirty (0 = anything dirty). Thread-safe against the writer; callers serialise flushes among
     * themselves.
     *
     * @return the flushed offset afterwards
     */
    public long flush(int leastPages) {
        long where = flushedWhere;
        MappedFile first = firstSegment();
        if (first != null && where < first.fileFromOffset()) {
            // A log whose first segment does not start at 0 (a slave that began at its master's last segment):
            // nothing lies below that segment, so flushing starts at it.
            where = first.fileFromOffset();
        }
        while (true) {
            MappedFile segment = findSegment(where);
            if (segment == null) {
                break;
            }
            int flushed = segment.flush(leastPages);
            long reached = segment.fileFromOffset() + flushed;
            if (reached <= where) {
                break;
            }
            where = reached;
            if (flushed < segment.fileSize()) {
                break;
            }
        }
        flushedWhere = where;
        return where;
    }

    /**
     * Cuts the stream at {@code offset}: segments wholly past it are deleted, the segment containing it keeps the
     * bytes before it and has the rest zeroed, so no stale record can reappear after later appends.
     */
    public void truncateAfter(long offset) {
        truncateAfter(offset, true);
    }

    /**
     * As {@link #truncateAfter(long)}; {@code zeroRest} false skips zeroing the rest of the cut segment, for callers
     * that know it holds only zeros (a clean end found by a scan).
     */
    public void truncateAfter(long offset, boolean zeroRest) {
        List<MappedFile> toDelete = new ArrayList<>();
        for (MappedFile segment : segments) {
            if (segment.fileFromOffset() >= offset && !(offset == segment.fileFromOffset() && isOnlyOrFirst(segment))) {
                toDelete.add(segment);
            } else if (segment.fileEndOffset() > offset) {
                int position = (int) (offset - segment.fileFromOffset());
                segment.resetPositions(position);
                if (zeroRest) {
                    segment.zeroFrom(position);
                }
            }
        }
        for (MappedFile segment : toDelete) {
            segments.remove(segment);
            segment.destroy();
            LOG.info("truncated: deleted segment {}", segment.path());
        }
        if (flushedWhere > offset) {
            flushedWhere = offset;
        }
    }

    private boolean isOnlyOrFirst(MappedFile segment) {
        return segments.indexOf(segment) == 0;
    }

    /**
     * Deletes segments from the head, oldest first, while {@code isExpired} accepts them, stopping at the first it
     * rejects, after {@code maxSegments}, and never deleting the last segment (the writer's). Readers holding slices
     * of a deleted segment keep it mapped until they release them.
     *
     * @return the number of segments deleted
     */
    public int deleteSegmentsWhile(Predicate<MappedFile> isExpired, int maxSegments) {
        int deleted = 0;
        while (deleted < maxSegments && segments.size() > 1) {
            MappedFile first = firstSegment();
            if (first == null || first == lastSegment() || !isExpired.test(first)) {
                break;
            }
            segments.remove(first);
            first.destroy();
            deleted++;
            LOG.info("deleted segment {}", first.path());
        }
        return deleted;
    }

    /**
     * Deletes expired segments: those last modified more than {@code reservedMs} before {@code nowMs} (all of them
     * when {@code deleteImmediately}), oldest first, at most {@code maxSegments}, never the last one.
     *
     * @return the number of segments deleted
     */
    public int deleteExpiredSegments(long nowMs, long reservedMs, boolean deleteImmediately, int maxSegments) {
        return deleteSegmentsWhile(s -> deleteImmediately || s.lastModifiedMillis() + reservedMs <= nowMs,
                maxSegments);
    }

    /** Deletes one segment from the head (retention); refuses the last one. */
    public boolean deleteFirstSegment() {
        return deleteSegmentsWhile(s -> true, 1) == 1;
    }

    /** Unmaps every segment, keeping the files (clean shutdown). */
    public void close() {
        for (MappedFile segment : segments) {
            segment.close();
        }
        segments.clear();
    }

    /** Deletes every segment and the directory if empty. */
    public void destroy() {
        for (MappedFile segment : segments) {
            segment.destroy();
        }
        segments.clear();
        flushedWhere = 0;
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete directory {}: {}", dir, e.toString());
        }
    }
}
