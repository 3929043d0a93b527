package org.tidemq.tools.admin.command.cluster;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code clusterList}: every broker of every (or one) cluster with its load, or with {@code -m} its daily totals. */
@Command(name = "clusterList", description = "List cluster infos.")
public final class ClusterListCommand extends AdminCommand {
    static final String BASE_HEADER = "%-22s  %-22s  %-4s  %-22s %-16s  %16s  %16s  %-22s  %-11s  %-12s  %-8s  %-10s%n";
    static final String BASE_ROW = "%-22s  %-22s  %-4s  %-22s %-16s  %16s  %16s  %-22s  %11s  %-12s  %-8s  %10s%n";
    static final String MORE_HEADER = "%-16s  %-32s %14s %14s %14s %14s%n";
    static final String MORE_ROW = "%-16s  %-32s %14d %14d %14d %14d%n";

    @Option(names = {"-m", "--moreStats"}, description = "Print more stats")
    boolean moreStats;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS",
            description = "Repeat every SECONDS seconds until interrupted")
    Long intervalSeconds;

    @Option(names = {"-c", "--clusterName"}, description = "which cluster")
    String clusterName;

    @Override
    protected void run(AdminClient admin) {
        while (true) {
            ClusterInfo info = admin.clusterInfo();
            Set<String> clusters = clusterName == null ? new TreeSet<>(info.clusterAddrTable().keySet())
                    : Set.of(clusterName.trim());
            if (clusterName != null && !info.clusterAddrTable().containsKey(clusterName.trim())) {
                throw new ToolFailure("unknown cluster '" + clusterName.trim() + "'; known clusters: "
                        + info.clusterAddrTable().keySet());
            }
            if (moreStats) {
                printMoreStats(admin, info, clusters);
            } else {
                printBase(admin, info, clusters);
            }
            context().out().flush();
            if (intervalSeconds == null || intervalSeconds <= 0) {
                return;
            }
            try {
                Thread.sleep(intervalSeconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void printBase(AdminClient admin, ClusterInfo info, Set<String> clusters) {
        printf(BASE_HEADER, "#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)",
                "#OutTPS(LOAD)", "#Timer(Progress)", "#PCWait(ms)", "#Hour", "#SPACE", "#ACTIVATED");
        forEachBroker(info, clusters, (cluster, brokerName, brokerId, address) -> {
            RuntimeStats stats = RuntimeStats.fetch(admin, address);
            long now = context().clock().millis();
            printf(BASE_ROW, cluster, brokerName, brokerId, address, stats.text("brokerVersionDesc"),
                    String.format("%9.2f(%s,%sms)", stats.firstDouble("putTps"), stats.text("sendThreadPoolQueueSize"),
                            stats.text("sendThreadPoolQueueHeadWaitTimeMills")),
                    String.format("%9.2f(%s,%sms)", stats.firstDouble("getTransferredTps"),
                            stats.text("pullThreadPoolQueueSize"), stats.text("pullThreadPoolQueueHeadWaitTimeMills")),
                    String.format("%d-%d(%.1fw, %.1f, %.1f)", stats.longValue("timerReadBehind"),
                            stats.longValue("timerOffsetBehind"), stats.longValue("timerCongestNum") / 10000.0f,
                            stats.firstDouble("timerEnqueueTps"), stats.firstDouble("timerDequeueTps")),
                    stats.text("pageCacheLockTimeMills"),
                    String.format("%2.2f", stats.hoursSinceEarliestMessage(now)),
                    String.format("%.4f", stats.firstDouble("commitLogDiskRatio")),
                    Boolean.parseBoolean(stats.text("brokerActive")));
        });
    }

    private void printMoreStats(AdminClient admin, ClusterInfo info, Set<String> clusters) {
        printf(MORE_HEADER, "#Cluster Name", "#Broker Name", "#InTotalYest", "#OutTotalYest", "#InTotalToday",
                "#OutTotalToday");
        forEachBroker(info, clusters, (cluster, brokerName, brokerId, address) -> {
            RuntimeStats stats = RuntimeStats.fetch(admin, address);
            printf(MORE_ROW, cluster, brokerName,
                    stats.longValue("msgPutTotalTodayMorning") - stats.longValue("msgPutTotalYesterdayMorning"),
                    stats.longValue("msgGetTotalTodayMorning") - stats.longValue("msgGetTotalYesterdayMorning"),
                    stats.longValue("msgPutTotalTodayNow") - stats.longValue("msgPutTotalTodayMorning"),
                    stats.longValue("msgGetTotalTodayNow") - stats.longValue("msgGetTotalTodayMorning"));
        });
    }

    interface BrokerVisitor {
        void visit(String cluster, String brokerName, long brokerId, String address);
    }

    /** Clusters in the given order, broker names sorted, broker ids ascending (master first). */
    static void forEachBroker(ClusterInfo info, Set<String> clusters, BrokerVisitor visitor) {
        for (String cluster : clusters) {
            Set<String> names = new TreeSet<>(info.clusterAddrTable().getOrDefault(cluster, Set.of()));
            for (String brokerName : names) {
                BrokerData data = info.brokerAddrTable().get(brokerName);
                if (data == null) {
                    continue;
                }
                for (Map.Entry<Long, String> broker : data.brokerAddrs().entrySet()) {
                    visitor.visit(cluster, brokerName, broker.getKey(), broker.getValue());
                }
            }
        }
    }
}
