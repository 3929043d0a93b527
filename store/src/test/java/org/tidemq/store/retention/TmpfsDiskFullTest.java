package org.tidemq.store.retention;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.IndexConfig;
import org.tidemq.store.config.RetentionConfig;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;

/**
 * The real disk probe on a real 8 MiB file system (a tmpfs): appends are refused before the file system is full —
 * writing a mapped page with no space left would raise SIGBUS — and accepted again after retention deleted segments.
 * Skipped where mounting is not permitted (needs root or CAP_SYS_ADMIN).
 */
class TmpfsDiskFullTest {

    private static final int SEGMENT_SIZE = 1024 * 1024;
    private static final int BODY_SIZE = 8 * 1024;

    @TempDir
    Path dir;

    private Path mountPoint;
    private boolean mounted;
    private DefaultMessageStore store;
    private final ManualClock clock = new ManualClock(Instant.parse("2030-06-15T13:00:00Z").toEpochMilli());

    @BeforeEach
    void mountSmallFileSystem() throws IOException, InterruptedException {
        mountPoint = Files.createDirectories(dir.resolve("disk"));
        String output = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint.toString());
        mounted = output == null;
        assumeTrue(mounted, "cannot mount an 8 MiB tmpfs here: " + output);
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (store != null) {
            store.shutdown();
        }
        if (mounted) {
            String output = run("umount", mountPoint.toString());
            assertNull(output, "umount failed");
        }
    }

    /** @return null on success, else what the command printed */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output.trim();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static MessageToStore message(long i) {
        String properties = MessageProperties.encode(Map.of(MessageProperties.UNIQ_KEY, "M" + i,
                MessageProperties.WAIT, "true"));
        return new MessageToStore("TmpfsTopic", 0, 0, 0, 0, TestMessages.BORN_HOST, TestMessages.STORE_HOST, 0, 0,
                properties, TestMessages.direct(new byte[BODY_SIZE]), true);
    }

    @Test
    void appendsAreRefusedBeforeTheFileSystemIsFullAndResumeAfterDeletion() throws IOException {
        RetentionConfig retention = new RetentionConfig("04", 72, 75, 90, 3_600_000, 0, false, 10);
        StoreConfig config = StoreConfig.builder(mountPoint.resolve("store"))
                .mappedFileSizeCommitLogBytes(SEGMENT_SIZE)
                .mappedFileSizeConsumeQueueBytes(100 * 20)
                .maxMessageSizeBytes(64 * 1024)
                .index(new IndexConfig(false, 64, 512))
                .flushDiskType(FlushDiskType.SYNC_FLUSH)
                .retention(retention)
                .build();
        store = DefaultMessageStore.open(config, clock);

        long written = 0;
        PutMessageResult refused = null;
        while (refused == null) {
            PutMessageResult result = store.putMessage(message(written));
            if (result.isAppended()) {
                assertEquals(PutMessageStatus.PUT_OK, result.durability().join());
                written++;
                // Measuring after every append stands in for the periodic check, at a pace the test controls.
                store.retention().runOnce();
            } else {
                refused = result;
            }
        }
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, refused.status());
        assertTrue(refused.reason().startsWith("disk full: "), refused.reason());
        assertTrue(refused.reason().contains(" used on " + mountPoint), refused.reason());
        assertTrue(refused.reason().endsWith("(limit 90%)"), refused.reason());
        long storedBytes = store.getMaxPhyOffset() - store.getMinPhyOffset();
        assertTrue(storedBytes > 6L * 1024 * 1024, "refused only near the 8 MiB limit, after " + storedBytes + " bytes");
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, store.putMessage(message(written)).status());

        await().atMost(Duration.ofSeconds(10)).until(() -> store.getDispatchedPhyOffset() == store.getMaxPhyOffset());
        clock.advance(Duration.ofHours(73).toMillis());
        RetentionRun cleaned = store.retention().runOnce();
        assertTrue(cleaned.commitLogSegmentsDeleted() >= 5, cleaned.toString());
        assertNull(cleaned.refusalReason(), cleaned.toString());

        PutMessageResult resumed = store.putMessage(message(written));
        assertEquals(PutMessageStatus.PUT_OK, resumed.status(), resumed.reason());
        assertEquals(PutMessageStatus.PUT_OK, resumed.durability().join());
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getDispatchedPhyOffset() == store.getMaxPhyOffset());
        MappedBufferSlice record = store.selectOneMessageByOffset(resumed.append().wroteOffset());
        assertNotNull(record, "the message appended after the refusal is readable");
        record.release();
    }
}
