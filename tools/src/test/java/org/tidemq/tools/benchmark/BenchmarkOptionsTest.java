package org.tidemq.tools.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.tools.admin.ToolContext;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

class BenchmarkOptionsTest {

    private static BenchmarkConfig parse(Map<String, String> environment, String... args) {
        BenchmarkOptions options = new BenchmarkOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig(environment);
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        BenchmarkConfig config = parse(Map.of(), "producer", "-n", "127.0.0.1:9876");
        assertEquals(BenchmarkMode.PRODUCER, config.mode());
        assertEquals(ClientKind.TIDEMQ, config.client());
        assertEquals("127.0.0.1:9876", config.namesrvAddr());
        assertEquals("BenchmarkTest", config.topic());
        assertEquals(16, config.threads());
        assertEquals(128, config.bodyBytes());
        assertEquals(Duration.ofSeconds(60), config.duration());
        assertFalse(config.async());
        assertEquals(256, config.asyncWindow());
        assertEquals(1, config.batchSize());
        assertEquals("benchmark_producer", config.group());
        assertFalse(config.json());
    }

    @Test
    void everyOptionIsMapped() {
        BenchmarkConfig config = parse(Map.of(), "batchProducer", "-n", "h:1;h:2", "-t", "T1", "-w", "3", "-s", "512",
                "-d", "7", "--async", "--async-window", "9", "--batch", "4", "-g", "G1", "--json", "--flush");
        assertEquals(BenchmarkMode.BATCH_PRODUCER, config.mode());
        assertEquals("h:1;h:2", config.namesrvAddr());
        assertEquals("T1", config.topic());
        assertEquals(3, config.threads());
        assertEquals(512, config.bodyBytes());
        assertEquals(Duration.ofSeconds(7), config.duration());
        assertTrue(config.async());
        assertEquals(9, config.asyncWindow());
        assertEquals(4, config.batchSize());
        assertEquals("G1", config.group());
        assertTrue(config.json());
    }

    @Test
    void nameServerFallsBackToTheEnvironmentAndOptionWins() {
        assertEquals("env:9876", parse(Map.of("NAMESRV_ADDR", "env:9876"), "producer").namesrvAddr());
        assertEquals("opt:1", parse(Map.of("NAMESRV_ADDR", "env:9876"), "producer", "-n", "opt:1").namesrvAddr());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "producer"));
        assertTrue(missing.getMessage().contains("NAMESRV_ADDR"), missing.getMessage());
    }

    @Test
    void batchProducerBatchesSixteenByDefaultAndOtherModesRejectBatch() {
        assertEquals(16, parse(Map.of(), "batchProducer", "-n", "h:1").batchSize());
        IllegalArgumentException wrongMode = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "producer", "-n", "h:1", "--batch", "8"));
        assertTrue(wrongMode.getMessage().contains("batchProducer"), wrongMode.getMessage());
    }

    @Test
    void timerProducerBatchesTimersOnlyWhenToldAndNeverDelayLevels() {
        assertEquals(1, parse(Map.of(), "timerProducer", "-n", "h:1").batchSize());
        assertEquals(16, parse(Map.of(), "timerProducer", "-n", "h:1", "--batch", "16").batchSize());
        assertProblem("--batch cannot be combined with --delay-level", "timerProducer", "-n", "h:1", "--batch", "4",
                "--delay-level", "2");
        assertEquals(1, parse(Map.of(), "timerProducer", "-n", "h:1", "--delay-level", "2").batchSize(),
                "negative control: a delay level alone is fine");
    }

    @Test
    void timerProducerSchedulesByDelayOrLevelAndTransactionsAreSyncOnly() {
        assertEquals(new TimerSpec(10_000, 0), parse(Map.of(), "timerProducer", "-n", "h:1").timers());
        assertEquals(new TimerSpec(2_500, 0),
                parse(Map.of(), "timerProducer", "-n", "h:1", "--deliver-after-ms", "2500").timers());
        assertEquals(30_000, parse(Map.of(), "timerProducer", "-n", "h:1", "--delay-level", "4").timers().delayMs());
        assertEquals(null, parse(Map.of(), "producer", "-n", "h:1").timers());
        IllegalArgumentException badLevel = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "timerProducer", "-n", "h:1", "--delay-level", "19"));
        assertTrue(badLevel.getMessage().contains("--delay-level must be 1..18"), badLevel.getMessage());
        assertEquals(BenchmarkMode.TRANSACTION_PRODUCER,
                parse(Map.of(), "transactionProducer", "-n", "h:1").mode());
        IllegalArgumentException async = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "transactionProducer", "-n", "h:1", "--async"));
        assertTrue(async.getMessage().contains("--async does not apply to transactionProducer"), async.getMessage());
    }

    @Test
    void consumerGetsAFreshGroupFromTheFirstOffsetUnlessTold() {
        BenchmarkConfig first = parse(Map.of(), "consumer", "-n", "h:1");
        assertTrue(first.group().startsWith("benchmark_consumer_"), first.group());
        assertTrue(first.consumeFromFirst());
        assertFalse(first.mode().sends());
        BenchmarkConfig told = parse(Map.of(), "consumer", "-n", "h:1", "-g", "MyGroup", "--from", "last");
        assertEquals("MyGroup", told.group());
        assertFalse(told.consumeFromFirst());
        assertTrue(first.group().length() > "benchmark_consumer_".length(), first.group());
    }

    @Test
    void badValuesNameTheOption() {
        assertProblem("unknown mode 'orderedProducer'", "orderedProducer", "-n", "h:1");
        assertProblem("message size (-s)", "producer", "-n", "h:1", "-s", "0");
        assertProblem("threads (-w)", "producer", "-n", "h:1", "-w", "0");
        assertProblem("duration (-d)", "producer", "-n", "h:1", "-d", "0");
        assertProblem("unknown client 'kafka'", "producer", "-n", "h:1", "--client", "kafka");
        assertProblem("--from must be first or last", "consumer", "-n", "h:1", "--from", "middle");
        assertProblem("exceeds the", "batchProducer", "-n", "h:1", "--batch", "1000", "-s", "8192");
    }

    private static void assertProblem(String expected, String... args) {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), args));
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
    }

    @Test
    void commandLineProblemsAreOneLineWithExitCodeTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolContext context = new ToolContext(new PrintWriter(out), new PrintWriter(err), Map.of(),
                namesrv -> {
                    throw new AssertionError("no cluster may be contacted for a bad command line");
                }, Clock.systemUTC());
        assertEquals(Benchmark.EXIT_USAGE, Benchmark.run(context, false, "producer", "-n", "h:1", "-w", "x"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("benchmark: "), err.toString());
    }

    @Test
    void theOfficialClientIsReportedMissingInOneLine() {
        StringWriter err = new StringWriter();
        ToolContext context = new ToolContext(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(),
                namesrv -> {
                    throw new AssertionError("the run must stop before contacting the cluster");
                }, Clock.systemUTC());
        assertEquals(Benchmark.EXIT_USAGE,
                Benchmark.run(context, false, "producer", "-n", "h:1", "--client=rocketmq"));
        assertEquals("benchmark: " + LoadClients.OFFICIAL_CLIENT_MISSING, err.toString().strip());
        assertTrue(err.toString().contains("-Papache-anchor"));
    }

    @Test
    void anUnreachableClusterIsOneLineWithExitCodeOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolContext context = new ToolContext(new PrintWriter(out), new PrintWriter(err), Map.of(),
                namesrv -> {
                    throw new IllegalStateException("connect to " + namesrv + " failed\nsecond line");
                }, Clock.systemUTC());
        assertEquals(Benchmark.EXIT_FAILURE, Benchmark.run(context, false, "consumer", "-n", "127.0.0.1:1", "--json"));
        assertEquals("benchmark: IllegalStateException: connect to 127.0.0.1:1 failed", err.toString().strip());
        assertEquals("", out.toString());
    }
}
