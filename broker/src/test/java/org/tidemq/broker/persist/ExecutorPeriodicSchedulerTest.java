package org.tidemq.broker.persist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorPeriodicSchedulerTest {

    @Test
    void aThrowingTaskKeepsRunningUntilCancelled() {
        try (ExecutorPeriodicScheduler scheduler = new ExecutorPeriodicScheduler("test-scheduler")) {
            AtomicInteger runs = new AtomicInteger();
            PeriodicScheduler.ScheduledTask task = scheduler.scheduleAtFixedRate(() -> {
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("first run fails; later runs must still happen");
                }
            }, 0, 5);
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
            task.cancel();
            AtomicInteger marker = new AtomicInteger();
            // A later task on the same single thread runs only after any in-flight run of the cancelled one.
            scheduler.scheduleAtFixedRate(marker::incrementAndGet, 0, 5);
            await().atMost(Duration.ofSeconds(5)).until(() -> marker.get() >= 1);
            int afterCancel = runs.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> marker.get() >= 4);
            assertEquals(afterCancel, runs.get(), "no runs after cancel");
        }
    }
}
