package org.tidemq.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.dispatch.DispatchRequest;
import org.tidemq.common.message.MessageSysFlag;

class IndexServiceTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2024-03-05T06:07:08.009Z"), ZoneOffset.UTC);
    /** 3 keys per file. */
    private static final IndexFileLayout SMALL = new IndexFileLayout(8, 4);

    @TempDir
    Path dir;

    private final FakeCheckpoint checkpoint = new FakeCheckpoint();
    private final Queue<Runnable> pendingFlushes = new ArrayDeque<>();
    private final Executor queuedExecutor = pendingFlushes::add;
    private final List<IndexService> services = new ArrayList<>();

    @AfterEach
    void shutdown() {
        services.forEach(IndexService::shutdown);
    }

    private IndexService service(IndexFileLayout layout, Executor executor) {
        IndexService service = new IndexService(dir.resolve("index"), layout, checkpoint, FIXED_CLOCK, executor);
        services.add(service);
        return service;
    }

    private static DispatchRequest message(String topic, long offset, long storeTimestamp, String uniqKey, String keys,
                                           int sysFlag) {
        return new DispatchRequest(topic, 0, offset, 100, 0, storeTimestamp, 0, keys, uniqKey, sysFlag, 0);
    }

    private static DispatchRequest message(long offset, String uniqKey, String keys) {
        // Ten ms per offset unit: offsets 100 apart are stored one second apart (the index's time resolution).
        return message("TopicA", offset, T0 + offset * 10, uniqKey, keys, 0);
    }

    private static List<Long> offsets(IndexService service, String topic, String key) {
        return service.query(topic, key, 64, 0, Long.MAX_VALUE).phyOffsets();
    }

    private void runPendingFlushes() {
        while (!pendingFlushes.isEmpty()) {
            pendingFlushes.poll().run();
        }
    }

    @Test
    void indexesUniqueKeyAndEverySpaceSeparatedKeyPerTopic() {
        IndexService service = service(new IndexFileLayout(64, 100), Runnable::run);
        service.dispatch(message(0, "U0", "order-1 customer-9"));
        service.dispatch(message(100, "U1", "order-2  customer-9"));
        service.dispatch(message("TopicB", 200, T0 + 2000, "U2", "order-1", 0));
        service.dispatch(message(300, null, null));

        assertEquals(List.of(0L), offsets(service, "TopicA", "U0"));
        assertEquals(List.of(100L), offsets(service, "TopicA", "U1"));
        assertEquals(List.of(0L), offsets(service, "TopicA", "order-1"));
        assertEquals(List.of(200L), offsets(service, "TopicB", "order-1"));
        assertEquals(List.of(100L, 0L), offsets(service, "TopicA", "customer-9"));
        assertEquals(List.of(), offsets(service, "TopicA", ""));
        assertEquals(List.of(), offsets(service, "TopicA", "order-3"));
        // Keys of the message at 300: none; the index end is still the last indexed message.
        IndexQueryResult result = service.query("TopicA", "U0", 32, 0, Long.MAX_VALUE);
        assertEquals(T0 + 2000, result.indexLastUpdateTimestamp(), "TopicB's message is the newest indexed");
        assertEquals(200, result.indexLastUpdatePhyOffset());
    }

    @Test
    void skipsRolledBackTransactionalMessagesButIndexesPreparedAndCommitted() {
        IndexService service = service(new IndexFileLayout(64, 100), Runnable::run);
        service.dispatch(message("T", 0, T0, "half", "k", MessageSysFlag.TRANSACTION_PREPARED_TYPE));
        service.dispatch(message("T", 100, T0, "commit", "k", MessageSysFlag.TRANSACTION_COMMIT_TYPE));
        service.dispatch(message("T", 200, T0, "rollback", "k",
                MessageSysFlag.TRANSACTION_ROLLBACK_TYPE | MessageSysFlag.MULTI_TAGS));
        assertEquals(List.of(100L, 0L), offsets(service, "T", "k"));
        assertEquals(List.of(), offsets(service, "T", "rollback"));
    }

    @Test
    void rollsToNewFilesAndQueriesAcrossThemNewestFirst() {
        IndexService service = service(SMALL, Runnable::run);
        for (long offset = 0; offset < 1000; offset += 100) {
            service.dispatch(message(offset, null, "k" + (offset / 100 % 2)));
        }
        List<IndexFile> files = service.files();
        assertEquals(4, files.size(), "10 keys, 3 per file");
        assertEquals(List.of("20240305060708009", "20240305060708010", "20240305060708011", "20240305060708012"),
                files.stream().map(IndexFile::fileName).collect(Collectors.toList()),
                "names are creation times, bumped to stay unique and ordered under a stopped clock");
        assertEquals(List.of(900L, 700L, 500L, 300L, 100L), offsets(service, "TopicA", "k1"));
        assertEquals(List.of(800L, 600L), service.query("TopicA", "k0", 2, 0, Long.MAX_VALUE).phyOffsets());
        assertEquals(List.of(600L, 400L), service.query("TopicA", "k0", 10, T0 + 4000, T0 + 6000).phyOffsets());
        assertEquals(List.of(900L), service.query("TopicA", "k1", 10, T0 + 8001, T0 + 99_000).phyOffsets());
    }

    @Test
    void capsResultsAtSixtyFour() {
        IndexService service = service(new IndexFileLayout(64, 200), Runnable::run);
        for (long i = 0; i < 100; i++) {
            service.dispatch(message(i * 10, null, "hot"));
        }
        List<Long> result = service.query("TopicA", "hot", 1000, 0, Long.MAX_VALUE).phyOffsets();
        assertEquals(LongStream.range(0, 64).mapToObj(i -> (99 - i) * 10).collect(Collectors.toList()), result);
    }

    @Test
    void flushesAFullFileInTheBackgroundAndOnlyThenAdvancesTheCheckpoint() {
        IndexService service = service(SMALL, queuedExecutor);
        for (long offset = 0; offset < 400; offset += 100) {
            service.dispatch(message(offset, null, "k"));
        }
        assertEquals(2, service.files().size());
        assertEquals(1, pendingFlushes.size(), "the roll scheduled a flush");
        assertEquals(0, checkpoint.timestamp, "nothing recorded before the flush ran");
        runPendingFlushes();
        assertEquals(T0 + 2000, checkpoint.timestamp, "end time of the full file");
        assertTrue(service.files().get(0).isWriteFull());

        service.flush();
        assertEquals(T0 + 2000, checkpoint.timestamp, "a partly filled file never moves the checkpoint");
        assertEquals(1, checkpoint.writes);
    }

    @Test
    void keepsEverythingAfterACleanShutdown() throws IOException {
        IndexService first = service(SMALL, Runnable::run);
        for (long offset = 0; offset < 500; offset += 100) {
            first.dispatch(message(offset, "U" + offset, null));
        }
        first.shutdown();

        IndexService reopened = service(SMALL, Runnable::run);
        reopened.load(true);
        assertEquals(2, reopened.files().size());
        assertEquals(400, reopened.reindexFromPhyOffset());
        assertEquals(List.of(400L), offsets(reopened, "TopicA", "U400"));
        assertEquals(List.of(0L), offsets(reopened, "TopicA", "U0"));
        reopened.dispatch(message(500, "U500", null));
        assertEquals(List.of(500L), offsets(reopened, "TopicA", "U500"));
    }

    @Test
    void afterACrashKeepsOnlyFullCheckpointedFilesAndRebuildsTheRestFromReplay() throws IOException {
        IndexService crashed = service(SMALL, queuedExecutor);
        for (long offset = 0; offset < 700; offset += 100) {
            crashed.dispatch(message(offset, "U" + offset, null));
            if (offset == 300) {
                runPendingFlushes();
            }
        }
        // Files: [0,100,200] full and flushed, [300,400,500] full but its flush never ran, [600] current.
        assertEquals(T0 + 2000, checkpoint.timestamp);
        assertEquals(1, pendingFlushes.size());
        crashed.files().forEach(IndexFile::close);
        services.remove(crashed);

        IndexService recovered = service(SMALL, Runnable::run);
        recovered.load(false);
        assertEquals(1, recovered.files().size());
        assertEquals(200, recovered.reindexFromPhyOffset());
        assertEquals(List.of(), offsets(recovered, "TopicA", "U600"));
        assertEquals(1, indexFileCount(), "deleted files are gone from disk");

        // Recovery replays from the reported offset (here even from 0): nothing is indexed twice.
        for (long offset = 0; offset < 700; offset += 100) {
            recovered.dispatch(message(offset, "U" + offset, null));
        }
        for (long offset = 0; offset < 700; offset += 100) {
            assertEquals(List.of(offset), offsets(recovered, "TopicA", "U" + offset), "U" + offset);
        }
    }

    @Test
    void truncationDeletesFilesPointingPastTheRecoveredCommitLogEnd() throws IOException {
        IndexService service = service(SMALL, Runnable::run);
        for (long offset = 0; offset < 700; offset += 100) {
            service.dispatch(message(offset, "U" + offset, null));
        }
        assertEquals(3, service.files().size());
        service.truncateTo(450);
        assertEquals(1, service.files().size(), "files ending at 500 and 600 reach past 450");
        assertEquals(200, service.durableCommitLogOffset());
        assertEquals(List.of(), offsets(service, "TopicA", "U300"));
        assertEquals(List.of(200L), offsets(service, "TopicA", "U200"));

        service.dispatch(message(300, "U300", null));
        service.dispatch(message(400, "U400b", null));
        assertEquals(List.of(300L), offsets(service, "TopicA", "U300"));
        assertEquals(0, service.truncateAbove(401));
        assertEquals(1, service.truncateAbove(400));
    }

    @Test
    void retentionDeletesFilesWhollyBelowTheCommitLogMinimumButNeverTheNewest() {
        IndexService service = service(SMALL, Runnable::run);
        for (long offset = 0; offset < 900; offset += 100) {
            service.dispatch(message(offset, "U" + offset, null));
        }
        assertEquals(3, service.files().size());
        assertEquals(0, service.deleteFilesBelow(200), "the first file still points at 200");
        assertEquals(1, service.deleteFilesBelow(201));
        assertEquals(List.of(), offsets(service, "TopicA", "U0"));
        assertEquals(List.of(300L), offsets(service, "TopicA", "U300"));
        assertEquals(1, service.deleteFilesBelow(Long.MAX_VALUE));
        assertEquals(1, service.files().size());
        assertEquals(List.of(800L), offsets(service, "TopicA", "U800"));
    }

    @Test
    void unreadableFileIsAnErrorAfterACleanShutdownAndRebuiltAfterACrash() throws IOException {
        Path indexDir = Files.createDirectories(dir.resolve("index"));
        Path torn = Files.write(indexDir.resolve("20240101000000000"), new byte[10]);
        IOException error = assertThrows(IOException.class, () -> service(SMALL, Runnable::run).load(true));
        assertTrue(error.getMessage().contains(torn.toString()), error.getMessage());

        IndexService afterCrash = service(SMALL, Runnable::run);
        afterCrash.load(false);
        assertEquals(0, afterCrash.files().size());
        assertEquals(0, indexFileCount());
    }

    @Test
    void queriesRunSafelyWhileTheDispatcherRollsAndRetentionDeletes() throws Exception {
        IndexService service = service(new IndexFileLayout(16, 50), Runnable::run);
        AtomicBoolean done = new AtomicBoolean();
        List<String> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                for (long offset : offsets(service, "TopicA", "k3")) {
                    if (offset % 7 != 3) {
                        synchronized (failures) {
                            failures.add("k3 returned " + offset);
                        }
                    }
                }
            }
        });
        reader.start();
        for (long offset = 0; offset < 7_000; offset++) {
            service.dispatch(message("TopicA", offset, T0 + offset, null, "k" + (offset % 7), 0));
            if (offset % 500 == 0) {
                service.deleteFilesBelow(offset - 1000);
            }
        }
        done.set(true);
        reader.join();
        assertEquals(List.of(), failures);
        List<Long> newest = offsets(service, "TopicA", "k3");
        assertEquals(6_996L, newest.get(0));
    }

    private long indexFileCount() throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("index"))) {
            return list.count();
        }
    }

    private static final class FakeCheckpoint implements IndexCheckpoint {
        long timestamp;
        int writes;

        @Override
        public long indexMsgTimestamp() {
            return timestamp;
        }

        @Override
        public void recordIndexMsgTimestamp(long value) {
            timestamp = value;
            writes++;
        }
    }
}
