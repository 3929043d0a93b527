package org.tidemq.tools.benchmark;

import org.tidemq.tools.replication.LagMonitor;
import org.tidemq.tools.replication.ReplicationLagSampler;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One benchmark run: starts the load, prints a progress line every second, and after the duration (or when
 * {@link #finish(boolean)} is called early, e.g. by a shutdown hook on Ctrl-C/SIGTERM) stops the load and prints
 * the summary exactly once. Thread-safe: {@link #finish(boolean)} may race with the end of {@link #run()}.
 */
public final class BenchmarkRun {
    private final BenchmarkConfig config;
    private final LoadClient client;
    private final Load load;
    private final LoadStats stats;
    private final List<BrokerSetting> brokers;
    private final PrintWriter progress;
    private final PrintWriter summaryOut;
    private final LagMonitor lagMonitor;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<BenchmarkSummary> summary = new AtomicReference<>();
    private final Object finishing = new Object();
    private ScheduledExecutorService ticker;

    /**
     * @param progress   where the header and the per-second lines go
     * @param summaryOut where the summary goes (text, or JSON when {@code config.json()})
     * @param lagMonitor samples replication lag during the run (closed at its end), or null without slaves
     */
    public BenchmarkRun(BenchmarkConfig config, LoadClient client, Load load, LoadStats stats,
                        List<BrokerSetting> brokers, PrintWriter progress, PrintWriter summaryOut,
                        LagMonitor lagMonitor) {
        this.config = config;
        this.client = client;
        this.load = load;
        this.stats = stats;
        this.brokers = List.copyOf(brokers);
        this.progress = progress;
        this.summaryOut = summaryOut;
        this.lagMonitor = lagMonitor;
    }

    /** Runs for the configured duration (or until finished early) and returns the summary it printed. */
    public BenchmarkSummary run() throws InterruptedException {
        progress.print(ReportFormat.header(config, brokers));
        progress.flush();
        load.start();
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::printProgress, 1, 1, TimeUnit.SECONDS);
        boolean endedEarly = ended.await(config.duration().toMillis(), TimeUnit.MILLISECONDS);
        return finish(endedEarly);
    }

    private void printProgress() {
        synchronized (finishing) {
            if (summary.get() == null) {
                progress.println(ReportFormat.progressLine(config.mode(), stats.snapshot()));
                progress.flush();
            }
        }
    }

    /**
     * Stops the load, prints the summary and closes the client, once; later calls return the same summary.
     *
     * @param interrupted whether the run is cut short
     */
    public BenchmarkSummary finish(boolean interrupted) {
        synchronized (finishing) {
            BenchmarkSummary done = summary.get();
            if (done != null) {
                return done;
            }
            if (ticker != null) {
                ticker.shutdownNow();
            }
            load.stop();
            ReplicationLagSampler.LagSummary lag = null;
            if (lagMonitor != null) {
                lagMonitor.close();
                lag = lagMonitor.summary();
            }
            BenchmarkSummary result = new BenchmarkSummary(config, stats.totals(), brokers, interrupted,
                    load.firing().orElse(null), lag);
            summary.set(result);
            ended.countDown();
            if (config.json()) {
                summaryOut.println(SummaryJson.format(result));
            } else {
                summaryOut.print(ReportFormat.summary(result));
            }
            summaryOut.flush();
            client.close();
            return result;
        }
    }
}
