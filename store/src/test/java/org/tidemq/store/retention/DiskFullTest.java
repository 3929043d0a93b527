package org.tidemq.store.retention;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.RetentionConfig;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.testutil.ManualClock;
import org.tidemq.store.testutil.TestMessages;
import org.tidemq.store.testutil.TestStores;

/**
 * A whole store against a disk that fills up, with the disk usage injected: appends are refused with
 * SERVICE_NOT_AVAILABLE and a reason before anything fails half-written, and accepted again once retention freed
 * space.
 */
class DiskFullTest {

    private static final String TOPIC = "DiskFullTopic";
    private static final int BODY_SIZE = 1024;
    /** Each CommitLog segment present counts this much toward the simulated disk usage. */
    private static final double USAGE_PER_SEGMENT = 0.012;
    private static final double BASE_USAGE = 0.80;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2030-06-15T13:00:00Z").toEpochMilli());
    private final List<DefaultMessageStore> stores = new ArrayList<>();

    @AfterEach
    void shutdown() {
        stores.forEach(DefaultMessageStore::shutdown);
    }

    /** Disk usage grows with the CommitLog's segments, as if they were the only thing on a small disk. */
    private DiskUsageProbe simulatedDisk(AtomicReference<DefaultMessageStore> store) {
        return path -> {
            DefaultMessageStore opened = store.get();
            return BASE_USAGE + USAGE_PER_SEGMENT * (opened == null ? 0 : opened.commitLogSegments().size());
        };
    }

    private DefaultMessageStore open(boolean cleanFileForciblyEnable) throws IOException {
        // deleteWhen 04 while the clock shows 13:xx: only disk usage can trigger deletion; background runs hourly.
        RetentionConfig retention = new RetentionConfig("04", 72, 75, 90, 3_600_000, 0,
                cleanFileForciblyEnable, 10);
        StoreConfig config = TestStores.small(dir.resolve("store")).flushDiskType(FlushDiskType.SYNC_FLUSH)
                .retention(retention).build();
        AtomicReference<DefaultMessageStore> opened = new AtomicReference<>();
        DefaultMessageStore store = DefaultMessageStore.open(config, clock, simulatedDisk(opened), flushed -> {
        });
        opened.set(store);
        stores.add(store);
        return store;
    }

    private static MessageToStore message(long i) {
        byte[] body = new byte[BODY_SIZE];
        body[0] = (byte) i;
        String properties = MessageProperties.encode(Map.of(MessageProperties.UNIQ_KEY, "M" + i,
                MessageProperties.WAIT, "true"));
        return new MessageToStore(TOPIC, 0, 0, 0, 0, TestMessages.BORN_HOST, TestMessages.STORE_HOST, 0, 0,
                properties, TestMessages.direct(body), true);
    }

    /** Appends until the CommitLog has {@code segments} segment files; waits until all are durable and readable. */
    private static long fill(DefaultMessageStore store, int segments) {
        long count = 0;
        while (store.commitLogSegments().size() < segments) {
            PutMessageResult result = store.putMessage(message(count++));
            assertEquals(PutMessageStatus.PUT_OK, result.status(), result.reason());
            assertEquals(PutMessageStatus.PUT_OK, result.durability().join());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.getDispatchedPhyOffset() == store.getMaxPhyOffset());
        return count;
    }

    @Test
    void refusesAppendsWithTheReasonWhenTheDiskIsNearlyFullAndResumesAfterExpiredSegmentsAreDeleted()
            throws IOException {
        DefaultMessageStore store = open(false);
        long written = fill(store, 10);
        Path commitLogDir = store.config().storePathCommitLog();

        RetentionRun full = store.retention().runOnce();
        assertEquals(0.92, full.maxUsedRatio(), 1e-9);
        assertEquals(0, full.commitLogSegmentsDeleted(), "nothing has expired and forced cleaning is off");
        String reason = "disk full: 92.0% used on " + commitLogDir + " (limit 90%)";
        assertEquals(reason, full.refusalReason());

        long maxBefore = store.getMaxPhyOffset();
        for (int attempt = 0; attempt < 3; attempt++) {
            PutMessageResult refused = store.putMessage(message(written + attempt));
            assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, refused.status());
            assertEquals(reason, refused.reason());
            assertFalse(refused.status().isStored());
            assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, refused.durability().join());
        }
        assertEquals(maxBefore, store.getMaxPhyOffset(), "a refused append writes nothing");
        try (GetMessageResult read = store.getMessage(TOPIC, 0, 0, 1, 1 << 20, MessageFilter.ALL)) {
            assertEquals(GetMessageStatus.FOUND, read.status(), "reads go on while writes are refused");
        }

        clock.advance(Duration.ofHours(73).toMillis());
        RetentionRun cleaned = store.retention().runOnce();
        assertEquals(9, cleaned.commitLogSegmentsDeleted(), "every expired segment but the one being written");
        assertTrue(cleaned.consumeQueueFilesDeleted() > 0, "ConsumeQueue files below the new minimum follow");
        assertNull(cleaned.refusalReason());
        assertNull(store.retention().refusalReason());

        PutMessageResult resumed = store.putMessage(message(written));
        assertEquals(PutMessageStatus.PUT_OK, resumed.status(), resumed.reason());
        assertEquals(PutMessageStatus.PUT_OK, resumed.durability().join());
        long minQueueOffset = store.getMinOffsetInQueue(TOPIC, 0);
        assertTrue(minQueueOffset > 0, "the queue's minimum moved past deleted messages");
        try (GetMessageResult old = store.getMessage(TOPIC, 0, 0, 1, 1 << 20, MessageFilter.ALL)) {
            assertEquals(GetMessageStatus.OFFSET_TOO_SMALL, old.status());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.getMaxOffsetInQueue(TOPIC, 0) == written + 1);
        try (GetMessageResult last = store.getMessage(TOPIC, 0, written, 1, 1 << 20, MessageFilter.ALL)) {
            assertEquals(GetMessageStatus.FOUND, last.status());
            assertEquals("M" + written, MessageProperties.decode(StoredMessageDecoder.decodeOne(
                    last.messages().get(0).buffer()).properties()).get(MessageProperties.UNIQ_KEY));
        }
    }

    @Test
    void forcedCleaningDeletesOnlyAsManyUnexpiredSegmentsAsNeededAndKeepsAppendsOpen() throws IOException {
        DefaultMessageStore store = open(true);
        fill(store, 10);
        long minBefore = store.getMinPhyOffset();

        RetentionRun run = store.retention().runOnce();
        assertTrue(run.forced());
        assertEquals(0.92, run.maxUsedRatio(), 1e-9);
        assertEquals(2, run.commitLogSegmentsDeleted(), "92% -> 90.8% -> 89.6%");
        assertNull(run.refusalReason(), "appends resume in the run that freed the space");
        assertEquals(minBefore + 2L * TestStores.SEGMENT_SIZE, store.getMinPhyOffset());
        PutMessageResult accepted = store.putMessage(message(1_000_000));
        assertEquals(PutMessageStatus.PUT_OK, accepted.status(), accepted.reason());
    }
}
