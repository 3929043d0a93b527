package org.tidemq.store.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.common.message.MessageProperties;

/**
 * The process the crash tests kill: opens the store, appends from several threads without end, and prints to stdout
 * <ul>
 *   <li>{@code READY abnormal=<bool> .} once the store is open,</li>
 *   <li>{@code FLUSH <offset> .} after each force() that moved the CommitLog's flushed offset — printed on the flush
 *       thread before the waiters that force covers are released, so it precedes their ACK lines,</li>
 *   <li>an {@link Ack} line for each message whose durability future completed with PUT_OK,</li>
 *   <li>{@code FAILED <id> <status> <reason> .} for an append or durability wait that did not succeed.</li>
 * </ul>
 * Every line is written with one system call, so a kill leaves at most one line cut short. It exits by itself when
 * its stdin closes (the test process died) or after {@link #MAX_RUN_MS}.
 *
 * <p>Arguments: store root, FlushDiskType, writer threads, first message id.
 */
public final class CrashWriterMain {

    static final String READY = "READY";
    static final String FLUSH = "FLUSH";
    static final String FAILED = "FAILED";
    static final String END = " .";
    private static final int IN_FLIGHT_PER_THREAD = 16;
    private static final long MAX_RUN_MS = 60_000;

    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
            StandardCharsets.US_ASCII);
    private final AtomicLong reportedFlush = new AtomicLong(-1);

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        new CrashWriterMain().run(Path.of(args[0]), FlushDiskType.valueOf(args[1]), Integer.parseInt(args[2]),
                Long.parseLong(args[3]));
    }

    private void run(Path root, FlushDiskType flushDiskType, int threads, long firstId) throws IOException {
        startWatchdog();
        DefaultMessageStore store = DefaultMessageStore.open(CrashStores.config(root, flushDiskType),
                Clock.systemUTC(), CrashStores.EMPTY_DISK, this::onFlush);
        line(READY + " abnormal=" + store.wasAbnormalShutdown());
        AtomicLong nextId = new AtomicLong(firstId);
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> write(store, nextId), "crash-writer-" + t);
            writer.start();
        }
    }

    private void onFlush(long flushedOffset) {
        if (flushedOffset <= reportedFlush.get()) {
            return;
        }
        synchronized (out) {
            if (flushedOffset > reportedFlush.get()) {
                reportedFlush.set(flushedOffset);
                line(FLUSH + " " + flushedOffset);
            }
        }
    }

    private void write(DefaultMessageStore store, AtomicLong nextId) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_THREAD);
        while (true) {
            inFlight.acquireUninterruptibly();
            long id = nextId.getAndIncrement();
            ByteBuffer body = CrashMessages.body(id);
            int crc = CrashMessages.crc(body);
            PutMessageResult result = store.putMessage(CrashMessages.message(id, body));
            if (!result.isAppended()) {
                line(FAILED + " " + id + " " + result.status() + " " + result.reason());
                inFlight.release();
                continue;
            }
            Ack ack = new Ack(id, CrashMessages.topic(id), CrashMessages.queueId(id), result.append().queueOffset(),
                    result.append().wroteOffset(), result.append().wroteBytes(), crc,
                    MessageProperties.tagsCode(CrashMessages.tags(id)));
            result.durability().thenAccept(status -> {
                if (status == PutMessageStatus.PUT_OK) {
                    line(ack.toLine());
                } else {
                    line(FAILED + " " + id + " " + status + " durability");
                }
                inFlight.release();
            });
        }
    }

    private void line(String text) {
        String terminated = text.endsWith(END) ? text + "\n" : text + END + "\n";
        synchronized (out) {
            out.print(terminated);
            out.flush();
        }
    }

    private static void startWatchdog() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "crash-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> Runtime.getRuntime().halt(3), MAX_RUN_MS, TimeUnit.MILLISECONDS);
        Thread orphanCheck = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // The test process never writes; EOF means it is gone.
                }
            } catch (IOException ignored) {
                // Gone either way.
            }
            Runtime.getRuntime().halt(3);
        }, "crash-orphan-check");
        orphanCheck.setDaemon(true);
        orphanCheck.start();
    }
}
