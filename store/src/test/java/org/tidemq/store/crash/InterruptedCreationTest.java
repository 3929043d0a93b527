package org.tidemq.store.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.mappedfile.SegmentNames;

/**
 * A kill between creating a segment file and giving it its size leaves an empty file (seen in
 * {@link CrashRecoveryTest} for a ConsumeQueue file). The store must start anyway and carry on where it was.
 */
class InterruptedCreationTest {

    @TempDir
    Path dir;

    @Test
    void emptySegmentFilesLeftByAKillDoNotStopTheStoreFromOpening() throws IOException {
        StoreConfig config = CrashStores.config(dir.resolve("store"), FlushDiskType.SYNC_FLUSH);
        long id = 7;
        long maxOffset;
        try (DefaultMessageStore store = open(config)) {
            PutMessageResult result = store.putMessage(CrashMessages.message(id, CrashMessages.body(id)));
            assertEquals(PutMessageStatus.PUT_OK, result.durability().join());
            maxOffset = store.getMaxPhyOffset();
        }
        Path queueDir = config.consumeQueueRootDir().resolve(CrashMessages.topic(id))
                .resolve(Integer.toString(CrashMessages.queueId(id)));
        Path emptyQueueFile = Files.createFile(queueDir.resolve(SegmentNames.name(CrashStores.CONSUME_QUEUE_FILE_SIZE)));
        Path emptySegment = Files.createFile(config.storePathCommitLog().resolve(
                SegmentNames.name(nextSegmentStart(config.storePathCommitLog()))));
        Files.createFile(config.abortFile());

        try (DefaultMessageStore reopened = open(config)) {
            assertTrue(reopened.wasAbnormalShutdown());
            assertFalse(Files.exists(emptyQueueFile));
            assertFalse(Files.exists(emptySegment));
            assertEquals(maxOffset, reopened.getMaxPhyOffset());
            assertEquals(1, reopened.getMaxOffsetInQueue(CrashMessages.topic(id), CrashMessages.queueId(id)));
            long next = id + CrashMessages.TOPICS.length * CrashMessages.QUEUES;
            PutMessageResult appended = reopened.putMessage(CrashMessages.message(next, CrashMessages.body(next)));
            assertEquals(PutMessageStatus.PUT_OK, appended.durability().join());
            assertEquals(1, appended.append().queueOffset());
        }
    }

    /** After the newest segment file, which may be one the allocator prepared ahead of the writer. */
    private static long nextSegmentStart(Path commitLogDir) throws IOException {
        try (Stream<Path> files = Files.list(commitLogDir)) {
            return files.mapToLong(SegmentNames::startOffset).max().orElse(-CrashStores.SEGMENT_SIZE)
                    + CrashStores.SEGMENT_SIZE;
        }
    }

    private static DefaultMessageStore open(StoreConfig config) throws IOException {
        return DefaultMessageStore.open(config, Clock.systemUTC(), CrashStores.EMPTY_DISK, flushed -> {
        });
    }
}
