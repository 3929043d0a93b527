package org.tidemq.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.commitlog.AppendLock;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.commitlog.QueueOffsetTable;
import org.tidemq.store.config.AppendLockType;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.AllocateMappedFileService;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.message.MessageToStore;

/**
 * CommitLog append throughput (1 KiB bodies from direct buffers, ASYNC durability: no flush wait) with the spin lock
 * versus the {@link java.util.concurrent.locks.ReentrantLock}, 4 writer threads (the issue's target shape). Each
 * iteration writes into a fresh directory of 256 MiB segments pre-allocated by the allocate service; nothing is
 * forced, so this measures the append path and its lock, not the disk.
 *
 * <p>Run: {@code java -cp 'bench/target/lib/*' org.openjdk.jmh.Main AppendLockBenchmark} (or with
 * {@code -t 64} for the SYNC-style many-writer shape). The figure behind the default is in
 * {@link AppendLockType}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Threads(4)
public class AppendLockBenchmark {

    private static final int SEGMENT_SIZE = 256 * 1024 * 1024;
    private static final int BODY_SIZE = 1024;

    @Param({"SPIN", "REENTRANT"})
    public AppendLockType lock;

    private Path dir;
    private AllocateMappedFileService allocator;
    private MappedFileQueue segments;
    private CommitLog commitLog;
    private MessageToStore[] messages;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("append-lock-bench");
        allocator = new AllocateMappedFileService(false, "bench-allocate");
        segments = new MappedFileQueue(dir, SEGMENT_SIZE, allocator);
        commitLog = new CommitLog(segments, AppendLock.of(lock), new QueueOffsetTable(), new DurabilityPipeline(),
                System::currentTimeMillis, 4 * 1024 * 1024, 1000);
        ByteBuffer body = ByteBuffer.allocateDirect(BODY_SIZE);
        while (body.hasRemaining()) {
            body.put((byte) 'x');
        }
        body.flip();
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        messages = new MessageToStore[8];
        for (int q = 0; q < messages.length; q++) {
            messages[q] = new MessageToStore("BenchTopic", q, 0, 0, System.currentTimeMillis(), host, host, 0, 0,
                    "UNIQ_KEY\u00017F0000014E2F18B4AAC20F2A1F9A0000\u0002WAIT\u0001false\u0002", body.duplicate(),
                    false);
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        segments.destroy();
        allocator.shutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        int queue;
    }

    @Benchmark
    public PutMessageResult append(Writer writer) {
        writer.queue = (writer.queue + 1) & 7;
        return commitLog.append(messages[writer.queue]);
    }
}
