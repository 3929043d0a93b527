package org.tidemq.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a broker process from {@code /proc/PID}: CPU time ({@code stat} utime + stime) and memory ({@code status}
 * VmRSS, VmHWM, RssAnon, RssFile). {@link #startPhase()} / {@link #endPhase()} bracket one load phase; between them a
 * background thread keeps the maxima of VmRSS, RssAnon and RssFile (every 200 ms), because VmHWM alone cannot say
 * whether a peak was heap (anonymous) or mapped file pages. A pid of -1 disables probing (all figures -1).
 */
final class BrokerProcessProbe implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 200;
    private static final double KIB_PER_MIB = 1024.0;

    private final long pid;
    private final int clockTicksPerSecond;
    private final ScheduledExecutorService sampler;
    private volatile long cpuTicksAtStart;
    private volatile long maxRssKib;
    private volatile long maxAnonKib;
    private volatile long maxFileKib;

    BrokerProcessProbe(long pid, int clockTicksPerSecond) {
        this.pid = pid;
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broker-probe");
            thread.setDaemon(true);
            return thread;
        });
        if (pid > 0) {
            sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void startPhase() {
        if (pid <= 0) {
            return;
        }
        synchronized (this) {
            maxRssKib = 0;
            maxAnonKib = 0;
            maxFileKib = 0;
        }
        cpuTicksAtStart = cpuTicks();
        sample();
    }

    /** Figures for the phase that {@link #startPhase()} opened, formatted as {@code key=value} pairs. */
    String endPhase() {
        if (pid <= 0) {
            return "broker_cpu_s=-1 rss_max_mib=-1 anon_max_mib=-1 file_max_mib=-1 hwm_mib=-1";
        }
        sample();
        double cpuSeconds = (cpuTicks() - cpuTicksAtStart) / (double) clockTicksPerSecond;
        long hwm = statusKib("VmHWM:");
        return String.format("broker_cpu_s=%.2f rss_max_mib=%.0f anon_max_mib=%.0f file_max_mib=%.0f hwm_mib=%.0f",
                cpuSeconds, maxRssKib / KIB_PER_MIB, maxAnonKib / KIB_PER_MIB, maxFileKib / KIB_PER_MIB,
                hwm / KIB_PER_MIB);
    }

    double cpuSecondsSincePhaseStart() {
        return pid <= 0 ? -1 : (cpuTicks() - cpuTicksAtStart) / (double) clockTicksPerSecond;
    }

    private synchronized void sample() {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            maxRssKib = Math.max(maxRssKib, field(status, "VmRSS:"));
            maxAnonKib = Math.max(maxAnonKib, field(status, "RssAnon:"));
            maxFileKib = Math.max(maxFileKib, field(status, "RssFile:") + field(status, "RssShmem:"));
        } catch (IOException processGone) {
            // The broker died: the phase's own errors report it; keep the maxima seen so far.
        }
    }

    private long statusKib(String key) {
        try {
            return field(Files.readString(Path.of("/proc", Long.toString(pid), "status")), key);
        } catch (IOException e) {
            return -1;
        }
    }

    private long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (1-based).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long field(String status, String key) {
        int at = status.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int end = status.indexOf('\n', at);
        String value = status.substring(at + key.length(), end < 0 ? status.length() : end).trim();
        return Long.parseLong(value.split("\\s+")[0]);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
