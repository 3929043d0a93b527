package org.tidemq.tools.admin.command.cluster;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code clusterRT}: send round-trip time per broker, measured by sending {@code -a} messages of {@code -s} bytes to
 * each broker's own topic (its broker-name topic). Unlike Apache's tool, which repeats forever, one round is measured
 * unless {@code -i} asks for repetition.
 */
@Command(name = "clusterRT", description = "List All clusters Message Send RT.")
public final class ClusterRtCommand extends AdminCommand {
    static final String HEADER = "%-24s  %-24s  %-4s  %-8s  %-8s%n";
    static final String ROW = "%-24s  %-24s  %-8s  %-16s  %-16s%n";
    private static final String PRODUCER_GROUP = "PID_SMSC";

    @Option(names = {"-a", "--amount"}, description = "message amount | default 100")
    long amount = 100;

    @Option(names = {"-s", "--size"}, description = "message size | default 128 Byte")
    int size = 128;

    @Option(names = {"-c", "--cluster"}, description = "cluster name | default display all cluster")
    String cluster;

    @Option(names = {"-p", "--printLog"}, arity = "1", description = "print as tlog | default false")
    boolean printAsTlog;

    @Option(names = {"-m", "--machineRoom"}, description = "machine room name | default noname")
    String machineRoom = "noname";

    @Option(names = {"-i", "--interval"}, description = "repeat every N seconds until interrupted | default once")
    Long intervalSeconds;

    @Override
    protected void run(AdminClient admin) {
        if (amount < 2) {
            throw new ToolFailure("-a must be at least 2 (the first send warms up and is not timed)");
        }
        ClusterInfo info = admin.clusterInfo();
        Set<String> clusters = cluster == null ? new TreeSet<>(info.clusterAddrTable().keySet()) : Set.of(cluster);
        if (cluster != null && !info.clusterAddrTable().containsKey(cluster)) {
            throw new ToolFailure("cluster [" + cluster + "] not exist");
        }
        if (!printAsTlog) {
            printf(HEADER, "#Cluster Name", "#Broker Name", "#RT", "#successCount", "#failCount");
        }
        byte[] body = "a".repeat(size).getBytes(StandardCharsets.UTF_8);
        try (Producer producer = Producer.builder().namesrvAddr(resolveNamesrv()).group(PRODUCER_GROUP).build()) {
            producer.start();
            while (true) {
                for (String clusterName : clusters) {
                    for (String brokerName : new TreeSet<>(info.clusterAddrTable().get(clusterName))) {
                        measure(producer, clusterName, brokerName, body);
                    }
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
    }

    private void measure(Producer producer, String clusterName, String brokerName, byte[] body) {
        Message message = Message.builder(brokerName).body(body).build();
        long elapsedMillis = 0;
        int successes = 0;
        int failures = 0;
        for (long i = 0; i < amount; i++) {
            long start = System.nanoTime();
            try {
                producer.send(message);
                successes++;
            } catch (RuntimeException e) {
                failures++;
            }
            if (i != 0) {
                elapsedMillis += (System.nanoTime() - start) / 1_000_000;
            }
        }
        double rt = (double) elapsedMillis / (amount - 1);
        if (printAsTlog) {
            printf("%s|%s|%s|%s|%d%n", LocalDateTime.now(context().clock()), machineRoom, clusterName,
                    brokerName, Math.round(rt));
        } else {
            printf(ROW, clusterName, brokerName, String.format("%.2f", rt), successes, failures);
        }
    }
}
