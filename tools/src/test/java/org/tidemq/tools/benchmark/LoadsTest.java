package org.tidemq.tools.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The load loops and the run's end, against a client that answers at once; counts only, no timing. */
class LoadsTest {

    private static BenchmarkConfig config(BenchmarkMode mode, boolean async, int batch) {
        return new BenchmarkConfig(mode, ClientKind.TIDEMQ, "127.0.0.1:9876", "BenchmarkTest", 2, 64,
                Duration.ofSeconds(60), async, 4, batch, "G", true, false,
                mode == BenchmarkMode.TIMER_PRODUCER ? new TimerSpec(5_000, 0) : null);
    }

    @ParameterizedTest
    @CsvSource({"PRODUCER, false, 1", "PRODUCER, true, 1", "BATCH_PRODUCER, false, 4", "BATCH_PRODUCER, true, 4",
            "TRANSACTION_PRODUCER, false, 1", "TIMER_PRODUCER, false, 1", "TIMER_PRODUCER, true, 1",
            "TIMER_PRODUCER, false, 4", "TIMER_PRODUCER, true, 4"})
    void everyRequestIsCountedAsStoredOrAsAnErrorOfItsKind(BenchmarkMode mode, boolean async, int batch) {
        FakeLoadClient client = new FakeLoadClient();
        LoadStats stats = new LoadStats(System::nanoTime);
        ProducerLoad load = new ProducerLoad(client, config(mode, async, batch), stats, System::nanoTime,
                () -> 1_000);
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.requests.get() >= 300);
        load.stop();
        LoadStats.Totals totals = stats.totals();
        boolean transactional = mode == BenchmarkMode.TRANSACTION_PRODUCER;
        assertEquals("G", transactional ? client.transactionProducerGroup : client.producerGroup);
        assertEquals(transactional ? client.requests.get() : 0, client.transactionalSends.get());
        if (mode == BenchmarkMode.TIMER_PRODUCER) {
            assertEquals(client.requests.get(), client.schedules.size());
            assertTrue(client.schedules.stream().allMatch(s -> s.equals(new Schedule(6_000, 0))));
        } else {
            assertEquals(0, client.schedules.size());
        }
        assertEquals(client.requests.get(), totals.requests() + totals.errors());
        assertEquals(client.messagesAccepted.get(), totals.messages());
        assertEquals(totals.requests() * batch, totals.messages());
        assertEquals(totals.messages() * 64, totals.bytes());
        assertEquals(Map.of("SYSTEM_BUSY", client.requests.get() / 3), totals.errorsByKind());
        assertEquals(totals.requests(), totals.latency().count());
    }

    @Test
    void consumerRecordsBornToDeliveryLatencyUntilStopped() {
        FakeLoadClient client = new FakeLoadClient();
        AtomicLong wallClock = new AtomicLong(1_000_000);
        LoadStats stats = new LoadStats(System::nanoTime);
        ConsumerLoad load = new ConsumerLoad(client, config(BenchmarkMode.CONSUMER, false, 1), stats, wallClock::get);
        load.start();
        client.listener.onMessage(1_000_000 - 7, 100, -1);
        client.listener.onMessage(1_000_000 - 3, 50, -1);
        load.stop();
        client.listener.onMessage(1_000_000 - 1, 10, -1);
        LoadStats.Totals totals = stats.totals();
        assertEquals(2, totals.messages());
        assertEquals(150, totals.bytes());
        assertEquals(7.0, totals.latency().maxMs(), 0.01);
        assertEquals(3.0, totals.latency().p50Ms(), 0.01);
    }

    @Test
    void timerRunMeasuresLatenessAgainstTheDueTimeAndCountsEarlyDeliveriesApart() {
        FakeLoadClient client = new FakeLoadClient();
        AtomicLong wallClock = new AtomicLong(1_000_000);
        LoadStats stats = new LoadStats(System::nanoTime);
        BenchmarkConfig timerConfig = new BenchmarkConfig(BenchmarkMode.TIMER_PRODUCER, ClientKind.TIDEMQ,
                "127.0.0.1:9876", "BenchmarkTest", 2, 64, Duration.ofSeconds(60), false, 4, 1, "G", true, false,
                new TimerSpec(1, 0));
        TimerLoad load = new TimerLoad(client, timerConfig, stats, System::nanoTime, wallClock::get, Duration.ZERO);
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.requests.get() >= 30);
        wallClock.set(2_000_000);
        client.listener.onMessage(1_000_000, 64, 1_999_960);      // 40 ms late
        client.listener.onMessage(1_000_000, 64, 1_999_990);      // 10 ms late
        client.listener.onMessage(1_000_000, 64, 2_000_025);      // 25 ms early
        client.listener.onMessage(999_999, 64, 1_999_000);        // sent before the run: ignored
        client.listener.onMessage(1_000_000, 64, -1);             // not scheduled: ignored
        load.stop();                                              // waits 1 ms for the missing ones, no grace
        FiringSummary firing = load.firing().orElseThrow();
        assertEquals(stats.messagesSoFar(), firing.accepted());
        assertEquals(client.requests.get(), client.schedules.size() + 1, "one unscheduled probe, then timers");
        assertTrue(firing.accepted() > 0);
        assertEquals(3, firing.fired());
        assertEquals(1, firing.early());
        assertEquals(25, firing.maxEarlyMillis());
        assertEquals(2, firing.onTime().messages());
        assertEquals(40.0, firing.onTime().latency().maxMs(), 0.05);
        assertEquals(10.0, firing.onTime().latency().p50Ms(), 0.05);
        String text = ReportFormat.firing(firing);
        assertTrue(text.startsWith("Fired: 3 of " + firing.accepted() + " accepted (early: 1, earliest by 25 ms)"),
                text);
    }

    @Test
    void finishingPrintsTheSummaryOnceAndClosesTheClientOnce() throws Exception {
        FakeLoadClient client = new FakeLoadClient();
        LoadStats stats = new LoadStats(System::nanoTime);
        BenchmarkConfig config = config(BenchmarkMode.PRODUCER, false, 1);
        ProducerLoad load = new ProducerLoad(client, config, stats, System::nanoTime, System::currentTimeMillis);
        StringWriter progress = new StringWriter();
        StringWriter summary = new StringWriter();
        BenchmarkRun run = new BenchmarkRun(config, client, load, stats, List.of(), new PrintWriter(progress),
                new PrintWriter(summary), null);
        Thread runner = new Thread(() -> {
            try {
                run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.requests.get() >= 100);
        BenchmarkSummary first = run.finish(true);
        BenchmarkSummary second = run.finish(true);
        runner.join(10_000);
        assertTrue(first == second);
        assertTrue(first.interrupted());
        assertEquals(1, client.closes.get());
        assertEquals(1, summary.toString().split("=== producer summary").length - 1, summary.toString());
        assertTrue(summary.toString().contains(", interrupted ==="), summary.toString());
        assertTrue(progress.toString().startsWith("TideMQ benchmark: producer"), progress.toString());
        assertTrue(first.totals().messages() > 0);
    }
}
