package org.tidemq.bench.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.config.FlushDiskType;

/**
 * Appends 4 GiB of 1 KiB messages (ASYNC_FLUSH, 1 GiB segments) in a JVM started with {@code -Xmx128m} and prints
 * the heap in use right after a full GC every 256 MiB. Message bodies live in mapped files, never on the heap, so the
 * figure must stay flat: reported is the growth from the sample at 256 MiB (the store's fixed working set exists by
 * then) to the largest later one, target at most 8 MiB.
 *
 * <p>Run: {@code java -Xmx128m -cp 'bench/target/lib/*' org.tidemq.bench.store.LargeAppendHeapBenchmark
 * --dir=/var/tmp/x [--totalMiB=4096] [--reportEveryMiB=256] [--bodyBytes=1024]}
 */
public final class LargeAppendHeapBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final double TARGET_GROWTH_MIB = 8;

    private LargeAppendHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StoreBenchSupport.parseArgs(args);
        Path dir = StoreBenchSupport.requiredDir(options);
        long totalBytes = StoreBenchSupport.longArg(options, "totalMiB", 4096) * MIB;
        long reportEvery = StoreBenchSupport.longArg(options, "reportEveryMiB", 256) * MIB;
        int bodyBytes = StoreBenchSupport.intArg(options, "bodyBytes", 1024);
        long maxHeap = Runtime.getRuntime().maxMemory();
        StoreBenchSupport.log("max heap %.0f MiB (run with -Xmx128m for the target figure)", maxHeap / (double) MIB);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> heapAfterGcMiB = new ArrayList<>();
        DefaultMessageStore store = StoreBenchSupport.open(dir, FlushDiskType.ASYNC_FLUSH);
        long started = System.nanoTime();
        try {
            StoreBenchSupport.MessageSource source = new StoreBenchSupport.MessageSource(bodyBytes, 0, false);
            long written = 0;
            long messages = 0;
            long nextReport = 0;
            long refused = 0;
            while (written < totalBytes) {
                if (written >= nextReport) {
                    heapAfterGcMiB.add(heapAfterGc(memory));
                    StoreBenchSupport.log("appended %5d MiB (%9d messages): heap after GC %.2f MiB", written / MIB,
                            messages, heapAfterGcMiB.get(heapAfterGcMiB.size() - 1));
                    nextReport += reportEvery;
                }
                PutMessageResult result = store.putMessage(source.next());
                if (result.isAppended()) {
                    written += result.append().wroteBytes();
                    messages++;
                } else {
                    refused++;
                }
            }
            heapAfterGcMiB.add(heapAfterGc(memory));
            double seconds = (System.nanoTime() - started) / 1e9;
            StoreBenchSupport.log("appended %5d MiB (%9d messages): heap after GC %.2f MiB; %.1f s, %d refused",
                    written / MIB, messages, heapAfterGcMiB.get(heapAfterGcMiB.size() - 1), seconds, refused);
        } finally {
            store.shutdown();
            StoreBenchSupport.deleteRecursively(dir);
        }
        // Baseline: the sample after the first report interval, when the store's fixed working set exists.
        double baseline = heapAfterGcMiB.get(Math.min(1, heapAfterGcMiB.size() - 1));
        double largest = heapAfterGcMiB.stream().skip(1).mapToDouble(Double::doubleValue).max().orElse(baseline);
        double last = heapAfterGcMiB.get(heapAfterGcMiB.size() - 1);
        StoreBenchSupport.log("heap after GC: after open %.2f MiB, baseline %.2f MiB, largest %.2f MiB, last %.2f MiB"
                + " over %d samples", heapAfterGcMiB.get(0), baseline, largest, last, heapAfterGcMiB.size());
        StoreBenchSupport.result("heap-growth-" + totalBytes / MIB + "MiB-append-Xmx" + maxHeap / MIB + "m",
                largest - baseline, "MiB",
                "<= 8 (flat)", largest - baseline <= TARGET_GROWTH_MIB);
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (double) MIB;
    }
}
