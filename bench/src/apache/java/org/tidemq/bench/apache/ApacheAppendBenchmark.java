package org.tidemq.bench.apache;

import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The performance anchor for {@code org.tidemq.bench.store.AsyncAppendBenchmark} and {@code SyncAppendBenchmark}:
 * Apache RocketMQ 5.2.0's own {@code DefaultMessageStore} with its default 1 GiB segments, driven the same way — N
 * writer threads, 1 KiB bodies, topic BenchTopic round-robin over 8 queues, a UNIQ_KEY per message, warm-up then a
 * measured window. ASYNC_FLUSH sends WAIT=false; SYNC_FLUSH sends WAIT=true, so each writer waits for the group commit
 * covering its message, and only PUT_OK counts. Prints the same {@code RESULT|…} line format.
 *
 * <p>Opt-in only: {@code mvn -B -Papache-anchor -pl bench -am package -DskipTests}, then
 * {@code java -Xmx1g -cp "bench/target/lib/*" org.tidemq.bench.apache.ApacheAppendBenchmark DIR [threads] [seconds]
 * [ASYNC_FLUSH|SYNC_FLUSH]}.
 */
public final class ApacheAppendBenchmark {
    private static final String TOPIC = "BenchTopic";
    private static final int QUEUES = 8;
    private static final int BODY_BYTES = 1024;
    private static final long WARMUP_SECONDS = 3;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private ApacheAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        FlushDiskType flushDiskType = args.length > 3 ? FlushDiskType.valueOf(args[3]) : FlushDiskType.ASYNC_FLUSH;
        boolean waitStoreMsgOk = flushDiskType == FlushDiskType.SYNC_FLUSH;

        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setStorePathCommitLog(dir.resolve("commitlog").toString());
        config.setFlushDiskType(flushDiskType);
        BrokerConfig brokerConfig = new BrokerConfig();
        DefaultMessageStore store = new DefaultMessageStore(config, new BrokerStatsManager(brokerConfig), null,
                brokerConfig, new ConcurrentHashMap<>());
        if (!store.load()) {
            throw new IllegalStateException("Apache store failed to load " + dir);
        }
        store.start();

        LongAdder appended = new LongAdder();
        LongAdder appendedBytes = new LongAdder();
        LongAdder refused = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int writer = t;
                Thread thread = new Thread(() -> {
                    try {
                        write(store, writer, waitStoreMsgOk, stop, appended, appendedBytes, refused);
                    } catch (RuntimeException | Error e) {
                        writerFailure.compareAndSet(null, e);
                        stop.set(true);
                    }
                }, "apache-writer-" + t);
                writers.add(thread);
                thread.start();
            }
            TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
            long startCount = appended.sum();
            long startBytes = appendedBytes.sum();
            long startCpu = processCpuNanos();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long cpu = processCpuNanos() - startCpu;
            long count = appended.sum() - startCount;
            long bytes = appendedBytes.sum() - startBytes;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            stop.set(true);
            for (Thread thread : writers) {
                thread.join();
            }
            if (writerFailure.get() != null) {
                throw new IllegalStateException("a writer failed; no figure", writerFailure.get());
            }
            double rate = count / elapsed;
            double mibPerSecond = bytes / 1048576.0 / elapsed;
            System.out.printf(Locale.ROOT, "Apache RocketMQ 5.2.0 %s append: %d writer thread(s), %d-byte bodies,"
                    + " %.1f s measured: %d messages, %.0f msgs/s, %.1f MiB/s of records; %d appends not PUT_OK%n",
                    flushDiskType, threads, BODY_BYTES, elapsed, count, rate, mibPerSecond, refused.sum());
            System.out.printf(Locale.ROOT, "CPU: %.2f cores busy, %.2f µs of CPU per message%n", cpu / 1e9 / elapsed,
                    cpu / 1e3 / Math.max(1, count));
            if (waitStoreMsgOk) {
                System.out.printf(Locale.ROOT, "RESULT|apache-sync-append-1KiB-%d-writers|%.1f|MiB/s|anchor|-%n",
                        threads, mibPerSecond);
            } else {
                System.out.printf(Locale.ROOT, "RESULT|apache-async-append-1KiB-%d-threads|%.1f|msgs/s|anchor|-%n",
                        threads, rate);
            }
        } finally {
            stop.set(true);
            store.shutdown();
            store.destroy();
            deleteRecursively(dir);
        }
    }

    private static void write(DefaultMessageStore store, int writer, boolean waitStoreMsgOk, AtomicBoolean stop,
                              LongAdder appended, LongAdder appendedBytes, LongAdder refused) {
        byte[] body = new byte[BODY_BYTES];
        for (int i = 0; i < BODY_BYTES; i++) {
            body[i] = (byte) ('a' + (i + writer) % 26);
        }
        String keyPrefix = String.format(Locale.ROOT, "7F000001%04X", writer);
        long sequence = 0;
        while (!stop.get()) {
            long n = sequence++;
            MessageExtBrokerInner message = new MessageExtBrokerInner();
            message.setTopic(TOPIC);
            message.setQueueId((int) (n % QUEUES));
            message.setBody(body);
            message.setBornTimestamp(System.currentTimeMillis());
            message.setBornHost(HOST);
            message.setStoreHost(HOST);
            // As Apache's broker does: the properties map for the store's checks, the string for the record.
            String properties = "UNIQ_KEY\u0001" + keyPrefix + Long.toHexString(n) + "\u0002WAIT\u0001" + waitStoreMsgOk
                    + "\u0002";
            MessageAccessor.setProperties(message, MessageDecoder.string2messageProperties(properties));
            message.setPropertiesString(properties);
            PutMessageResult result = store.putMessage(message);
            if (result.getPutMessageStatus() == PutMessageStatus.PUT_OK) {
                appended.increment();
                appendedBytes.add(result.getAppendMessageResult().getWroteBytes());
            } else {
                refused.increment();
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
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
