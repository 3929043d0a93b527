package org.tidemq.store.crash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tidemq.store.mappedfile.SegmentNames;

/**
 * What a power cut leaves of a CommitLog after the process was killed: only bytes a completed force() covered are
 * certain. Segments that begin at or past the last forced offset are removed (their directory entries may never have
 * reached the disk); in the segment holding it, every byte from it on is zeroed (the file's size reached the disk
 * with the first force of that segment). ConsumeQueue, index and checkpoint files are left as they are: they may now
 * point past the end of the CommitLog, the realistic worst case for files flushed on their own schedule.
 */
final class PowerCut {

    private static final int ZERO_CHUNK = 64 * 1024;

    private PowerCut() {
    }

    /** @return the number of bytes zeroed or removed */
    static long apply(Path commitLogDir, long lastForcedOffset) throws IOException {
        long cut = Math.max(0, lastForcedOffset);
        long lost = 0;
        for (Path segment : segments(commitLogDir)) {
            long start = SegmentNames.startOffset(segment);
            long size = Files.size(segment);
            if (start >= cut) {
                lost += size;
                Files.delete(segment);
            } else if (start + size > cut) {
                lost += zero(segment, cut - start, size);
            }
        }
        return lost;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SegmentNames.isSegmentName(p.getFileName().toString())).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static long zero(Path segment, long from, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            for (long position = from; position < size; position += ZERO_CHUNK) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, size - position));
                channel.write(zeros, position);
            }
            channel.force(true);
        }
        return size - from;
    }
}
