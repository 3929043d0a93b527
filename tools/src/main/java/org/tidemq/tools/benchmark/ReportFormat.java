package org.tidemq.tools.benchmark;

import org.tidemq.tools.latency.LatencySummary;
import org.tidemq.tools.replication.LagFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable lines: the header, one progress line per second, and the summary. */
public final class ReportFormat {
    private ReportFormat() {
    }

    /** What runs against what, then one line per broker with its role and flush mode. */
    public static String header(BenchmarkConfig config, List<BrokerSetting> brokers) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "TideMQ benchmark: %s, client %s, topic %s, %d %s, %s%n", config.mode().commandName(),
                config.client().commandName(), config.topic(), config.threads(),
                config.mode().sends() ? "sender threads" : "consume threads", describeLoad(config)));
        text.append(String.format(Locale.ROOT, "Name server %s, duration %d s%n", config.namesrvAddr(),
                config.duration().toSeconds()));
        for (BrokerSetting broker : brokers) {
            text.append(String.format(Locale.ROOT, "Broker %s %s brokerRole=%s flushDiskType=%s%n",
                    broker.brokerName(), broker.address(), broker.brokerRole(), broker.flushDiskType()));
        }
        return text.toString();
    }

    private static String describeLoad(BenchmarkConfig config) {
        if (!config.mode().sends()) {
            return "group " + config.group() + " from the " + (config.consumeFromFirst() ? "first" : "last")
                    + " offset";
        }
        String sends = config.async() ? "async sends (window " + config.asyncWindow() + ")" : "sync sends";
        String extra = switch (config.mode()) {
            case BATCH_PRODUCER -> ", batches of " + config.batchSize();
            case TRANSACTION_PRODUCER -> ", half messages committed by the local transaction";
            case TIMER_PRODUCER -> ", " + config.timers().describe()
                    + (config.batchSize() > 1 ? ", batches of " + config.batchSize() + " timers" : "");
            default -> "";
        };
        return config.bodyBytes() + "-byte bodies, " + sends + extra;
    }

    /** {@code [   3 s] Send TPS: 4211  Avg RT(ms): 0.475  Max RT(ms): 12.030  Errors: 0}. */
    public static String progressLine(BenchmarkMode mode, IntervalSnapshot interval) {
        String what = mode.sends() ? "Send TPS" : "Consume TPS";
        String latency = mode.sends() ? "RT" : "E2E";
        return String.format(Locale.ROOT, "[%4d s] %s: %.0f  Avg %s(ms): %.3f  Max %s(ms): %.3f  Errors: %d",
                Math.round(interval.elapsedSinceStartNanos() / 1e9), what, interval.messagesPerSecond(), latency,
                interval.meanMs(), latency, interval.maxMs(), interval.errors());
    }

    /** {@code Fired: 998 of 1000 accepted (early: 0, earliest by 0 ms)} and the lateness percentiles. */
    static String firing(FiringSummary firing) {
        LatencySummary late = firing.onTime().latency();
        return String.format(Locale.ROOT, "Fired: %d of %d accepted (early: %d, earliest by %d ms)%n"
                        + "Firing lateness (ms): avg %.3f  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                firing.fired(), firing.accepted(), firing.early(), firing.maxEarlyMillis(), late.meanMs(),
                late.p50Ms(), late.p90Ms(), late.p99Ms(), late.p999Ms(), late.maxMs());
    }

    /** The summary block printed at the end (or on Ctrl-C). */
    public static String summary(BenchmarkSummary summary) {
        BenchmarkConfig config = summary.config();
        LoadStats.Totals totals = summary.totals();
        LatencySummary latency = totals.latency();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "=== %s summary (%s client, topic %s)%s ===%n",
                config.mode().commandName(), config.client().commandName(), config.topic(),
                summary.interrupted() ? ", interrupted" : ""));
        text.append(String.format(Locale.ROOT, "Elapsed: %.3f s  %s: %d messages, %d bytes, %d requests  TPS: %.1f%n",
                totals.elapsedNanos() / 1e9, config.mode().sends() ? "Sent" : "Consumed", totals.messages(),
                totals.bytes(), totals.requests(), totals.messagesPerSecond()));
        text.append(String.format(Locale.ROOT,
                "%s (ms): avg %.3f  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                config.mode().sends() ? "Send RT" : "End-to-end latency (born to consumed)", latency.meanMs(),
                latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p999Ms(), latency.maxMs()));
        text.append("Errors: ").append(totals.errors()).append(System.lineSeparator());
        for (Map.Entry<String, Long> kind : totals.errorsByKind().entrySet()) {
            text.append("  ").append(kind.getKey()).append(": ").append(kind.getValue())
                    .append(System.lineSeparator());
        }
        if (summary.firing() != null) {
            text.append(String.format(Locale.ROOT, "Accepted: %.1f timers/s%n", totals.messagesPerSecond()));
            text.append(firing(summary.firing()));
        }
        if (summary.replicationLag() != null) {
            text.append(LagFormat.line(summary.replicationLag())).append(System.lineSeparator());
        }
        return text.toString();
    }
}
