package org.tidemq.store.recovery;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.message.StoredMessageLayout;

/**
 * Finds where the valid CommitLog ends and cuts it there.
 *
 * <p>After a clean shutdown the last {@value #CLEAN_SEGMENTS_TO_VERIFY} segments are verified; after an abnormal one
 * the scan starts at the newest segment whose first record is not newer than the checkpoint's recovery timestamp,
 * so its duration depends on the checkpoint age, not the store size. Every record is validated (magic, size,
 * field lengths, PHYSICALOFFSET, body CRC); the first invalid or torn record ends the log, and everything after it
 * is truncated (and zeroed), so a torn record is never served. Runs before the store accepts writes.
 */
public final class CommitLogRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLogRecovery.class);
    public static final int CLEAN_SEGMENTS_TO_VERIFY = 3;

    /**
     * @param scanStart   offset where validation began (records from here are replayed to dispatchers)
     * @param validEnd    offset just past the last valid record; the log now ends here
     * @param records     valid records scanned
     * @param stopReason  why the scan stopped at validEnd: a torn or invalid record (null: clean end)
     */
    public record Result(long scanStart, long validEnd, long records, String stopReason) {
    }

    private final MappedFileQueue segments;
    private final LongSupplier clock;

    public CommitLogRecovery(MappedFileQueue segments, LongSupplier clock) {
        this.segments = segments;
        this.clock = clock;
    }

    /**
     * @param abnormal          whether the previous run ended without a clean shutdown
     * @param recoveryTimestamp abnormal only: records stored up to this time are known to be on disk
     *                          ({@link org.tidemq.store.checkpoint.StoreCheckpoint#commitLogRecoveryTimestamp()})
     */
    public Result recover(boolean abnormal, long recoveryTimestamp) {
        List<MappedFile> all = segments.segments();
        if (all.isEmpty()) {
            return new Result(0, 0, 0, null);
        }
        int startIndex = abnormal ? startIndexFor(all, recoveryTimestamp)
                : Math.max(0, all.size() - CLEAN_SEGMENTS_TO_VERIFY);
        long scanStart = all.get(startIndex).fileFromOffset();
        LOG.info("recovering CommitLog after {} shutdown: {} segment(s) from {} ({} in total)",
                abnormal ? "an ABNORMAL" : "a clean", all.size() - startIndex, all.get(startIndex).fileName(),
                all.size());
        RecordCheck check = new RecordCheck();
        long records = 0;
        long validEnd = scanStart;
        String stopReason = null;
        long startedMs = clock.getAsLong();
        for (int i = startIndex; i < all.size() && stopReason == null; i++) {
            MappedFile segment = all.get(i);
            long segmentStartMs = clock.getAsLong();
            ByteBuffer buf = segment.writeBuffer();
            int position = 0;
            boolean reachedEnd = false;
            while (position < segment.fileSize() && !reachedEnd && stopReason == null) {
                long offset = segment.fileFromOffset() + position;
                StoredMessageDecoder.check(buf, position, segment.fileSize(), offset, true, check);
                switch (check.kind()) {
                    case MESSAGE -> {
                        position += check.size();
                        records++;
                        validEnd = segment.fileFromOffset() + position;
                    }
                    case BLANK -> {
                        if (position + check.size() != segment.fileSize()) {
                            stopReason = "blank filler of " + check.size() + " bytes at " + offset
                                    + " does not end its segment";
                        } else {
                            position = segment.fileSize();
                            validEnd = segment.fileEndOffset();
                        }
                    }
                    case END -> reachedEnd = true;
                    default -> stopReason = check.kind() + " record at " + offset + ": " + check.problem();
                }
            }
            if (reachedEnd) {
                validEnd = segment.fileFromOffset() + position;
                logSegment(segment, position, segmentStartMs);
                break;
            }
            logSegment(segment, position, segmentStartMs);
        }
        if (stopReason != null) {
            LOG.warn("CommitLog truncated at {}: {}", validEnd, stopReason);
        }
        // After a crash, pages past the end may have reached the disk out of order: zero them so that no stale
        // record can line up with later appends. A clean end followed by zeros needs no such pass.
        segments.truncateAfter(validEnd, abnormal || stopReason != null);
        // What survived in the page cache may not be on disk yet: force it before anything counts as flushed.
        segments.setFlushedOffset(scanStart);
        segments.flush(0);
        LOG.info("CommitLog recovered: {} records validated in {} ms, valid end {}", records,
                clock.getAsLong() - startedMs, validEnd);
        return new Result(scanStart, validEnd, records, stopReason);
    }

    /**
     * Start of the newest segment whose first record was stored at or before {@code timestamp} (the first segment if
     * none): every record stored after {@code timestamp} lies at or after it.
     */
    public long segmentStartFor(long timestamp) {
        List<MappedFile> all = segments.segments();
        return all.isEmpty() ? 0 : all.get(startIndexFor(all, timestamp)).fileFromOffset();
    }

    private static int startIndexFor(List<MappedFile> all, long recoveryTimestamp) {
        RecordCheck check = new RecordCheck();
        for (int i = all.size() - 1; i >= 0; i--) {
            MappedFile segment = all.get(i);
            ByteBuffer buf = segment.writeBuffer();
            StoredMessageDecoder.check(buf, 0, segment.fileSize(), segment.fileFromOffset(), false, check);
            if (check.kind() == RecordCheck.Kind.MESSAGE) {
                long storeTimestamp = buf.getLong(StoredMessageLayout.storeTimestamp(check.sysFlag()));
                if (storeTimestamp <= recoveryTimestamp) {
                    return i;
                }
            }
        }
        return 0;
    }

    private void logSegment(MappedFile segment, int validBytes, long startedMs) {
        long elapsedMs = Math.max(1, clock.getAsLong() - startedMs);
        LOG.info("recovery: segment {} valid up to offset {} ({} MiB at {} MiB/s)", segment.fileName(),
                segment.fileFromOffset() + validBytes, validBytes >> 20,
                (validBytes >> 20) * 1000 / elapsedMs);
    }
}
