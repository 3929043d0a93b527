package org.tidemq.bench.compare;

import java.util.List;

/**
 * One implementation's figures for one scenario over all rounds: mean TPS and p99, peak RSS, CPU per message
 * (total broker CPU over total messages, so long rounds weigh more), total errors.
 */
public record ScenarioFigures(int rounds, double meanTps, double meanP99Ms, double maxRssMib, double cpuMicrosPerMessage,
                              long errors, boolean anyCaughtUp) {
    private static final double KIB_PER_MIB = 1024.0;

    /** @throws IllegalArgumentException for an empty list */
    public static ScenarioFigures of(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double tps = runs.stream().mapToDouble(RunRecord::tps).average().orElseThrow();
        double p99 = runs.stream().allMatch(run -> run.p99Ms() >= 0)
                ? runs.stream().mapToDouble(RunRecord::p99Ms).average().orElseThrow() : -1;
        long rss = runs.stream().mapToLong(RunRecord::maxRssKib).max().orElseThrow();
        long messages = runs.stream().mapToLong(RunRecord::messages).sum();
        long cpu = runs.stream().mapToLong(RunRecord::brokerCpuMicros).sum();
        return new ScenarioFigures(runs.size(), tps, p99, rss / KIB_PER_MIB,
                messages > 0 ? cpu / (double) messages : -1, runs.stream().mapToLong(RunRecord::errors).sum(),
                runs.stream().anyMatch(RunRecord::caughtUp));
    }
}
