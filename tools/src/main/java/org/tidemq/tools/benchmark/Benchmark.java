package org.tidemq.tools.benchmark;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.ToolContext;
import org.tidemq.tools.replication.LagMonitor;
import org.tidemq.tools.replication.ReplicationLagSampler;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code bin/benchmark producer|batchProducer|transactionProducer|timerProducer|consumer [options]}: load with
 * TideMQ's client (or the official one),
 * a progress line per second, and a summary with latency percentiles and error counts at the end or on
 * Ctrl-C/SIGTERM. Exit code 0 after a run, 1 when the run could not start, 2 for a bad command line or a client
 * that is not on the classpath.
 */
public final class Benchmark {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(ToolContext.system(), true, args));
    }

    /**
     * Runs one invocation and returns the exit code.
     *
     * @param withShutdownHook print the summary when the JVM is asked to stop before the run ends
     */
    public static int run(ToolContext context, boolean withShutdownHook, String... args) {
        PrintWriter err = context.err();
        BenchmarkOptions options = new BenchmarkOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.setOut(context.out());
        commandLine.setErr(err);
        BenchmarkConfig config;
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(context.out());
                context.out().flush();
                return 0;
            }
            config = options.toConfig(context.environment());
        } catch (ParameterException | IllegalArgumentException badCommandLine) {
            return fail(err, badCommandLine.getMessage() + " (see 'benchmark --help')", EXIT_USAGE);
        }

        LoadClient client;
        try {
            client = LoadClients.create(config.client(), config.namesrvAddr());
        } catch (LoadClients.ClientUnavailableException missing) {
            return fail(err, missing.getMessage(), EXIT_USAGE);
        }
        PrintWriter progress = config.json() ? err : context.out();
        try {
            List<BrokerSetting> brokers = new BrokerSettings(context.adminFactory()).read(config.namesrvAddr());
            LoadStats stats = new LoadStats(System::nanoTime);
            Load load = switch (config.mode()) {
                case CONSUMER -> new ConsumerLoad(client, config, stats, System::currentTimeMillis);
                case TIMER_PRODUCER -> new TimerLoad(client, config, stats, System::nanoTime,
                        System::currentTimeMillis, TimerLoad.DEFAULT_FIRING_GRACE);
                default -> new ProducerLoad(client, config, stats, System::nanoTime, System::currentTimeMillis);
            };
            BenchmarkRun run = new BenchmarkRun(config, client, load, stats, brokers, progress, context.out(),
                    lagMonitor(context, config.namesrvAddr(), brokers));
            Thread hook = new Thread(() -> run.finish(true), "benchmark-summary-on-exit");
            if (withShutdownHook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            run.run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "interrupted", EXIT_FAILURE);
        } catch (RuntimeException failure) {
            client.close();
            return fail(err, describe(failure), EXIT_FAILURE);
        }
    }

    /** Samples replication lag when some broker group has a slave; null otherwise. */
    private static LagMonitor lagMonitor(ToolContext context, String namesrvAddr, List<BrokerSetting> brokers) {
        List<String> masters = BrokerSettings.mastersWithSlaves(brokers);
        if (masters.isEmpty()) {
            return null;
        }
        AdminClient admin = context.adminFactory().apply(namesrvAddr);
        return LagMonitor.start(new ReplicationLagSampler(masters, admin::haStatus, System::nanoTime),
                LagMonitor.DEFAULT_INTERVAL, admin);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("");
        return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static int fail(PrintWriter err, String line, int code) {
        err.println("benchmark: " + line);
        err.flush();
        return code;
    }
}
