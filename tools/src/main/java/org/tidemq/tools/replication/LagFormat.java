package org.tidemq.tools.replication;

import org.tidemq.tools.latency.LatencySummary;

import java.util.Locale;

/** The one-line report of a {@link ReplicationLagSampler.LagSummary}. */
public final class LagFormat {
    private LagFormat() {
    }

    /**
     * {@code Replication lag (ms): p50 2.000  p99 12.000  max 31.000  (1834 samples, 2 slaves, 0 pending,
     * 0 unanswered)}.
     */
    public static String line(ReplicationLagSampler.LagSummary summary) {
        LatencySummary lag = summary.lag();
        String pending = summary.pendingMarks() == 0 ? "0 pending"
                : String.format(Locale.ROOT, "%d pending, oldest %.0f ms", summary.pendingMarks(),
                summary.oldestPendingMs());
        return String.format(Locale.ROOT, "Replication lag (ms): p50 %.3f  p99 %.3f  max %.3f  (%d samples, %d slaves, "
                        + "%s, %d unanswered%s)", lag.p50Ms(), lag.p99Ms(), lag.maxMs(), lag.count(),
                summary.slaves(), pending, summary.unansweredSamples(),
                summary.droppedMarks() == 0 ? "" : ", " + summary.droppedMarks() + " dropped");
    }
}
