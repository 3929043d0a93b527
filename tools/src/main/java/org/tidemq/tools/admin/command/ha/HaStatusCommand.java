package org.tidemq.tools.admin.command.ha;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.HaStatus;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.BrokerTarget;
import org.tidemq.tools.admin.ClusterBrokers;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.List;

/** {@code haStatus}: replication role, offsets and slave lag of a broker or of every master of a cluster. */
@Command(name = "haStatus", description = "Fetch ha runtime status data.")
public final class HaStatusCommand extends AdminCommand {
    static final String SLAVE_HEADER = "%-32s  %-16s %16s %16s %16s %16s%n";
    static final String SLAVE_ROW = "%-32s  %-16d %16d %16.2f %16s %16d%n";

    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Option(names = {"-i", "--interval"}, description = "repeat every N seconds until interrupted")
    Integer intervalSeconds;

    @Override
    protected void run(AdminClient admin) {
        while (true) {
            List<String> brokers = target.brokerAddress() != null ? List.of(target.brokerAddress())
                    : ClusterBrokers.masters(admin.clusterInfo(), target.value());
            for (String broker : brokers) {
                print(broker, admin.haStatus(broker));
            }
            context().out().flush();
            if (intervalSeconds == null || intervalSeconds <= 0) {
                return;
            }
            try {
                Thread.sleep(intervalSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void print(String brokerAddr, HaStatus status) {
        if (status.master()) {
            printf("%n#MasterAddr\t%s%n#MasterCommitLogMaxOffset\t%d%n#SlaveNum\t%d%n#InSyncSlaveNum\t%d%n", brokerAddr,
                    status.masterCommitLogMaxOffset(), status.slaves().size(), status.inSyncSlaveNums());
            printf(SLAVE_HEADER, "#SlaveAddr", "#SlaveAckOffset", "#Diff", "#TransferSpeed(KB/s)", "#Status",
                    "#TransferFromWhere");
            for (HaStatus.SlaveConnection slave : status.slaves()) {
                printf(SLAVE_ROW, slave.addr(), slave.slaveAckOffset(), slave.diff(),
                        slave.transferredByteInSecond() / 1024.0, slave.inSync() ? "OK" : "Fall Behind",
                        slave.transferFromWhere());
            }
            return;
        }
        HaStatus.SlaveState slave = status.asSlave();
        if (slave == null) {
            printf("%n#MasterAddr\t%s%n", "");
            return;
        }
        ZoneId zone = context().clock().getZone();
        printf("%n#MasterAddr\t%s%n", slave.masterAddr());
        printf("#CommitLogMaxOffset\t%d%n", slave.maxOffset());
        printf("#TransferSpeed(KB/s)\t%.2f%n", slave.transferredByteInSecond() / 1024.0);
        printf("#LastReadTime\t%s%n", Columns.humanMillis(slave.lastReadTimestamp(), zone));
        printf("#LastWriteTime\t%s%n", Columns.humanMillis(slave.lastWriteTimestamp(), zone));
        printf("#MasterFlushOffset\t%s%n", slave.masterFlushOffset());
    }
}
