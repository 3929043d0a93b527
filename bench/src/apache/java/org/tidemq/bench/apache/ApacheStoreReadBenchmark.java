package org.tidemq.bench.apache;

import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.GetMessageStatus;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The performance anchor for {@code org.tidemq.bench.store.StoreReadBenchmark}: one thread reads 32 messages at a
 * time by queue and offset from Apache RocketMQ 5.2.0's own {@code DefaultMessageStore.getMessage} (ConsumeQueue
 * lookup, then mapped CommitLog slices, released after use), over the same 200,000 1 KiB messages in one queue
 * written just before, offsets walking the queue and wrapping. Score = messages per second. Same JMH settings.
 *
 * <p>Opt-in only: {@code mvn -B -Papache-anchor -pl bench -am package -DskipTests}, then
 * {@code java -cp "bench/target/lib/*" org.openjdk.jmh.Main "StoreReadBenchmark"} runs both in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class ApacheStoreReadBenchmark {
    private static final int BATCH = 32;
    private static final String TOPIC = "BenchTopic";
    private static final String GROUP = "BenchGroup";
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    @Param({"200000"})
    public int messages;

    private Path dir;
    private DefaultMessageStore store;
    private long nextOffset;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        Path parent = Path.of(System.getProperty("tidemq.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(Files.createDirectories(parent), "apache-store-read-bench");
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setStorePathCommitLog(dir.resolve("commitlog").toString());
        config.setFlushDiskType(FlushDiskType.ASYNC_FLUSH);
        BrokerConfig brokerConfig = new BrokerConfig();
        store = new DefaultMessageStore(config, new BrokerStatsManager(brokerConfig), null, brokerConfig,
                new ConcurrentHashMap<>());
        if (!store.load()) {
            throw new IllegalStateException("Apache store failed to load " + dir);
        }
        store.start();
        byte[] body = new byte[1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        for (int i = 0; i < messages; i++) {
            MessageExtBrokerInner message = new MessageExtBrokerInner();
            message.setTopic(TOPIC);
            message.setQueueId(0);
            message.setBody(body);
            message.setBornTimestamp(System.currentTimeMillis());
            message.setBornHost(HOST);
            message.setStoreHost(HOST);
            String properties = "UNIQ_KEY\u00017F0000010000" + Integer.toHexString(i) + "\u0002WAIT\u0001false\u0002";
            MessageAccessor.setProperties(message, MessageDecoder.string2messageProperties(properties));
            message.setPropertiesString(properties);
            PutMessageResult result = store.putMessage(message);
            if (!result.isOk()) {
                throw new IllegalStateException("append refused: " + result.getPutMessageStatus());
            }
        }
        while (store.getMaxOffsetInQueue(TOPIC, 0) < messages) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.shutdown();
        store.destroy();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int read32() {
        long offset = nextOffset;
        nextOffset = offset + 2 * BATCH > messages ? 0 : offset + BATCH;
        GetMessageResult result = store.getMessage(GROUP, TOPIC, 0, offset, BATCH, null);
        try {
            if (result.getStatus() != GetMessageStatus.FOUND || result.getMessageCount() != BATCH) {
                throw new IllegalStateException("read " + result.getMessageCount() + " at " + offset + ": "
                        + result.getStatus());
            }
            return result.getBufferTotalSize();
        } finally {
            result.release();
        }
    }
}
