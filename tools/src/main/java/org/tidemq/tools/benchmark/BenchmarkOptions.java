package org.tidemq.tools.benchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The command line of {@code bin/benchmark}, turned into a validated {@link BenchmarkConfig}. */
@Command(name = "benchmark", usageHelpWidth = 120,
        description = "Generates load against a RocketMQ-protocol cluster (TideMQ or Apache RocketMQ) and reports "
                + "TPS and latency percentiles.")
public final class BenchmarkOptions {
    static final String DEFAULT_TOPIC = "BenchmarkTest";
    static final String DEFAULT_PRODUCER_GROUP = "benchmark_producer";
    static final String CONSUMER_GROUP_PREFIX = "benchmark_consumer_";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "MODE", description = "producer, batchProducer, transactionProducer, timerProducer or consumer")
    String mode;

    @Option(names = {"-n", "--namesrvAddr"},
            description = "name servers host:port;host:port (default: $NAMESRV_ADDR)")
    String namesrvAddr;

    @Option(names = {"-t", "--topic"}, defaultValue = DEFAULT_TOPIC,
            description = "topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = {"-w", "--threads"}, defaultValue = "16",
            description = "sender threads, or consume threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-s", "--size"}, defaultValue = "128",
            description = "message body bytes (default: ${DEFAULT-VALUE})")
    int bodyBytes;

    @Option(names = {"-d", "--duration"}, defaultValue = "60",
            description = "seconds to run (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--async", description = "send asynchronously, bounded by --async-window requests in flight")
    boolean async;

    @Option(names = "--async-window", defaultValue = "256",
            description = "async requests in flight at most (default: ${DEFAULT-VALUE})")
    int asyncWindow;

    @Option(names = "--batch", description = "messages per batch request: batchProducer (default: 16), or "
            + "timerProducer timers per request (default: 1, no batch)")
    Integer batchSize;

    @Option(names = "--deliver-after-ms", defaultValue = "10000",
            description = "timerProducer: each message is a timer due this long after sending (default: "
                    + "${DEFAULT-VALUE})")
    long deliverAfterMs;

    @Option(names = "--delay-level", defaultValue = "0",
            description = "timerProducer: use this classic delay level (1..18, default table) instead of timers")
    int delayLevel;

    @Option(names = {"-g", "--group"},
            description = "group (default: benchmark_producer, or benchmark_consumer_<random> for a fresh consumer)")
    String group;

    @Option(names = "--from", defaultValue = "first",
            description = "where a consumer group without offsets starts: first or last (default: ${DEFAULT-VALUE})")
    String consumeFrom;

    @Option(names = "--client", defaultValue = "tidemq",
            description = "tidemq (default) or rocketmq (the official client; run from bench/ with -Papache-anchor)")
    String client;

    @Option(names = "--json", description = "print the summary as one JSON object on stdout (progress on stderr)")
    boolean json;

    @Option(names = "--flush", description = "accepted for compatibility: the header always shows every broker's "
            + "brokerRole and flushDiskType")
    boolean flush;

    /**
     * The validated settings.
     *
     * @param environment where {@code NAMESRV_ADDR} is looked up when {@code -n} is absent
     * @throws IllegalArgumentException naming the first bad option
     */
    public BenchmarkConfig toConfig(Map<String, String> environment) {
        BenchmarkMode benchmarkMode = BenchmarkMode.of(mode);
        String namesrv = namesrvAddr != null ? namesrvAddr.trim() : environment.get("NAMESRV_ADDR");
        int batch = batchSize != null ? batchSize : benchmarkMode == BenchmarkMode.BATCH_PRODUCER ? 16 : 1;
        String chosenGroup = group != null ? group.trim() : benchmarkMode.sends() ? DEFAULT_PRODUCER_GROUP
                : CONSUMER_GROUP_PREFIX + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
        return new BenchmarkConfig(benchmarkMode, clientKind(), namesrv, topic == null ? null : topic.trim(), threads,
                bodyBytes, Duration.ofSeconds(durationSeconds), async, asyncWindow, batch, chosenGroup, fromFirst(),
                json, benchmarkMode == BenchmarkMode.TIMER_PRODUCER ? new TimerSpec(deliverAfterMs, delayLevel) : null);
    }

    private ClientKind clientKind() {
        try {
            return ClientKind.valueOf(client.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown client '" + client + "', expected tidemq or rocketmq");
        }
    }

    private boolean fromFirst() {
        return switch (consumeFrom.trim().toLowerCase(Locale.ROOT)) {
            case "first" -> true;
            case "last" -> false;
            default -> throw new IllegalArgumentException("--from must be first or last but was '" + consumeFrom + "'");
        };
    }
}
