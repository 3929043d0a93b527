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
                Duration.ofSeconds(60), async, 4, batch, "G", true, false);
    }

    @ParameterizedTest
    @CsvSource({"PRODUCER, false, 1", "PRODUCER, true, 1", "BATCH_PRODUCER, false, 4", "BATCH_PRODUCER, true, 4"})
    void everyRequestIsCountedAsStoredOrAsAnErrorOfItsKind(BenchmarkMode mode, boolean async, int batch) {
        FakeLoadClient client = new FakeLoadClient();
        LoadStats stats = new LoadStats(System::nanoTime);
        ProducerLoad load = new ProducerLoad(client, config(mode, async, batch), stats, System::nanoTime);
        load.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.requests.get() >= 300);
        load.stop();
        LoadStats.Totals totals = stats.totals();
        assertEquals("G", client.producerGroup);
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
        client.listener.onMessage(1_000_000 - 7, 100);
        client.listener.onMessage(1_000_000 - 3, 50);
        load.stop();
        client.listener.onMessage(1_000_000 - 1, 10);
        LoadStats.Totals totals = stats.totals();
        assertEquals(2, totals.messages());
        assertEquals(150, totals.bytes());
        assertEquals(7.0, totals.latency().maxMs(), 0.01);
        assertEquals(3.0, totals.latency().p50Ms(), 0.01);
    }

    @Test
    void finishingPrintsTheSummaryOnceAndClosesTheClientOnce() throws Exception {
        FakeLoadClient client = new FakeLoadClient();
        LoadStats stats = new LoadStats(System::nanoTime);
        BenchmarkConfig config = config(BenchmarkMode.PRODUCER, false, 1);
        ProducerLoad load = new ProducerLoad(client, config, stats, System::nanoTime);
        StringWriter progress = new StringWriter();
        StringWriter summary = new StringWriter();
        BenchmarkRun run = new BenchmarkRun(config, client, load, stats, List.of(), new PrintWriter(progress),
                new PrintWriter(summary));
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
