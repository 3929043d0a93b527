package org.tidemq.broker.admin;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.KVTable;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.store.MessageStore;

/**
 * GET_BROKER_RUNTIME_INFO (28): {@code {"table":{…}}} with string values, the keys {@code mqadmin clusterList} and
 * {@code brokerStatus} parse (facts §4.9).
 *
 * <p>{@code putTps} is "10 s, 60 s, 600 s" averages of messages stored per second. Not measured (yet), and
 * therefore not reported rather than invented: pull rates and totals ({@code getTransferredTps} is
 * {@code "0.0 0.0 0.0"}, which the tools parse; {@code msgGetTotal*} are 0), {@code pageCacheLockTimeMills} (0) and
 * queue head wait times (keys absent). An empty
 * CommitLog reports {@code earliestMessageTimeStamp} -1, as RocketMQ does. Thread-safe.
 */
public final class BrokerRuntimeInfoProcessor implements RequestProcessor.Sync {
    /** The version this broker speaks, as RocketMQ's {@code MQVersion.getVersionDesc(453)} names it. */
    static final String BROKER_VERSION_DESC = "V5_2_0";
    static final String UNMEASURED_TPS = "0.0 0.0 0.0";

    private final BrokerConfig config;
    private final MessageStore store;
    private final MessagePutCounter puts;
    private final IntSupplier sendQueueSize;
    private final IntSupplier pullQueueSize;
    private final LongSupplier clockMillis;
    private final long startedAtMillis;

    /**
     * @param sendQueueSize requests waiting in the send executor's queue
     * @param pullQueueSize requests waiting in the pull executor's queue
     */
    public BrokerRuntimeInfoProcessor(BrokerConfig config, MessageStore store, MessagePutCounter puts,
                                      IntSupplier sendQueueSize, IntSupplier pullQueueSize,
                                      LongSupplier clockMillis) {
        this.config = config;
        this.store = store;
        this.puts = puts;
        this.sendQueueSize = sendQueueSize;
        this.pullQueueSize = pullQueueSize;
        this.clockMillis = clockMillis;
        this.startedAtMillis = clockMillis.getAsLong();
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        return RemotingCommand.successTo(request).setBody(new KVTable(runtimeInfo()).encode(IntKeyStyle.UNQUOTED));
    }

    /** The table as sent. */
    Map<String, String> runtimeInfo() {
        Map<String, String> table = new TreeMap<>();
        table.put("brokerVersionDesc", BROKER_VERSION_DESC);
        table.put("brokerVersion", Integer.toString(RemotingVersion.V5_2_0));
        MessagePutCounter.Snapshot put = puts.snapshot();
        table.put("msgPutTotalTodayNow", Long.toString(put.todayNow()));
        table.put("msgPutTotalTodayMorning", Long.toString(put.todayMorning()));
        table.put("msgPutTotalYesterdayMorning", Long.toString(put.yesterdayMorning()));
        table.put("msgGetTotalTodayNow", "0");
        table.put("msgGetTotalTodayMorning", "0");
        table.put("msgGetTotalYesterdayMorning", "0");
        table.put("putTps", String.format(Locale.ROOT, "%.2f %.2f %.2f", put.tps10s(), put.tps60s(),
                put.tps600s()));
        table.put("getTransferredTps", UNMEASURED_TPS);
        table.put("commitLogDiskRatio", Double.toString(diskUsedRatio(config.store().storePathCommitLog())));
        table.put("earliestMessageTimeStamp", Long.toString(store.getEarliestMessageTime()));
        table.put("commitLogMinOffset", Long.toString(store.getMinPhyOffset()));
        table.put("commitLogMaxOffset", Long.toString(store.getMaxPhyOffset()));
        table.put("pageCacheLockTimeMills", "0");
        table.put("sendThreadPoolQueueSize", Integer.toString(sendQueueSize.getAsInt()));
        table.put("sendThreadPoolQueueCapacity", Integer.toString(config.flow().sendThreadPoolQueueCapacity()));
        table.put("pullThreadPoolQueueSize", Integer.toString(pullQueueSize.getAsInt()));
        table.put("pullThreadPoolQueueCapacity", Integer.toString(config.flow().pullThreadPoolQueueCapacity()));
        table.put("brokerActive", "true");
        table.put("runtime", runtimeText(clockMillis.getAsLong() - startedAtMillis));
        return table;
    }

    /** Used share of the disk holding {@code dir} (0.0–1.0); -1.0 when it cannot be read. */
    static double diskUsedRatio(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return -1.0;
            }
            FileStore fileStore = Files.getFileStore(existing);
            long total = fileStore.getTotalSpace();
            return total <= 0 ? -1.0 : (double) (total - fileStore.getUsableSpace()) / total;
        } catch (IOException e) {
            return -1.0;
        }
    }

    /** RocketMQ's "[ d days, h hours, m minutes, s seconds ]" uptime text. */
    static String runtimeText(long uptimeMillis) {
        long seconds = uptimeMillis / 1000;
        return String.format("[ %d days, %d hours, %d minutes, %d seconds ]", seconds / 86_400,
                seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60);
    }
}
