package org.tidemq.tools.benchmark;

import java.util.List;

/**
 * The end-of-run report.
 *
 * @param config      what was run
 * @param totals      counts, bytes, errors and latency percentiles
 * @param brokers     the brokers' roles and flush modes
 * @param interrupted whether the run was cut short (Ctrl-C, SIGTERM) before its duration
 */
public record BenchmarkSummary(BenchmarkConfig config, LoadStats.Totals totals, List<BrokerSetting> brokers,
                               boolean interrupted) {
    public BenchmarkSummary {
        brokers = List.copyOf(brokers);
    }
}
