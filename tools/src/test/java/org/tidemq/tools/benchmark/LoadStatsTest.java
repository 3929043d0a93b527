package org.tidemq.tools.benchmark;

import org.tidemq.tools.latency.LatencySummary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

class LoadStatsTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final LoadStats stats = new LoadStats(nanos::get);

    @Test
    void percentilesOfAKnownSetOfLatencies() {
        // 1..1000 µs: HdrHistogram with 3 significant digits keeps values below 2048 exact.
        for (int micros = 1000; micros >= 1; micros--) {
            stats.recordSuccess(micros, 1, 100);
        }
        nanos.addAndGet(2_000_000_000L);
        LoadStats.Totals totals = stats.totals();
        LatencySummary latency = totals.latency();
        assertEquals(1000, latency.count());
        assertEquals(0.5005, latency.meanMs(), 1e-9);
        assertEquals(0.500, latency.p50Ms(), 1e-9);
        assertEquals(0.900, latency.p90Ms(), 1e-9);
        assertEquals(0.990, latency.p99Ms(), 1e-9);
        assertEquals(0.999, latency.p999Ms(), 1e-9);
        assertEquals(1.000, latency.maxMs(), 1e-9);
        assertEquals(1000, totals.messages());
        assertEquals(100_000, totals.bytes());
        assertEquals(2_000_000_000L, totals.elapsedNanos());
        assertEquals(500.0, totals.messagesPerSecond(), 1e-9);
    }

    @Test
    void intervalsReportTheirOwnRateAndFoldIntoTheTotal() {
        stats.recordSuccess(2_000, 16, 16 * 256);
        stats.recordSuccess(4_000, 16, 16 * 256);
        stats.recordError("SYSTEM_BUSY");
        nanos.addAndGet(1_000_000_000L);
        IntervalSnapshot first = stats.snapshot();
        assertEquals(32, first.messages());
        assertEquals(2, first.requests());
        assertEquals(1, first.errors());
        assertEquals(32.0, first.messagesPerSecond(), 1e-9);
        assertEquals(3.0, first.meanMs(), 0.01);
        assertEquals(4.0, first.maxMs(), 0.01);

        stats.recordSuccess(1_000, 16, 16 * 256);
        stats.recordError("TIMEOUT");
        stats.recordError("SYSTEM_BUSY");
        nanos.addAndGet(500_000_000L);
        IntervalSnapshot second = stats.snapshot();
        assertEquals(16, second.messages());
        assertEquals(2, second.errors());
        assertEquals(32.0, second.messagesPerSecond(), 1e-9);
        assertEquals(1_500_000_000L, second.elapsedSinceStartNanos());

        LoadStats.Totals totals = stats.totals();
        assertEquals(48, totals.messages());
        assertEquals(3, totals.requests());
        assertEquals(3 * 16 * 256, totals.bytes());
        assertEquals(Map.of("SYSTEM_BUSY", 2L, "TIMEOUT", 1L), totals.errorsByKind());
        assertEquals(3, totals.errors());
        assertEquals(4.0, totals.latency().maxMs(), 0.01);
    }

    @Test
    void aConsumerClockBehindTheProducersCountsAsZeroLatency() {
        stats.recordSuccess(-5_000, 1, 1);
        assertEquals(0.0, stats.totals().latency().maxMs());
    }

    @Test
    void anEmptyRunHasZeroLatencies() {
        LoadStats.Totals totals = stats.totals();
        assertEquals(0, totals.messages());
        assertEquals(new LatencySummary(0, 0, 0, 0, 0, 0, 0), totals.latency());
        assertEquals(0.0, totals.messagesPerSecond());
    }
}
