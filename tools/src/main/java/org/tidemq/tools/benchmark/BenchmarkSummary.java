package org.tidemq.tools.benchmark;

import org.tidemq.tools.replication.ReplicationLagSampler;

import java.util.List;

/**
 * The end-of-run report.
 *
 * @param config      what was run
 * @param totals      counts, bytes, errors and latency percentiles
 * @param brokers     the brokers' roles and flush modes
 * @param interrupted whether the run was cut short (Ctrl-C, SIGTERM) before its duration
 * @param firing      how scheduled messages fired (timerProducer), else null
 * @param replicationLag how far the slaves trailed their masters during the run, when the cluster has slaves,
 *                    else null
 */
public record BenchmarkSummary(BenchmarkConfig config, LoadStats.Totals totals, List<BrokerSetting> brokers,
                               boolean interrupted, FiringSummary firing,
                               ReplicationLagSampler.LagSummary replicationLag) {
    public BenchmarkSummary {
        brokers = List.copyOf(brokers);
    }
}
