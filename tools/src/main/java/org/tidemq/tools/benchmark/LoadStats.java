package org.tidemq.tools.benchmark;

import org.tidemq.tools.latency.LatencySummary;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counts and latencies of a run. Load threads and client callbacks record concurrently and wait-free (HdrHistogram
 * {@link Recorder}, {@link LongAdder}); one reporting thread takes the per-second {@link #snapshot()} and the final
 * {@link #totals()}, which fold each interval into the run's total histogram.
 *
 * <p>Latencies are microseconds; negative ones (a consumer's clock behind the producer's) count as zero.
 */
public final class LoadStats {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double MICROS_PER_MILLI = 1000.0;

    private final LongSupplier nanoClock;
    private final Recorder latencies = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder intervalMessages = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final LongAdder totalBytes = new LongAdder();
    private final LongAdder recordedMessages = new LongAdder();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

    // Owned by the reporting thread (guarded by this).
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram recycled;
    private long totalMessages;
    private long totalRequests;
    private final long startNanos;
    private long lastSnapshotNanos;

    /** @param nanoClock monotonic time ({@code System::nanoTime}); the run's start is "now" */
    public LoadStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastSnapshotNanos = startNanos;
    }

    /** A request that stored (or a delivery of) {@code messages} messages of {@code bytes} in total. */
    public void recordSuccess(long latencyMicros, int messages, long bytes) {
        latencies.recordValue(Math.max(0, latencyMicros));
        intervalMessages.add(messages);
        recordedMessages.add(messages);
        totalBytes.add(bytes);
    }

    /** Messages recorded as successful so far; callable from any thread, unlike {@link #totals()}. */
    public long messagesSoFar() {
        return recordedMessages.sum();
    }

    /** A failed request, counted under {@code kind}. */
    public void recordError(String kind) {
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        intervalErrors.increment();
    }

    /** The interval since the previous snapshot; its latencies move into the run's total. */
    public synchronized IntervalSnapshot snapshot() {
        long now = nanoClock.getAsLong();
        Histogram interval = latencies.getIntervalHistogram(recycled);
        long messages = intervalMessages.sumThenReset();
        long errors = intervalErrors.sumThenReset();
        total.add(interval);
        totalMessages += messages;
        totalRequests += interval.getTotalCount();
        IntervalSnapshot snapshot = new IntervalSnapshot(now - startNanos, now - lastSnapshotNanos, messages,
                interval.getTotalCount(), errors,
                interval.getTotalCount() == 0 ? 0 : interval.getMean() / MICROS_PER_MILLI,
                interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / MICROS_PER_MILLI);
        recycled = interval;
        lastSnapshotNanos = now;
        return snapshot;
    }

    /** Everything recorded so far (taking a last snapshot first). */
    public synchronized Totals totals() {
        IntervalSnapshot last = snapshot();
        Map<String, Long> errors = new TreeMap<>();
        errorsByKind.forEach((kind, count) -> errors.put(kind, count.sum()));
        return new Totals(last.elapsedSinceStartNanos(), totalMessages, totalRequests, totalBytes.sum(), errors,
                LatencySummary.of(total));
    }

    /**
     * The run so far.
     *
     * @param elapsedNanos from the start of the load to now
     * @param errorsByKind failed requests per kind, sorted by kind
     */
    public record Totals(long elapsedNanos, long messages, long requests, long bytes, Map<String, Long> errorsByKind,
                         LatencySummary latency) {
        public Totals {
            errorsByKind = Collections.unmodifiableMap(new TreeMap<>(errorsByKind));
        }

        public long errors() {
            return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        public double messagesPerSecond() {
            return elapsedNanos <= 0 ? 0 : messages * 1e9 / elapsedNanos;
        }
    }
}
