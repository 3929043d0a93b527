package org.tidemq.bench.timer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tidemq.broker.timer.TimerMessageService;
import org.tidemq.broker.timer.TimerProperties;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.message.MessageToStore;

/**
 * The timer wheel's firing path alone: {@value #TIMERS} parked timers (1 KiB bodies, 8 destination queues, the
 * properties a producer's timer carries after parking) are indexed before the measurement; the measured call moves
 * the clock past their deliver time and runs passes ({@link TimerMessageService#runOnce()}) until every one is
 * re-put to its real topic. The score is the time per fired timer (its inverse is timers fired per second on one
 * thread); the store dispatches the re-put records on its own thread meanwhile, as in a broker.
 *
 * <p>Run: {@code java -cp "$TIDEMQ_BUILD_DIR/tidemq-bench/lib/*" org.openjdk.jmh.Main TimerFireBenchmark} (store
 * directory under {@code -Dtidemq.bench.dir}, passed to the fork with {@code -jvmArgsAppend}; default:
 * java.io.tmpdir).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, batchSize = 1)
@Measurement(iterations = 8, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class TimerFireBenchmark {
    static final int TIMERS = 20_000;
    private static final int QUEUES = 8;
    private static final String TOPIC = "BenchTimerTarget";
    private static final long PRECISION_MS = 1_000;
    private static final long MAX_DELAY_MS = 3_600_000;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private Path dir;
    private DefaultMessageStore store;
    private TimerMessageService timers;
    private ByteBuffer body;
    private volatile long now;
    private long parked;
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path parent = Path.of(System.getProperty("tidemq.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(Files.createDirectories(parent), "timer-fire-bench");
        store = DefaultMessageStore.open(StoreConfig.builder(dir).flushDiskType(FlushDiskType.ASYNC_FLUSH).build());
        now = System.currentTimeMillis();
        timers = TimerMessageService.open(dir, store, PRECISION_MS, MAX_DELAY_MS, MAX_DELAY_MS, true, () -> now);
        body = ByteBuffer.allocateDirect(1024);
        for (int i = 0; i < body.capacity(); i++) {
            body.put(i, (byte) ('a' + i % 26));
        }
    }

    /** Parks {@value #TIMERS} timers due in the next second and indexes them (no pass fires: not due yet). */
    @Setup(Level.Iteration)
    public void park() {
        now = Math.max(now, System.currentTimeMillis()) + 2 * PRECISION_MS;
        long dueMs = now + PRECISION_MS / 2;
        for (int i = 0; i < TIMERS; i++) {
            long n = sequence++;
            String properties = "UNIQ_KEY\u00017F0000010000" + Long.toHexString(n) + "\u0002KEYS\u0001order-" + n
                    + "\u0002TIMER_DELIVER_MS\u0001" + dueMs + "\u0002WAIT\u0001true\u0002TIMER_OUT_MS\u0001" + dueMs
                    + "\u0002REAL_TOPIC\u0001" + TOPIC + "\u0002REAL_QID\u0001" + (n % QUEUES)
                    + "\u0002CLUSTER\u0001BenchCluster\u0002";
            PutMessageResult put = store.putMessage(new MessageToStore(TimerProperties.TIMER_TOPIC,
                    TimerProperties.TIMER_QUEUE_ID, 0, 0, now, HOST, HOST, 0, 0, properties, body.duplicate(),
                    false));
            if (!put.isAppended()) {
                throw new IllegalStateException("parking refused: " + put.status() + " " + put.reason());
            }
        }
        parked += TIMERS;
        while (store.getMaxOffsetInQueue(TimerProperties.TIMER_TOPIC, TimerProperties.TIMER_QUEUE_ID) < parked) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        int indexed = 0;
        while (indexed < TIMERS) {
            TimerMessageService.PassResult pass = timers.runOnce();
            if (pass.fired() != 0) {
                throw new IllegalStateException("fired before due");
            }
            indexed += pass.indexed();
        }
        now = dueMs;
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public int fireAll() {
        int fired = 0;
        while (fired < TIMERS) {
            fired += timers.runOnce().fired();
        }
        return fired;
    }

    @TearDown(Level.Trial)
    public void close() {
        timers.shutdown();
        store.shutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
