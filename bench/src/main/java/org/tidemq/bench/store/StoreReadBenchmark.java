package org.tidemq.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.config.FlushDiskType;

/**
 * Reading from the page cache: one thread pulls 32 messages at a time by queue and offset
 * ({@link DefaultMessageStore#getMessage}: ConsumeQueue lookup, then zero-copy slices of the CommitLog, released as a
 * response's write listener would). The queue holds {@code messages} 1 KiB messages written just before, so every
 * page is cached; offsets walk the queue in order and wrap. The score is messages per second
 * ({@code @OperationsPerInvocation(32)}). Target: at least 1,000,000 messages/s on one thread.
 *
 * <p>Run: {@code java -cp 'bench/target/lib/*' org.openjdk.jmh.Main StoreReadBenchmark} (store directory under
 * {@code -Dtidemq.bench.dir}, passed to the fork with {@code -jvmArgsAppend}; default: java.io.tmpdir).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class StoreReadBenchmark {

    private static final int BATCH = 32;
    private static final int MAX_TRANSFER_BYTES = 256 * 1024;

    @Param({"200000"})
    public int messages;

    private Path dir;
    private DefaultMessageStore store;
    private long nextOffset;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        Path parent = Path.of(System.getProperty("tidemq.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(Files.createDirectories(parent), "store-read-bench");
        store = StoreBenchSupport.open(dir, FlushDiskType.ASYNC_FLUSH);
        StoreBenchSupport.MessageSource source = new StoreBenchSupport.MessageSource(1024, 0, false, 1);
        for (int i = 0; i < messages; i++) {
            PutMessageResult result = store.putMessage(source.next());
            if (!result.isAppended()) {
                throw new IllegalStateException("append refused: " + result.status() + " " + result.reason());
            }
        }
        while (store.getMaxOffsetInQueue(StoreBenchSupport.TOPIC, 0) < messages) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.shutdown();
        StoreBenchSupport.deleteRecursively(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int read32() {
        long offset = nextOffset;
        nextOffset = offset + 2 * BATCH > messages ? 0 : offset + BATCH;
        try (GetMessageResult result = store.getMessage(StoreBenchSupport.TOPIC, 0, offset, BATCH,
                MAX_TRANSFER_BYTES, MessageFilter.ALL)) {
            if (result.status() != GetMessageStatus.FOUND || result.messageCount() != BATCH) {
                throw new IllegalStateException("read " + result.messageCount() + " at " + offset + ": "
                        + result.status());
            }
            return result.bufferTotalSize();
        }
    }
}
