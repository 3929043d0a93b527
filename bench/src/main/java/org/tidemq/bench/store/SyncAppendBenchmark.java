package org.tidemq.bench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.retention.FileStoreDiskUsageProbe;

/**
 * SYNC_FLUSH (group commit) throughput against what the disk can do: 64 concurrent writers by default, each appending
 * a 1 KiB message and waiting for its durability future before the next one, so every acknowledged byte was forced.
 * The reference is the disk's sequential write bandwidth with a final fdatasync, measured in the same run on the
 * same directory with {@code dd if=/dev/zero of=FILE bs=1M count=2048 conv=fdatasync}. Reported: CommitLog bytes
 * acknowledged per second (records including their ~100-byte headers) and their ratio to dd's figure. Target: at
 * least 50%.
 *
 * <p>{@code --inflightPerWriter=N} lets each writer keep N appends waiting for their group commit (an async producer's
 * window, which the store's future-based API allows without a thread per message); the default 1 is a blocking writer,
 * which caps every force at about 64 messages.
 *
 * <p>Run: {@code java -Xmx1g -cp 'bench/target/lib/*' org.tidemq.bench.store.SyncAppendBenchmark --dir=/var/tmp/x
 * [--threads=64] [--inflightPerWriter=1] [--bodyBytes=1024] [--warmupSeconds=3] [--seconds=10] [--ddMiB=2048]}
 */
public final class SyncAppendBenchmark {

    private static final double TARGET_RATIO = 0.5;
    private static final Pattern DD_SUMMARY = Pattern.compile("(\\d+) bytes .* copied, ([\\d.]+) s");

    private SyncAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StoreBenchSupport.parseArgs(args);
        Path dir = StoreBenchSupport.requiredDir(options);
        int threads = StoreBenchSupport.intArg(options, "threads", 64);
        int bodyBytes = StoreBenchSupport.intArg(options, "bodyBytes", 1024);
        long warmupSeconds = StoreBenchSupport.longArg(options, "warmupSeconds", 3);
        long seconds = StoreBenchSupport.longArg(options, "seconds", 10);
        int ddMiB = StoreBenchSupport.intArg(options, "ddMiB", 2048);
        int inflightPerWriter = StoreBenchSupport.intArg(options, "inflightPerWriter", 1);

        Files.createDirectories(dir);
        double ddBytesPerSecond = ddFdatasync(dir.resolve("dd-reference.bin"), ddMiB);

        LongAdder acknowledged = new LongAdder();
        LongAdder acknowledgedBytes = new LongAdder();
        LongAdder failed = new LongAdder();
        Path storeDir = dir.resolve("store");
        ForceCounter forces = new ForceCounter();
        DefaultMessageStore store = DefaultMessageStore.open(
                StoreConfig.builder(storeDir).flushDiskType(FlushDiskType.SYNC_FLUSH).build(),
                Clock.systemDefaultZone(), new FileStoreDiskUsageProbe(), forces::observe);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                StoreBenchSupport.MessageSource source = new StoreBenchSupport.MessageSource(bodyBytes, t, true);
                Thread writer = new Thread(() -> {
                    // Up to inflightPerWriter appends awaiting their group commit, like an async producer's window;
                    // 1 = a blocking writer that waits for each acknowledgement before the next append.
                    Semaphore window = new Semaphore(inflightPerWriter);
                    while (!stop.get()) {
                        window.acquireUninterruptibly();
                        PutMessageResult result = store.putMessage(source.next());
                        if (!result.isAppended()) {
                            failed.increment();
                            window.release();
                            continue;
                        }
                        int wrote = result.append().wroteBytes();
                        result.durability().whenComplete((status, error) -> {
                            if (error == null && status == PutMessageStatus.PUT_OK) {
                                acknowledged.increment();
                                acknowledgedBytes.add(wrote);
                            } else {
                                failed.increment();
                            }
                            window.release();
                        });
                    }
                    window.acquireUninterruptibly(inflightPerWriter);
                }, "sync-writer-" + t);
                writers.add(writer);
                writer.start();
            }
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long startCount = acknowledged.sum();
            long startBytes = acknowledgedBytes.sum();
            long startForces = forces.count.sum();
            long startCpu = StoreBenchSupport.processCpuNanos();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long cpu = StoreBenchSupport.processCpuNanos() - startCpu;
            long count = acknowledged.sum() - startCount;
            long bytes = acknowledgedBytes.sum() - startBytes;
            long forceCount = forces.count.sum() - startForces;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            double bytesPerSecond = bytes / elapsed;
            double ratio = bytesPerSecond / ddBytesPerSecond;
            StoreBenchSupport.log("SYNC_FLUSH append: %d writers x %d in flight, %d-byte bodies, %.1f s measured after"
                    + " %d s warm-up: %d acknowledged (%.0f msgs/s), %.1f MiB/s of records; dd fdatasync %.1f MiB/s;"
                    + " ratio %.1f%%; %d failed", threads, inflightPerWriter, bodyBytes, elapsed, warmupSeconds, count,
                    count / elapsed,
                    bytesPerSecond / 1048576.0, ddBytesPerSecond / 1048576.0, ratio * 100, failed.sum());
            StoreBenchSupport.log("group commit: %d forces (%.0f/s, %.3f ms apart), %.1f messages and %.1f KiB per"
                    + " force", forceCount, forceCount / elapsed, elapsed * 1000 / Math.max(1, forceCount),
                    count / (double) Math.max(1, forceCount), bytes / 1024.0 / Math.max(1, forceCount));
            StoreBenchSupport.log("CPU: %s", StoreBenchSupport.cpuUse(cpu, elapsed, count));
            String shape = threads + "-writers-x" + inflightPerWriter;
            StoreBenchSupport.result("sync-append-1KiB-" + shape + "-MiB/s", bytesPerSecond / 1048576.0,
                    "MiB/s", "report", true);
            StoreBenchSupport.result("dd-fdatasync-MiB/s", ddBytesPerSecond / 1048576.0, "MiB/s", "reference", true);
            StoreBenchSupport.result("sync-append-" + shape + "-vs-dd", ratio * 100, "%", ">= 50",
                    ratio >= TARGET_RATIO);
        } finally {
            stop.set(true);
            store.shutdown();
            StoreBenchSupport.deleteRecursively(dir);
        }
    }

    /** Counts flushes that moved the CommitLog's flushed offset, i.e. forces that wrote something. */
    private static final class ForceCounter {
        private final LongAdder count = new LongAdder();
        private long lastFlushed = -1;

        /** Called on the single flush thread. */
        void observe(long flushedOffset) {
            if (flushedOffset > lastFlushed) {
                if (lastFlushed >= 0) {
                    count.increment();
                }
                lastFlushed = flushedOffset;
            }
        }
    }

    /** Runs dd and returns its bytes per second (from its own byte count and elapsed time, fdatasync included). */
    private static double ddFdatasync(Path file, int mib) throws IOException, InterruptedException {
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=" + mib,
                "conv=fdatasync").redirectErrorStream(true).start();
        String output = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = dd.waitFor();
        Files.deleteIfExists(file);
        Matcher summary = DD_SUMMARY.matcher(output);
        if (exit != 0 || !summary.find()) {
            throw new IOException("dd failed (exit " + exit + "): " + output);
        }
        StoreBenchSupport.log("dd if=/dev/zero of=%s bs=1M count=%d conv=fdatasync: %s", file, mib,
                output.trim().replace('\n', ' '));
        return Long.parseLong(summary.group(1)) / Double.parseDouble(summary.group(2));
    }
}
