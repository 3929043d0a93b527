package org.tidemq.tools.benchmark;

import java.time.Duration;
import java.util.Objects;

/**
 * One run's settings, validated.
 *
 * @param mode             producer, batchProducer or consumer
 * @param client           which client library generates the load
 * @param namesrvAddr      name servers, {@code host:port;host:port}
 * @param topic            the topic sent to or consumed from
 * @param threads          sender threads (sync sends) or consume threads
 * @param bodyBytes        body size of every sent message
 * @param duration         how long the load runs
 * @param async            send asynchronously, with at most {@code asyncWindow} requests in flight
 * @param asyncWindow      in-flight requests at most in async mode
 * @param batchSize        messages per batch request (batchProducer; timerProducer: timers per request); else 1
 * @param group            producer or consumer group
 * @param consumeFromFirst consume a group without committed offsets from the first offset (else the last)
 * @param json             print the summary as JSON on stdout (progress lines then go to stderr)
 * @param timers           how a timerProducer run schedules its messages; null in every other mode
 */
public record BenchmarkConfig(BenchmarkMode mode, ClientKind client, String namesrvAddr, String topic, int threads,
                              int bodyBytes, Duration duration, boolean async, int asyncWindow, int batchSize,
                              String group, boolean consumeFromFirst, boolean json, TimerSpec timers) {
    /** The body limit of RocketMQ clients (4 MiB). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    public BenchmarkConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(client, "client");
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            throw new IllegalArgumentException("no name server: pass -n host:port or set NAMESRV_ADDR");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the topic (-t) must not be empty");
        }
        requireAtLeast("threads (-w)", threads, 1);
        if (bodyBytes < 1 || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("message size (-s) must be 1.." + MAX_BODY_BYTES + " bytes but was "
                    + bodyBytes);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration (-d) must be at least 1 second but was " + duration);
        }
        requireAtLeast("async window (--async-window)", asyncWindow, 1);
        requireAtLeast("batch size (--batch)", batchSize, 1);
        if (batchSize > 1 && mode != BenchmarkMode.BATCH_PRODUCER && mode != BenchmarkMode.TIMER_PRODUCER) {
            throw new IllegalArgumentException("--batch applies to batchProducer and timerProducer only, not to "
                    + mode.commandName());
        }
        if ((long) batchSize * bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a batch of " + batchSize + " x " + bodyBytes
                    + " bytes exceeds the " + MAX_BODY_BYTES + "-byte message limit");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("the group (-g) must not be empty");
        }
        if (async && mode == BenchmarkMode.TRANSACTION_PRODUCER) {
            throw new IllegalArgumentException("--async does not apply to transactionProducer: RocketMQ sends half "
                    + "messages synchronously");
        }
        if ((timers != null) != (mode == BenchmarkMode.TIMER_PRODUCER)) {
            throw new IllegalArgumentException("a timer schedule applies to timerProducer only");
        }
        if (batchSize > 1 && timers != null && timers.delayLevel() > 0) {
            throw new IllegalArgumentException("--batch cannot be combined with --delay-level: RocketMQ refuses "
                    + "batches of delay-level messages (batches of timers are fine)");
        }
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + " but was " + value);
        }
    }
}
