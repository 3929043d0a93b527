package org.tidemq.bench.apache;

import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The performance anchor for {@code org.tidemq.bench.store.LargeAppendHeapBenchmark}: 4 GiB of 1 KiB messages
 * appended to Apache RocketMQ 5.2.0's {@code DefaultMessageStore} (ASYNC_FLUSH, 1 GiB segments) in a JVM started with
 * {@code -Xmx128m}, heap in use after a full GC printed every 256 MiB; reported is the growth from the 256 MiB sample
 * to the largest later one. Apache takes bodies as heap {@code byte[]}; whether its heap stays flat is the question.
 *
 * <p>Opt-in only: {@code java -Xmx128m -cp "bench/target/lib/*" org.tidemq.bench.apache.ApacheLargeAppendHeapBenchmark
 * DIR [totalMiB]} after {@code mvn -B -Papache-anchor -pl bench -am package -DskipTests}.
 */
public final class ApacheLargeAppendHeapBenchmark {
    private static final long MIB = 1024 * 1024;
    private static final long REPORT_EVERY = 256 * MIB;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private ApacheLargeAppendHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long totalBytes = (args.length > 1 ? Long.parseLong(args[1]) : 4096) * MIB;
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setStorePathCommitLog(dir.resolve("commitlog").toString());
        config.setFlushDiskType(FlushDiskType.ASYNC_FLUSH);
        BrokerConfig brokerConfig = new BrokerConfig();
        DefaultMessageStore store = new DefaultMessageStore(config, new BrokerStatsManager(brokerConfig), null,
                brokerConfig, new ConcurrentHashMap<>());
        if (!store.load()) {
            throw new IllegalStateException("Apache store failed to load " + dir);
        }
        store.start();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> heapAfterGcMiB = new ArrayList<>();
        byte[] body = new byte[1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        long started = System.nanoTime();
        try {
            long written = 0;
            long messages = 0;
            long nextReport = 0;
            while (written < totalBytes) {
                if (written >= nextReport) {
                    heapAfterGcMiB.add(heapAfterGc(memory));
                    System.out.printf(Locale.ROOT, "appended %5d MiB (%9d messages): heap after GC %.2f MiB%n",
                            written / MIB, messages, heapAfterGcMiB.get(heapAfterGcMiB.size() - 1));
                    nextReport += REPORT_EVERY;
                }
                MessageExtBrokerInner message = new MessageExtBrokerInner();
                message.setTopic("BenchTopic");
                message.setQueueId((int) (messages % 8));
                message.setBody(body);
                message.setBornTimestamp(System.currentTimeMillis());
                message.setBornHost(HOST);
                message.setStoreHost(HOST);
                String properties = "UNIQ_KEY\u00017F0000010000" + Long.toHexString(messages) + "\u0002WAIT\u0001false\u0002";
                MessageAccessor.setProperties(message, MessageDecoder.string2messageProperties(properties));
                message.setPropertiesString(properties);
                PutMessageResult result = store.putMessage(message);
                if (!result.isOk()) {
                    throw new IllegalStateException("append refused: " + result.getPutMessageStatus());
                }
                written += result.getAppendMessageResult().getWroteBytes();
                messages++;
            }
            heapAfterGcMiB.add(heapAfterGc(memory));
            System.out.printf(Locale.ROOT, "appended %5d MiB (%9d messages): heap after GC %.2f MiB; %.1f s%n",
                    written / MIB, messages, heapAfterGcMiB.get(heapAfterGcMiB.size() - 1),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            store.shutdown();
            store.destroy();
            deleteRecursively(dir);
        }
        double baseline = heapAfterGcMiB.get(Math.min(1, heapAfterGcMiB.size() - 1));
        double largest = heapAfterGcMiB.stream().skip(1).mapToDouble(Double::doubleValue).max().orElse(baseline);
        System.out.printf(Locale.ROOT, "heap after GC: after open %.2f MiB, baseline %.2f MiB, largest %.2f MiB%n",
                heapAfterGcMiB.get(0), baseline, largest);
        System.out.printf(Locale.ROOT, "RESULT|apache-heap-growth-%dMiB-append-Xmx%dm|%.1f|MiB|anchor|-%n",
                totalBytes / MIB, Runtime.getRuntime().maxMemory() / MIB, largest - baseline);
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (double) MIB;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
