package org.tidemq.it.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.TopicSpec;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.TideMqHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/benchmark} run as a process against a TideMQ name server + broker: a short producer run, then a consumer
 * run over the same topic; their JSON summaries must agree with what the broker holds.
 */
class BenchmarkIT {
    /**
     * Not the default BenchmarkTest: brokers create that system topic with 1024 queues, which makes a consumer
     * start-up (1024 pull loops) slow on a small test machine.
     */
    private static final String TOPIC = "BenchmarkItTopic";
    private static final long TIMEOUT_SECONDS = 40;

    private NamesrvProcess namesrv;
    private BrokerProcess broker;

    @AfterEach
    void stopCluster() {
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void producerThenConsumerReportWhatTheBrokerHolds(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-benchmark-it", namesrv.address(), Map.of());
        try (AdminClient admin = AdminClient.builder().namesrvAddr(namesrv.address()).build()) {
            // The broker prints its boot line before its first registration reaches the name server.
            await("broker registration").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.clusterInfo().clusterAddrTable().containsKey("TideCluster"));
            admin.createOrUpdateTopic("TideCluster", TopicSpec.of(TOPIC, 4));
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> admin.topicRoute(TOPIC).queueDatas().size() == 1);

            Run producer = run(dir.resolve("producer"), "producer", "-n", namesrv.address(), "-t", TOPIC,
                    "-d", "3", "-w", "2", "-s", "256", "--json");
            assertEquals(0, producer.exitCode(), producer::toString);
            JsonNode sent = producer.json();
            long sentMessages = sent.get("sent").asLong();
            assertTrue(sentMessages > 0, producer::toString);
            assertEquals(0, sent.get("errors").get("total").asLong(), producer::toString);
            assertEquals(sentMessages * 256, sent.get("bytes").asLong());
            assertPercentilesOrdered(sent.get("latencyMs"), producer);
            JsonNode brokerSetting = sent.get("brokers").get(0);
            assertEquals(broker.address(), brokerSetting.get("address").asText());
            assertEquals("ASYNC_MASTER", brokerSetting.get("brokerRole").asText());
            assertEquals("ASYNC_FLUSH", brokerSetting.get("flushDiskType").asText());
            assertTrue(producer.stderr().contains("Send TPS: "), producer::toString);

            // A retried send whose first acknowledgement was lost stores a message twice, never fewer.
            long held = admin.topicStats(TOPIC).totalMaxOffset();
            assertTrue(held >= sentMessages, () -> held + " held, " + sentMessages + " sent");

            Run consumer = run(dir.resolve("consumer"), "consumer", "-n", namesrv.address(), "-t", TOPIC,
                    "-d", "3", "--json");
            assertEquals(0, consumer.exitCode(), consumer::toString);
            JsonNode consumed = consumer.json();
            assertEquals(held, consumed.get("consumed").asLong(), consumer::toString);
            assertEquals(0, consumed.get("errors").get("total").asLong(), consumer::toString);
            assertEquals(held * 256, consumed.get("bytes").asLong());
            assertPercentilesOrdered(consumed.get("latencyMs"), consumer);
            assertTrue(consumer.stderr().contains("Consume TPS: "), consumer::toString);
        }
    }

    @Test
    void timerProducerWithBatchSendsBatchesOfTimersThatAllFireOnTime(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-benchmark-timer-it", namesrv.address(), Map.of());
        try (AdminClient admin = AdminClient.builder().namesrvAddr(namesrv.address()).build()) {
            await("broker registration").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.clusterInfo().clusterAddrTable().containsKey("TideCluster"));
            admin.createOrUpdateTopic("TideCluster", TopicSpec.of(TOPIC, 4));
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> admin.topicRoute(TOPIC).queueDatas().size() == 1);

            Run timers = run(dir.resolve("timers"), "timerProducer", "-n", namesrv.address(), "-t", TOPIC,
                    "-d", "2", "-w", "2", "-s", "128", "--batch", "8", "--deliver-after-ms", "1500", "--json");
            assertEquals(0, timers.exitCode(), timers::toString);
            JsonNode summary = timers.json();
            assertEquals(8, summary.get("batchSize").asInt(), timers::toString);
            long sent = summary.get("sent").asLong();
            assertTrue(sent > 0 && sent % 8 == 0, timers::toString);
            assertEquals(0, summary.get("errors").get("total").asLong(), timers::toString);
            JsonNode firing = summary.get("firing");
            assertEquals(sent, firing.get("accepted").asLong(), timers::toString);
            assertEquals(sent, firing.get("fired").asLong(), timers::toString);
            assertEquals(0, firing.get("early").asLong(), "none before its due time: " + timers);
            assertTrue(timers.stderr().contains("batches of 8 timers"), timers::toString);
            // Parked, not delivered at once: a delivered timer carries the deliver time the wheel fired it at.
            int scheduled = 0;
            for (int queueId = 0; queueId < 4; queueId++) {
                for (ReceivedMessage message : admin.pullMessages(
                        new MessageQueue(TOPIC, "broker-benchmark-timer-it", queueId), 0, 32)) {
                    if (message.property("BENCH_DUE_MS") != null) {
                        scheduled++;
                        assertEquals(message.property("BENCH_DUE_MS"), message.property("TIMER_OUT_MS"),
                                "fired by the timer wheel at its due time: " + message);
                    }
                }
            }
            assertTrue(scheduled > 0, timers::toString);
        }
    }

    private static void assertPercentilesOrdered(JsonNode latency, Run run) {
        double p50 = latency.get("p50").asDouble();
        double p99 = latency.get("p99").asDouble();
        double max = latency.get("max").asDouble();
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, run::toString);
    }

    /** One finished {@code bin/benchmark} invocation. */
    private record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(stdout);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static Run run(Path runDir, String... args) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Path home = TideMqHome.root();
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/benchmark").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile());
        builder.environment().put("TIDEMQ_HOME", home.toString());
        builder.environment().put("TIDEMQ_LOG_DIR", runDir.resolve("logs").toString());
        builder.environment().put("JAVA_OPT", "-Xms32m -Xmx256m -XX:+UseSerialGC");
        builder.environment().put("JAVA_OPT_EXT", "-Duser.home=" + runDir);
        builder.environment().remove("NAMESRV_ADDR");
        builder.environment().remove("BENCHMARK_MODULE");
        String buildDir = TideMqHome.buildDir();
        if (buildDir != null) {
            builder.environment().put("TIDEMQ_BUILD_DIR", buildDir);
        } else {
            builder.environment().remove("TIDEMQ_BUILD_DIR");
        }
        Path stdout = runDir.resolve("stdout.txt");
        Path stderr = runDir.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("benchmark " + String.join(" ", args) + " ran longer than "
                        + TIMEOUT_SECONDS + " s");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
