package org.tidemq.tools.benchmark;

import org.tidemq.tools.latency.LatencySummary;
import org.tidemq.tools.replication.ReplicationLagSampler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The summary as one JSON object ({@code --json}), for scripts such as bench-compare. Fields: mode, client, topic,
 * threads, messageSizeBytes, async, batchSize, durationSeconds, elapsedSeconds, interrupted, {@code sent} or
 * {@code consumed} (messages), requests, bytes, tps, latencyKind, latencyMs {count, mean, p50, p90, p99, p99_9, max},
 * errors {total, byKind}, brokers [{brokerName, address, brokerRole, flushDiskType}]; timerProducer adds firing
 * {delayMs, delayLevel, accepted, fired, early, maxEarlyMs, latenessMs {count, mean, p50, p90, p99, p99_9, max}};
 * a cluster with slaves adds replicationLag {slaves, pendingMarks, oldestPendingMs, unansweredSamples, droppedMarks,
 * lagMs {...}}.
 */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DECIMALS = 3;

    private SummaryJson() {
    }

    public static String format(BenchmarkSummary summary) {
        BenchmarkConfig config = summary.config();
        LoadStats.Totals totals = summary.totals();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("mode", config.mode().commandName());
        root.put("client", config.client().commandName());
        root.put("topic", config.topic());
        root.put("threads", config.threads());
        root.put("messageSizeBytes", config.bodyBytes());
        root.put("async", config.async());
        root.put("batchSize", config.batchSize());
        root.put("durationSeconds", config.duration().toSeconds());
        root.put("elapsedSeconds", rounded(totals.elapsedNanos() / 1e9));
        root.put("interrupted", summary.interrupted());
        root.put(config.mode().sends() ? "sent" : "consumed", totals.messages());
        root.put("requests", totals.requests());
        root.put("bytes", totals.bytes());
        root.put("tps", rounded(totals.messagesPerSecond()));
        root.put("latencyKind", config.mode().sends() ? "sendRoundTrip" : "bornToConsumed");
        putLatency(root.putObject("latencyMs"), totals.latency());
        ObjectNode errors = root.putObject("errors");
        errors.put("total", totals.errors());
        ObjectNode byKind = errors.putObject("byKind");
        totals.errorsByKind().forEach(byKind::put);
        ArrayNode brokers = root.putArray("brokers");
        for (BrokerSetting broker : summary.brokers()) {
            brokers.addObject().put("brokerName", broker.brokerName()).put("address", broker.address())
                    .put("brokerRole", broker.brokerRole()).put("flushDiskType", broker.flushDiskType());
        }
        FiringSummary firing = summary.firing();
        if (firing != null) {
            ObjectNode firingNode = root.putObject("firing");
            firingNode.put("delayMs", firing.timers().delayMs());
            firingNode.put("delayLevel", firing.timers().delayLevel());
            firingNode.put("accepted", firing.accepted());
            firingNode.put("fired", firing.fired());
            firingNode.put("early", firing.early());
            firingNode.put("maxEarlyMs", firing.maxEarlyMillis());
            putLatency(firingNode.putObject("latenessMs"), firing.onTime().latency());
        }
        ReplicationLagSampler.LagSummary lag = summary.replicationLag();
        if (lag != null) {
            ObjectNode lagNode = root.putObject("replicationLag");
            lagNode.put("slaves", lag.slaves());
            lagNode.put("pendingMarks", lag.pendingMarks());
            lagNode.put("oldestPendingMs", rounded(lag.oldestPendingMs()));
            lagNode.put("unansweredSamples", lag.unansweredSamples());
            lagNode.put("droppedMarks", lag.droppedMarks());
            putLatency(lagNode.putObject("lagMs"), lag.lag());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write the summary as JSON", impossible);
        }
    }

    private static void putLatency(ObjectNode node, LatencySummary latency) {
        node.put("count", latency.count());
        node.put("mean", rounded(latency.meanMs()));
        node.put("p50", rounded(latency.p50Ms()));
        node.put("p90", rounded(latency.p90Ms()));
        node.put("p99", rounded(latency.p99Ms()));
        node.put("p99_9", rounded(latency.p999Ms()));
        node.put("max", rounded(latency.maxMs()));
    }

    private static BigDecimal rounded(double value) {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP);
    }
}
