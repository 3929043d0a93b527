package org.tidemq.tools.benchmark;

/**
 * What happened since the previous snapshot: the once-a-second progress line.
 *
 * @param elapsedSinceStartNanos time from the start of the load to this snapshot
 * @param intervalNanos          length of the interval
 * @param messages               messages stored (or consumed) in the interval
 * @param requests               requests completed in the interval (a batch is one)
 * @param errors                 failed requests in the interval
 * @param meanMs                 mean latency of the interval's requests
 * @param maxMs                  highest latency of the interval's requests
 */
public record IntervalSnapshot(long elapsedSinceStartNanos, long intervalNanos, long messages, long requests,
                               long errors, double meanMs, double maxMs) {

    /** Messages per second over the interval. */
    public double messagesPerSecond() {
        return intervalNanos <= 0 ? 0 : messages * 1e9 / intervalNanos;
    }
}
