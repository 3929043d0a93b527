package org.tidemq.tools.admin.command.stats;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.BrokerStats;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code statsAll}: per topic and consumer group, the backlog, put/get rates and 24-hour counts. Rates and counts come
 * from the brokers' statistics (VIEW_BROKER_STATS_DATA); a broker that keeps none contributes zeros, as in Apache's
 * tool. Shows progress on stderr when it is a terminal, since it asks every broker about every topic.
 */
@Command(name = "statsAll", description = "Topic and Consumer tps stats.")
public final class StatsAllCommand extends AdminCommand {
    static final String HEADER = "%-64s  %-64s %12s %11s %11s %14s %14s%n";
    static final String GROUP_ROW = "%-64s  %-64s %12d %11.2f %11.2f %14d %14d%n";
    static final String NO_CONSUMER_ROW = "%-64s  %-64s %12d %11.2f %11s %14d %14s%n";
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final String DLQ_PREFIX = "%DLQ%";

    @Option(names = {"-a", "--activeTopic"}, description = "print active topic only")
    boolean activeTopic;

    @Option(names = {"-t", "--topic"}, description = "print select topic only")
    String selectTopic;

    @Override
    protected void run(AdminClient admin) {
        printf(HEADER, "#Topic", "#Consumer Group", "#Accumulation", "#InTPS", "#OutTPS", "#InMsg24Hour",
                "#OutMsg24Hour");
        Set<String> topics = admin.topicList();
        boolean progress = System.console() != null;
        int done = 0;
        for (String topic : topics) {
            done++;
            if (progress) {
                context().err().printf("\r%d/%d topics", done, topics.size());
                context().err().flush();
            }
            if (topic.startsWith(RETRY_PREFIX) || topic.startsWith(DLQ_PREFIX)
                    || (selectTopic != null && !selectTopic.trim().equals(topic))) {
                continue;
            }
            try {
                printTopic(admin, topic);
            } catch (AdminException e) {
                // Pseudo topics (cluster and broker names) or a topic deleted meanwhile: Apache skips them too.
            }
        }
        if (progress) {
            context().err().printf("%n");
        }
    }

    private void printTopic(AdminClient admin, String topic) {
        TopicRouteData route = admin.topicRoute(topic);
        Set<String> groups = admin.topicConsumers(topic);
        double inTps = 0;
        long inToday = 0;
        for (String master : masters(route)) {
            Optional<BrokerStats> stats = admin.brokerStats(master, "TOPIC_PUT_NUMS", topic);
            inTps += stats.map(BrokerStats::minuteTps).orElse(0.0);
            inToday += stats.map(BrokerStats::last24HoursSum).orElse(0L);
        }
        if (groups.isEmpty()) {
            if (!activeTopic || inToday > 0) {
                printf(NO_CONSUMER_ROW, Columns.front(topic, 64), "", 0, inTps, "", inToday, "NO_CONSUMER");
            }
            return;
        }
        for (String group : groups) {
            double outTps = 0;
            long outToday = 0;
            for (String master : masters(route)) {
                Optional<BrokerStats> stats = admin.brokerStats(master, "GROUP_GET_NUMS", topic + "@" + group);
                outTps += stats.map(BrokerStats::minuteTps).orElse(0.0);
                outToday += stats.map(BrokerStats::last24HoursSum).orElse(0L);
            }
            long accumulation;
            try {
                accumulation = Math.max(0, admin.consumeStats(group, topic).diffTotal());
            } catch (AdminException e) {
                accumulation = 0;
            }
            if (!activeTopic || inToday > 0 || outToday > 0) {
                printf(GROUP_ROW, Columns.front(topic, 64), Columns.front(group, 64), accumulation, inTps, outTps,
                        inToday, outToday);
            }
        }
    }

    private static List<String> masters(TopicRouteData route) {
        return route.brokerDatas().stream().map(BrokerData::masterAddr).filter(address -> address != null).toList();
    }
}
