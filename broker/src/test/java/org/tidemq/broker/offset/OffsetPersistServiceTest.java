package org.tidemq.broker.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.persist.PeriodicScheduler;

class OffsetPersistServiceTest {

    /** Records the scheduled task so the test runs the ticks itself. */
    private static final class ManualScheduler implements PeriodicScheduler {
        Runnable task;
        long initialDelayMs;
        long periodMs;
        boolean cancelled;

        @Override
        public ScheduledTask scheduleAtFixedRate(Runnable task, long initialDelayMs, long periodMs) {
            this.task = task;
            this.initialDelayMs = initialDelayMs;
            this.periodMs = periodMs;
            return () -> cancelled = true;
        }

        void tick() {
            if (!cancelled) {
                task.run();
            }
        }
    }

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void persistsEveryIntervalOnlyWhenChangedAndAtShutdown() throws IOException {
        ConsumerOffsetManager offsets = ConsumerOffsetManager.load(root, clock::get);
        ManualScheduler scheduler = new ManualScheduler();
        OffsetPersistService service = new OffsetPersistService(offsets, scheduler,
                OffsetPersistService.DEFAULT_INTERVAL_MS);
        service.start();
        assertEquals(5_000, scheduler.periodMs);
        assertEquals(5_000, scheduler.initialDelayMs);
        assertThrows(IllegalStateException.class, service::start);

        scheduler.tick();
        assertFalse(Files.exists(offsets.file()), "no change, no write");

        offsets.commitOffset("g", "T", 0, 42);
        scheduler.tick();
        assertEquals(42, ConsumerOffsetManager.load(root, clock::get).queryOffset("g", "T", 0));
        assertEquals(1, offsets.dataVersion().counter());
        scheduler.tick();
        assertEquals(1, offsets.dataVersion().counter(), "unchanged table is not rewritten");

        offsets.commitOffset("g", "T", 0, 43);
        service.shutdown();
        assertTrue(scheduler.cancelled);
        assertEquals(43, ConsumerOffsetManager.load(root, clock::get).queryOffset("g", "T", 0));
        assertEquals(2, offsets.dataVersion().counter());
    }

    @Test
    void failedTickKeepsChangesPendingAndShutdownReportsTheFailure() throws IOException {
        ConsumerOffsetManager offsets = ConsumerOffsetManager.load(root, clock::get);
        ManualScheduler scheduler = new ManualScheduler();
        OffsetPersistService service = new OffsetPersistService(offsets, scheduler, 5_000);
        service.start();
        Path blocker = root.resolve("config");
        Files.writeString(blocker, "a file where the config directory belongs");

        offsets.commitOffset("g", "T", 0, 7);
        scheduler.tick();
        assertTrue(offsets.hasUnpersistedChanges(), "the failed write is retried later");
        assertThrows(IOException.class, service::shutdown);

        Files.delete(blocker);
        assertTrue(offsets.persistIfChanged());
        assertEquals(7, ConsumerOffsetManager.load(root, clock::get).queryOffset("g", "T", 0));
    }
}
