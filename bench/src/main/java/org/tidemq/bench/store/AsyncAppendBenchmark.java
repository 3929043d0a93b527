package org.tidemq.bench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.config.FlushDiskType;

/**
 * ASYNC_FLUSH append throughput through the whole store ({@link DefaultMessageStore#putMessage}: write gate, append
 * lock, encoding into the mapped CommitLog; dispatch to ConsumeQueues and the key index and the background flush run
 * alongside on their own threads). 1 KiB bodies, 4 writer threads by default, RocketMQ's default 1 GiB segments.
 * Counts appends in a measurement window after a warm-up. Target: at least 400,000 messages/s.
 *
 * <p>Run: {@code java -Xmx1g -cp 'bench/target/lib/*' org.tidemq.bench.store.AsyncAppendBenchmark --dir=/var/tmp/x
 * [--threads=4] [--bodyBytes=1024] [--warmupSeconds=3] [--seconds=10]}; the directory is deleted afterwards.
 */
public final class AsyncAppendBenchmark {

    private static final double TARGET_MSGS_PER_SECOND = 400_000;

    private AsyncAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StoreBenchSupport.parseArgs(args);
        Path dir = StoreBenchSupport.requiredDir(options);
        int threads = StoreBenchSupport.intArg(options, "threads", 4);
        int bodyBytes = StoreBenchSupport.intArg(options, "bodyBytes", 1024);
        long warmupSeconds = StoreBenchSupport.longArg(options, "warmupSeconds", 3);
        long seconds = StoreBenchSupport.longArg(options, "seconds", 10);
        boolean warm = Boolean.parseBoolean(options.getOrDefault("warm", "false"));

        LongAdder appended = new LongAdder();
        LongAdder appendedBytes = new LongAdder();
        LongAdder refused = new LongAdder();
        DefaultMessageStore store = StoreBenchSupport.open(dir, FlushDiskType.ASYNC_FLUSH, warm);
        List<Thread> writers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int t = 0; t < threads; t++) {
                StoreBenchSupport.MessageSource source = new StoreBenchSupport.MessageSource(bodyBytes, t, false);
                Thread writer = new Thread(() -> {
                    while (!stop.get()) {
                        PutMessageResult result = store.putMessage(source.next());
                        if (result.isAppended()) {
                            appended.increment();
                            appendedBytes.add(result.append().wroteBytes());
                        } else {
                            refused.increment();
                        }
                    }
                }, "async-writer-" + t);
                writers.add(writer);
                writer.start();
            }
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long startCount = appended.sum();
            long startBytes = appendedBytes.sum();
            long startCpu = StoreBenchSupport.processCpuNanos();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long cpu = StoreBenchSupport.processCpuNanos() - startCpu;
            long count = appended.sum() - startCount;
            long bytes = appendedBytes.sum() - startBytes;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            double rate = count / elapsed;
            StoreBenchSupport.log("ASYNC_FLUSH append: %d writer thread(s), %d-byte bodies, %.1f s measured after %d s"
                    + " warm-up: %d messages (%.1f MiB of records), %.0f msgs/s, %.1f MiB/s; %d appends refused",
                    threads, bodyBytes, elapsed, warmupSeconds, count, bytes / 1048576.0, rate,
                    bytes / 1048576.0 / elapsed, refused.sum());
            StoreBenchSupport.log("CPU: %s", StoreBenchSupport.cpuUse(cpu, elapsed, count));
            StoreBenchSupport.result("async-append-1KiB-" + threads + "-threads", rate, "msgs/s", ">= 400000",
                    rate >= TARGET_MSGS_PER_SECOND);
        } finally {
            stop.set(true);
            store.shutdown();
            StoreBenchSupport.deleteRecursively(dir);
        }
    }
}
