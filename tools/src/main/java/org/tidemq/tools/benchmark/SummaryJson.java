package org.tidemq.tools.benchmark;

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
 * errors {total, byKind}, brokers [{brokerName, address, brokerRole, flushDiskType}].
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
        LatencySummary latency = totals.latency();
        ObjectNode latencyNode = root.putObject("latencyMs");
        latencyNode.put("count", latency.count());
        latencyNode.put("mean", rounded(latency.meanMs()));
        latencyNode.put("p50", rounded(latency.p50Ms()));
        latencyNode.put("p90", rounded(latency.p90Ms()));
        latencyNode.put("p99", rounded(latency.p99Ms()));
        latencyNode.put("p99_9", rounded(latency.p999Ms()));
        latencyNode.put("max", rounded(latency.maxMs()));
        ObjectNode errors = root.putObject("errors");
        errors.put("total", totals.errors());
        ObjectNode byKind = errors.putObject("byKind");
        totals.errorsByKind().forEach(byKind::put);
        ArrayNode brokers = root.putArray("brokers");
        for (BrokerSetting broker : summary.brokers()) {
            brokers.addObject().put("brokerName", broker.brokerName()).put("address", broker.address())
                    .put("brokerRole", broker.brokerRole()).put("flushDiskType", broker.flushDiskType());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write the summary as JSON", impossible);
        }
    }

    private static BigDecimal rounded(double value) {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP);
    }
}
