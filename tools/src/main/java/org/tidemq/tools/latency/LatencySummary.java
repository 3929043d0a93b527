package org.tidemq.tools.latency;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of a run, in milliseconds (recorded in microseconds).
 *
 * @param count recorded values (requests, or consumed messages)
 */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                             double maxMs) {
    private static final double MICROS_PER_MILLI = 1000.0;

    /** The summary of a histogram of microsecond values; all zeros when it is empty. */
    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), micros.getMean() / MICROS_PER_MILLI,
                millis(micros.getValueAtPercentile(50.0)), millis(micros.getValueAtPercentile(90.0)),
                millis(micros.getValueAtPercentile(99.0)), millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
