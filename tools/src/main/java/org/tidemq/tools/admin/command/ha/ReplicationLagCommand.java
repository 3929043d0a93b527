package org.tidemq.tools.admin.command.ha;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ClusterBrokers;
import org.tidemq.tools.admin.ToolFailure;
import org.tidemq.tools.replication.LagFormat;
import org.tidemq.tools.replication.ReplicationLagSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code replicationLag} (TideMQ only): samples every master of a cluster through GET_BROKER_HA_STATUS for a few
 * seconds and prints how long its slaves took to acknowledge what it had written, as percentiles. Works against
 * Apache RocketMQ too. Idle clusters record no samples: the figure is about data in flight.
 */
@Command(name = "replicationLag",
        description = "Sample the replication lag (ms) of every master's slaves for a few seconds (TideMQ tool).")
public final class ReplicationLagCommand extends AdminCommand {

    @Option(names = {"-c", "--clusterName"}, required = true, description = "the cluster")
    String clusterName;

    @Option(names = {"-s", "--seconds"}, defaultValue = "3", description = "how long to sample (default: 3)")
    int seconds;

    @Option(names = {"-i", "--intervalMs"}, defaultValue = "10", description = "ms between samples (default: 10)")
    int intervalMs;

    @Override
    protected void run(AdminClient admin) {
        if (seconds < 1 || intervalMs < 1) {
            throw new ToolFailure("--seconds and --intervalMs must be at least 1");
        }
        List<String> masters = new ArrayList<>();
        ClusterBrokers.mastersAndSlaves(admin.clusterInfo(), clusterName.trim()).forEach((master, slaves) -> {
            if (master != null && !slaves.isEmpty()) {
                masters.add(master);
            }
        });
        if (masters.isEmpty()) {
            throw new ToolFailure("cluster '" + clusterName.trim() + "' has no master with a slave");
        }
        ReplicationLagSampler sampler = new ReplicationLagSampler(masters, admin::haStatus, System::nanoTime);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                sampler.sampleOnce();
                Thread.sleep(intervalMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printf("%s%n", LagFormat.line(sampler.summary()));
    }
}
