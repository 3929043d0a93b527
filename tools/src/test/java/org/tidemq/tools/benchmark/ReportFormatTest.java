package org.tidemq.tools.benchmark;

import org.tidemq.tools.latency.LatencySummary;
import org.tidemq.tools.replication.ReplicationLagSampler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

class ReportFormatTest {
    private static final List<BrokerSetting> BROKERS = List.of(
            new BrokerSetting("broker-a", "127.0.0.1:10911", "SYNC_MASTER", "SYNC_FLUSH"));

    private static BenchmarkConfig config(BenchmarkMode mode, boolean json) {
        return new BenchmarkConfig(mode, ClientKind.TIDEMQ, "127.0.0.1:9876", "BenchmarkTest", 2, 256,
                Duration.ofSeconds(3), mode == BenchmarkMode.BATCH_PRODUCER, 64,
                mode == BenchmarkMode.BATCH_PRODUCER ? 8 : 1, "G", true, json,
                mode == BenchmarkMode.TIMER_PRODUCER ? new TimerSpec(0, 3) : null);
    }

    private static BenchmarkSummary summary(BenchmarkMode mode) {
        LoadStats.Totals totals = new LoadStats.Totals(2_500_000_000L, 1000, 125, 256_000,
                Map.of("TIMEOUT", 1L, "SYSTEM_BUSY", 3L), new LatencySummary(125, 1.25, 1.0, 2.0, 3.5, 4.25, 9.125));
        FiringSummary firing = mode != BenchmarkMode.TIMER_PRODUCER ? null : new FiringSummary(new TimerSpec(0, 3),
                1000, 2, 7, new LoadStats.Totals(2_500_000_000L, 990, 990, 253_440, Map.of(),
                new LatencySummary(990, 12.5, 11.0, 20.0, 48.5, 60.25, 70.0)));
        ReplicationLagSampler.LagSummary lag = mode != BenchmarkMode.PRODUCER ? null
                : new ReplicationLagSampler.LagSummary(2, new LatencySummary(1800, 3.0, 2.0, 5.0, 12.0, 20.0, 31.0),
                0, 0, 0, 0);
        return new BenchmarkSummary(config(mode, true), totals, BROKERS, false, firing, lag);
    }

    @Test
    void headerShowsTheLoadAndEveryBrokersRoleAndFlushMode() {
        String header = ReportFormat.header(config(BenchmarkMode.BATCH_PRODUCER, false), BROKERS);
        assertTrue(header.startsWith("TideMQ benchmark: batchProducer, client tidemq, topic BenchmarkTest, "
                + "2 sender threads, 256-byte bodies, async sends (window 64), batches of 8"), header);
        assertTrue(header.contains("Broker broker-a 127.0.0.1:10911 brokerRole=SYNC_MASTER flushDiskType=SYNC_FLUSH"),
                header);
    }

    @Test
    void progressLineShowsRateAverageAndMax() {
        IntervalSnapshot interval = new IntervalSnapshot(3_000_000_000L, 500_000_000L, 2100, 2100, 2, 0.4756, 12.03);
        assertEquals("[   3 s] Send TPS: 4200  Avg RT(ms): 0.476  Max RT(ms): 12.030  Errors: 2",
                ReportFormat.progressLine(BenchmarkMode.PRODUCER, interval));
        assertTrue(ReportFormat.progressLine(BenchmarkMode.CONSUMER, interval).contains("Consume TPS: 4200  Avg E2E"));
    }

    @Test
    void textSummaryListsPercentilesAndErrorsByKind() {
        List<String> lines = ReportFormat.summary(summary(BenchmarkMode.PRODUCER)).lines().toList();
        assertEquals("=== producer summary (tidemq client, topic BenchmarkTest) ===", lines.get(0));
        assertEquals("Elapsed: 2.500 s  Sent: 1000 messages, 256000 bytes, 125 requests  TPS: 400.0", lines.get(1));
        assertEquals("Send RT (ms): avg 1.250  p50 1.000  p90 2.000  p99 3.500  p99.9 4.250  max 9.125",
                lines.get(2));
        assertEquals(List.of("Errors: 4", "  SYSTEM_BUSY: 3", "  TIMEOUT: 1"), lines.subList(3, 6));
    }

    @Test
    void jsonSummaryCarriesEveryFigure() throws Exception {
        JsonNode json = new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.BATCH_PRODUCER)));
        assertEquals("batchProducer", json.get("mode").asText());
        assertEquals("tidemq", json.get("client").asText());
        assertEquals(1000, json.get("sent").asLong());
        assertFalse(json.has("consumed"));
        assertEquals(125, json.get("requests").asLong());
        assertEquals(256_000, json.get("bytes").asLong());
        assertEquals(400.0, json.get("tps").asDouble());
        assertEquals(2.5, json.get("elapsedSeconds").asDouble());
        assertEquals(8, json.get("batchSize").asInt());
        JsonNode latency = json.get("latencyMs");
        assertEquals(1.0, latency.get("p50").asDouble());
        assertEquals(2.0, latency.get("p90").asDouble());
        assertEquals(3.5, latency.get("p99").asDouble());
        assertEquals(4.25, latency.get("p99_9").asDouble());
        assertEquals(9.125, latency.get("max").asDouble());
        assertEquals(4, json.get("errors").get("total").asLong());
        assertEquals(3, json.get("errors").get("byKind").get("SYSTEM_BUSY").asLong());
        assertEquals("SYNC_FLUSH", json.get("brokers").get(0).get("flushDiskType").asText());
        assertEquals("SYNC_MASTER", json.get("brokers").get(0).get("brokerRole").asText());
    }

    @Test
    void timerSummaryShowsTheScheduleAndHowLateTheMessagesFired() throws Exception {
        String header = ReportFormat.header(config(BenchmarkMode.TIMER_PRODUCER, false), BROKERS);
        assertTrue(header.contains("sync sends, delay level 3 (10000 ms)"), header);
        BenchmarkConfig batched = new BenchmarkConfig(BenchmarkMode.TIMER_PRODUCER, ClientKind.TIDEMQ,
                "127.0.0.1:9876", "BenchmarkTest", 2, 256, Duration.ofSeconds(3), true, 64, 16, "G", true, false,
                new TimerSpec(3_000, 0));
        String batchedHeader = ReportFormat.header(batched, BROKERS);
        assertTrue(batchedHeader.contains("timers due 3000 ms after sending, batches of 16 timers"), batchedHeader);
        List<String> lines = ReportFormat.summary(summary(BenchmarkMode.TIMER_PRODUCER)).lines().toList();
        assertTrue(lines.contains("Accepted: 400.0 timers/s"), lines.toString());
        assertTrue(lines.contains("Fired: 992 of 1000 accepted (early: 2, earliest by 7 ms)"), lines.toString());
        assertTrue(lines.contains("Firing lateness (ms): avg 12.500  p50 11.000  p90 20.000  p99 48.500  "
                + "p99.9 60.250  max 70.000"), lines.toString());
        JsonNode firing = new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.TIMER_PRODUCER)))
                .get("firing");
        assertEquals(10_000, firing.get("delayMs").asLong());
        assertEquals(3, firing.get("delayLevel").asInt());
        assertEquals(1000, firing.get("accepted").asLong());
        assertEquals(992, firing.get("fired").asLong());
        assertEquals(48.5, firing.get("latenessMs").get("p99").asDouble());
        assertFalse(new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.PRODUCER))).has("firing"));
    }

    @Test
    void replicationLagIsReportedWhenTheClusterHasSlaves() throws Exception {
        List<String> lines = ReportFormat.summary(summary(BenchmarkMode.PRODUCER)).lines().toList();
        assertEquals("Replication lag (ms): p50 2.000  p99 12.000  max 31.000  (1800 samples, 2 slaves, 0 pending, "
                + "0 unanswered)", lines.get(lines.size() - 1));
        JsonNode lag = new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.PRODUCER)))
                .get("replicationLag");
        assertEquals(2, lag.get("slaves").asInt());
        assertEquals(12.0, lag.get("lagMs").get("p99").asDouble());
        assertFalse(new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.CONSUMER)))
                .has("replicationLag"));
    }

    @Test
    void consumerJsonNamesTheCountConsumed() throws Exception {
        JsonNode json = new ObjectMapper().readTree(SummaryJson.format(summary(BenchmarkMode.CONSUMER)));
        assertEquals(1000, json.get("consumed").asLong());
        assertFalse(json.has("sent"));
        assertEquals("bornToConsumed", json.get("latencyKind").asText());
    }
}
