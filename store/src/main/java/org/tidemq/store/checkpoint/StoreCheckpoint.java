package org.tidemq.store.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.util.AtomicFileWriter;

/**
 * The {@code checkpoint} file (facts §7.4): one 4 KiB page recording how far each structure is durable, by store
 * timestamp. After an abnormal stop the CommitLog is validated from the segment whose first record is not newer than
 * {@link #commitLogRecoveryTimestamp()} and ConsumeQueues are rebuilt from {@link #consumeQueueRecoveryTimestamp()},
 * which bounds recovery time by the checkpoint age, not the store size.
 *
 * <p>Setters update memory; {@link #flush()} replaces the file atomically (temp file, fsync, rename), so a crash
 * leaves the old or the new page, never a torn one. Thread-safe.
 */
public final class StoreCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCheckpoint.class);

    public static final int FILE_SIZE = 4096;
    public static final int PHYSIC_MSG_TIMESTAMP = 0;
    public static final int LOGICS_MSG_TIMESTAMP = 8;
    public static final int INDEX_MSG_TIMESTAMP = 16;
    public static final int MASTER_FLUSHED_OFFSET = 24;
    public static final int CONFIRM_PHY_OFFSET = 32;
    /** Safety margin subtracted from the recovery timestamp: store timestamps of concurrent appends interleave. */
    public static final long RECOVERY_MARGIN_MS = 3_000;

    private final Path file;
    private volatile long physicMsgTimestamp;
    private volatile long logicsMsgTimestamp;
    private volatile long indexMsgTimestamp;
    private volatile long masterFlushedOffset;
    private volatile long confirmPhyOffset;

    private StoreCheckpoint(Path file) {
        this.file = file;
    }

    /** Reads the file if present (a short or unreadable file counts as all zeros, with a warning). */
    public static StoreCheckpoint load(Path file) throws IOException {
        StoreCheckpoint checkpoint = new StoreCheckpoint(file);
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < CONFIRM_PHY_OFFSET + Long.BYTES) {
                LOG.warn("checkpoint {} has only {} bytes; recovering as if it were empty", file, bytes.length);
            } else {
                ByteBuffer page = ByteBuffer.wrap(bytes);
                checkpoint.physicMsgTimestamp = page.getLong(PHYSIC_MSG_TIMESTAMP);
                checkpoint.logicsMsgTimestamp = page.getLong(LOGICS_MSG_TIMESTAMP);
                checkpoint.indexMsgTimestamp = page.getLong(INDEX_MSG_TIMESTAMP);
                checkpoint.masterFlushedOffset = page.getLong(MASTER_FLUSHED_OFFSET);
                checkpoint.confirmPhyOffset = page.getLong(CONFIRM_PHY_OFFSET);
            }
        }
        return checkpoint;
    }

    /** Writes the page atomically and durably. */
    public synchronized void flush() throws IOException {
        ByteBuffer page = ByteBuffer.allocate(FILE_SIZE);
        page.putLong(PHYSIC_MSG_TIMESTAMP, physicMsgTimestamp);
        page.putLong(LOGICS_MSG_TIMESTAMP, logicsMsgTimestamp);
        page.putLong(INDEX_MSG_TIMESTAMP, indexMsgTimestamp);
        page.putLong(MASTER_FLUSHED_OFFSET, masterFlushedOffset);
        page.putLong(CONFIRM_PHY_OFFSET, confirmPhyOffset);
        AtomicFileWriter.write(file, page.array());
    }

    /** Store timestamp up to which the CommitLog is surely on disk, minus {@link #RECOVERY_MARGIN_MS}. */
    public long commitLogRecoveryTimestamp() {
        return Math.max(0, physicMsgTimestamp - RECOVERY_MARGIN_MS);
    }

    /** Store timestamp up to which every ConsumeQueue is surely on disk, minus {@link #RECOVERY_MARGIN_MS}. */
    public long consumeQueueRecoveryTimestamp() {
        return Math.max(0, Math.min(physicMsgTimestamp, logicsMsgTimestamp) - RECOVERY_MARGIN_MS);
    }

    public Path file() {
        return file;
    }

    public long physicMsgTimestamp() {
        return physicMsgTimestamp;
    }

    public void setPhysicMsgTimestamp(long value) {
        physicMsgTimestamp = value;
    }

    public long logicsMsgTimestamp() {
        return logicsMsgTimestamp;
    }

    public void setLogicsMsgTimestamp(long value) {
        logicsMsgTimestamp = value;
    }

    public long indexMsgTimestamp() {
        return indexMsgTimestamp;
    }

    public void setIndexMsgTimestamp(long value) {
        indexMsgTimestamp = value;
    }

    public long masterFlushedOffset() {
        return masterFlushedOffset;
    }

    public void setMasterFlushedOffset(long value) {
        masterFlushedOffset = value;
    }

    public long confirmPhyOffset() {
        return confirmPhyOffset;
    }

    public void setConfirmPhyOffset(long value) {
        confirmPhyOffset = value;
    }
}
