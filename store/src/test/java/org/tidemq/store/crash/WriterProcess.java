package org.tidemq.store.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tidemq.store.config.FlushDiskType;

/**
 * A {@link CrashWriterMain} child JVM and what it reported: launched with this JVM's java and the test classpath,
 * killed with SIGKILL ({@link Process#destroyForcibly()} on Linux).
 */
final class WriterProcess implements AutoCloseable {

    private static final int WRITER_THREADS = 4;

    private final Process process;
    private final Thread stdoutReader;
    private final List<Ack> acks = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final AtomicLong lastFlushedOffset = new AtomicLong(-1);
    private volatile boolean ready;
    private volatile boolean readyAfterAbnormalShutdown;

    private WriterProcess(Process process) {
        this.process = process;
        this.stdoutReader = new Thread(this::readStdout, "crash-child-stdout");
        this.stdoutReader.setDaemon(true);
        this.stdoutReader.start();
    }

    /**
     * @param logConfig logback configuration for the child (logs to stderr, which goes to {@code stderrFile})
     */
    static WriterProcess start(Path storeRoot, FlushDiskType flushDiskType, long firstId, Path logConfig,
                               Path stderrFile) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logConfig,
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(),
                storeRoot.toString(), flushDiskType.name(), Integer.toString(WRITER_THREADS), Long.toString(firstId));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()));
        return new WriterProcess(builder.start());
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(String line) {
        if (line.startsWith(Ack.PREFIX)) {
            Ack ack = Ack.parse(line);
            if (ack != null) {
                synchronized (acks) {
                    acks.add(ack);
                }
            }
        } else if (line.startsWith(CrashWriterMain.FLUSH + " ") && line.endsWith(CrashWriterMain.END)) {
            long offset = Long.parseLong(line.split(" ")[1]);
            lastFlushedOffset.accumulateAndGet(offset, Math::max);
        } else if (line.startsWith(CrashWriterMain.READY) && line.endsWith(CrashWriterMain.END)) {
            readyAfterAbnormalShutdown = line.contains("abnormal=true");
            ready = true;
        } else if (line.startsWith(CrashWriterMain.FAILED) && line.endsWith(CrashWriterMain.END)) {
            synchronized (failures) {
                failures.add(line);
            }
        }
    }

    int ackCount() {
        synchronized (acks) {
            return acks.size();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean isReady() {
        return ready;
    }

    boolean openedAfterAbnormalShutdown() {
        return readyAfterAbnormalShutdown;
    }

    /**
     * SIGKILL, then waits for the exit and for every line printed before it. Kills through the process handle:
     * {@code Process.destroyForcibly()} sends the same signal but also closes our end of the stdout pipe, dropping
     * lines the child printed just before it died.
     */
    int kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL");
        }
        stdoutReader.join(TimeUnit.SECONDS.toMillis(30));
        return process.exitValue();
    }

    List<Ack> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Highest CommitLog offset a completed force() covered, as reported before the kill (-1: none). */
    long lastFlushedOffset() {
        return lastFlushedOffset.get();
    }

    static String tail(Path stderrFile) throws IOException {
        if (!Files.exists(stderrFile)) {
            return "";
        }
        List<String> lines = Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Makes sure the child is gone even when a check failed before {@link #kill()}. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
