package org.tidemq.bench.e2e;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end load through Apache RocketMQ's official Java client (5.2.0), against any RocketMQ-compatible name server
 * and broker (TideMQ's or Apache's), so the two are measured by exactly the same client code:
 * <ol>
 *   <li>warm-up: sync sends, async sends and a throwaway consumer group, not reported (the first send also
 *   auto-creates the topic), so the measured phases run on JIT-compiled code in both brokers;</li>
 *   <li>{@code sync}: {@code --threads} threads each calling {@code producer.send(msg)} back to back;</li>
 *   <li>{@code async}: {@code producer.send(msg, callback)} with at most {@code --async-window} sends in flight;</li>
 *   <li>{@code consume_push}, {@code consume_litepull}: per {@code --consumer} kind, a new consumer group reads the
 *   topic from its first offset until every message the phases above had acknowledged was received (each (queue,
 *   queue offset) counted once), or a timeout.</li>
 * </ol>
 * Send latency is request to acknowledgement, recorded in microseconds in an HdrHistogram. With
 * {@code --broker-pid} each phase also reports the broker's CPU seconds and its memory from /proc (see
 * {@link BrokerProcessProbe}). One machine-readable {@code PHASE ...} line per phase goes to stdout; the exit status
 * is 0 only when no send failed and every acknowledged message was consumed.
 */
@Command(name = "official-client-load", mixinStandardHelpOptions = true,
        description = "Sync sends, async sends, then consumption from the beginning, with the official client.")
public final class OfficialClientLoad implements Callable<Integer> {
    private static final long HIGHEST_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final long DRAIN_TIMEOUT_MILLIS = 15_000;

    @Option(names = "--namesrv", required = true, description = "name server host:port")
    String namesrv;

    @Option(names = "--topic", defaultValue = "E2eBenchTopic")
    String topic;

    @Option(names = "--threads", defaultValue = "32", description = "sync sender threads")
    int threads;

    @Option(names = "--body-bytes", defaultValue = "1024")
    int bodyBytes;

    @Option(names = "--seconds", defaultValue = "15", description = "duration of the sync and of the async phase")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10",
            description = "sync sends, async sends and a throwaway consumer before the measured phases")
    int warmupSeconds;

    @Option(names = "--async-window", defaultValue = "256", description = "async sends in flight at most")
    int asyncWindow;

    @Option(names = "--consumer", defaultValue = "push,litepull", split = ",",
            description = "consume phases, in order, each a new group from the first offset: push "
                    + "(DefaultMQPushConsumer) and/or litepull (DefaultLitePullConsumer)")
    List<String> consumerKinds;

    @Option(names = "--consume-timeout-seconds", defaultValue = "180")
    int consumeTimeoutSeconds;

    @Option(names = "--broker-pid", defaultValue = "-1", description = "broker process id, for CPU and RSS figures")
    long brokerPid;

    @Option(names = "--clk-tck", defaultValue = "100", description = "clock ticks per second of /proc/PID/stat")
    int clockTicks;

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfficialClientLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (String kind : consumerKinds) {
            if (!List.of("push", "litepull").contains(kind)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--consumer: unknown kind '" + kind + "' (push, litepull)");
            }
        }
        System.setProperty("rocketmq.client.logUseSlf4j", "false");
        // A consumer whose first rebalance ran before the broker had its heartbeat waits for the next one, 20 s later
        // by default: that wait would dominate the consume phase at random, on either broker.
        System.setProperty("rocketmq.client.rebalance.waitInterval", "1000");
        byte[] body = new byte[bodyBytes];
        new Random(42).nextBytes(body);
        long failures = 0;
        boolean consumedAll;
        try (BrokerProcessProbe probe = new BrokerProcessProbe(brokerPid, clockTicks)) {
            DefaultMQProducer producer = new DefaultMQProducer("e2e_bench_producer");
            producer.setNamesrvAddr(namesrv);
            producer.setSendMsgTimeout(3000);
            producer.setInstanceName("e2e-" + ProcessHandle.current().pid());
            producer.start();
            try {
                awaitFirstSend(producer, body);
                warmUp(producer, body, probe);
                failures += phase("sync", probe, () -> runSync(producer, body, seconds,
                        new Recorder(HIGHEST_LATENCY_MICROS, 3)));
                failures += phase("async", probe, () -> runAsync(producer, body, seconds,
                        new Recorder(HIGHEST_LATENCY_MICROS, 3)));
            } finally {
                producer.shutdown();
            }
            consumedAll = true;
            for (String kind : consumerKinds) {
                consumedAll &= consume(kind, probe, body.length);
            }
        }
        if (firstError.get() != null) {
            System.err.println("first error: " + firstError.get());
        }
        return failures == 0 && consumedAll ? 0 : 1;
    }

    /**
     * Runs every code path the measured phases use (sync sends, async sends, a consumer group reading from the
     * first offset) for {@code --warmup-seconds} in all, so both brokers are measured after their JIT compilers have
     * compiled those paths rather than while they do. Nothing of it is reported except on stderr; its messages are
     * part of what the measured consumer must read.
     */
    private void warmUp(DefaultMQProducer producer, byte[] body, BrokerProcessProbe probe) throws Exception {
        if (warmupSeconds <= 0) {
            return;
        }
        probe.startPhase();
        int sendSeconds = Math.max(1, warmupSeconds / 4);
        SendFigures sync = runSync(producer, body, sendSeconds, new Recorder(HIGHEST_LATENCY_MICROS, 3));
        SendFigures async = runAsync(producer, body, sendSeconds, new Recorder(HIGHEST_LATENCY_MICROS, 3));
        long expected = acknowledged.get();
        ReceivedSet received = new ReceivedSet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(3, warmupSeconds - 2 * sendSeconds));
        consumePush("e2e_bench_warmup_" + System.currentTimeMillis(), received, expected, deadline, body.length);
        System.err.printf("warm-up: %d sync + %d async sends acknowledged, %d errors (first: %s), %d of %d consumed,"
                        + " broker: %s%n", sync.messages(), async.messages(), sync.errors() + async.errors(),
                firstError.getAndSet(null), received.distinct.get(), expected, probe.endPhase());
    }

    /** The broker registers its routes shortly after it reports boot success: retry the first send until then. */
    private void awaitFirstSend(DefaultMQProducer producer, byte[] body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (producer.send(new Message(topic, "TagA", body)).getSendStatus() == SendStatus.SEND_OK) {
                    acknowledged.incrementAndGet();
                    return;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no send succeeded within 60 s: " + e, e);
                }
            }
            Thread.sleep(100);
        }
    }

    /** Result of one send phase. */
    private record SendFigures(long messages, long errors, double seconds, Histogram latency) {
    }

    @FunctionalInterface
    private interface SendPhase {
        SendFigures run() throws Exception;
    }

    private long phase(String name, BrokerProcessProbe probe, SendPhase run) throws Exception {
        long clientCpuStart = clientCpuNanos();
        probe.startPhase();
        SendFigures figures = run.run();
        String broker = probe.endPhase();
        double clientCpu = (clientCpuNanos() - clientCpuStart) / 1e9;
        Histogram h = figures.latency();
        System.out.printf("PHASE phase=%s msgs=%d tps=%.0f avg_us=%.0f p50_us=%d p99_us=%d max_us=%d errors=%d "
                        + "seconds=%.2f client_cpu_s=%.2f %s%n",
                name, figures.messages(), figures.messages() / figures.seconds(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), figures.errors(),
                figures.seconds(), clientCpu, broker);
        return figures.errors();
    }

    private SendFigures runSync(DefaultMQProducer producer, byte[] body, int durationSeconds, Recorder latency)
            throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        Thread[] senders = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            senders[i] = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Message message = new Message(topic, "TagA", body);
                    long begin = System.nanoTime();
                    try {
                        SendResult result = producer.send(message);
                        latency.recordValue(Math.min(HIGHEST_LATENCY_MICROS, (System.nanoTime() - begin) / 1000));
                        if (result.getSendStatus() == SendStatus.SEND_OK) {
                            sent.incrementAndGet();
                            acknowledged.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "status " + result.getSendStatus());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }, "sync-sender-" + i);
            senders[i].start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new SendFigures(sent.get(), errors.get(), elapsed, latency.getIntervalHistogram());
    }

    private SendFigures runAsync(DefaultMQProducer producer, byte[] body, int durationSeconds, Recorder latency)
            throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Semaphore window = new Semaphore(asyncWindow);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        while (System.nanoTime() < deadline) {
            if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long begin = System.nanoTime();
            SendCallback callback = new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    latency.recordValue(Math.min(HIGHEST_LATENCY_MICROS, (System.nanoTime() - begin) / 1000));
                    if (result.getSendStatus() == SendStatus.SEND_OK) {
                        sent.incrementAndGet();
                        acknowledged.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "status " + result.getSendStatus());
                    }
                    window.release();
                }

                @Override
                public void onException(Throwable e) {
                    latency.recordValue(Math.min(HIGHEST_LATENCY_MICROS, (System.nanoTime() - begin) / 1000));
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                    window.release();
                }
            };
            try {
                producer.send(new Message(topic, "TagA", body), callback);
            } catch (Exception e) {
                callback.onException(e);
            }
        }
        if (!window.tryAcquire(asyncWindow, DRAIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            errors.addAndGet(asyncWindow - window.availablePermits());
            firstError.compareAndSet(null,
                    "async sends still unanswered " + DRAIN_TIMEOUT_MILLIS + " ms after the phase");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new SendFigures(sent.get(), errors.get(), elapsed, latency.getIntervalHistogram());
    }

    /** Distinct (queue, queue offset) pairs received, so redeliveries are not counted twice. */
    private static final class ReceivedSet {
        private final Map<Integer, BitSet> byQueue = new ConcurrentHashMap<>();
        private final AtomicLong distinct = new AtomicLong();
        private final AtomicLong wrongBodies = new AtomicLong();
        private final AtomicLong firstReceivedNanos = new AtomicLong();

        void add(MessageExt message, int expectedBodyBytes) {
            if (firstReceivedNanos.get() == 0) {
                firstReceivedNanos.compareAndSet(0, System.nanoTime());
            }
            if (message.getBody() == null || message.getBody().length != expectedBodyBytes) {
                wrongBodies.incrementAndGet();
            }
            BitSet seen = byQueue.computeIfAbsent(message.getQueueId(), q -> new BitSet());
            int offset = Math.toIntExact(message.getQueueOffset());
            synchronized (seen) {
                if (!seen.get(offset)) {
                    seen.set(offset);
                    distinct.incrementAndGet();
                }
            }
        }
    }

    private boolean consume(String consumerKind, BrokerProcessProbe probe, int expectedBodyBytes) throws Exception {
        long expected = acknowledged.get();
        ReceivedSet received = new ReceivedSet();
        String group = "e2e_bench_" + consumerKind + "_" + System.currentTimeMillis();
        long clientCpuStart = clientCpuNanos();
        probe.startPhase();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(consumeTimeoutSeconds);
        long done;
        if ("litepull".equals(consumerKind)) {
            done = consumeLitePull(group, received, expected, deadline, expectedBodyBytes);
        } else {
            done = consumePush(group, received, expected, deadline, expectedBodyBytes);
        }
        // Throughput over the drain itself: from the first message to the last. The consumer's start-up (route
        // lookup, heartbeat, rebalance: client-side timers) is reported apart as first_msg_ms.
        long first = received.firstReceivedNanos.get() == 0 ? start : received.firstReceivedNanos.get();
        double elapsed = Math.max(1e-3, (done - first) / 1e9);
        String broker = probe.endPhase();
        double clientCpu = (clientCpuNanos() - clientCpuStart) / 1e9;
        long missing = expected - received.distinct.get();
        System.out.printf("PHASE phase=consume_" + consumerKind + " msgs=%d tps=%.0f avg_us=-1 p50_us=-1 "
                        + "p99_us=-1 max_us=-1 errors=%d seconds=%.2f client_cpu_s=%.2f %s expected=%d "
                        + "wrong_bodies=%d first_msg_ms=%d consumer=%s%n",
                received.distinct.get(), received.distinct.get() / elapsed, Math.max(0, missing)
                        + received.wrongBodies.get(), elapsed, clientCpu, broker, expected,
                received.wrongBodies.get(), TimeUnit.NANOSECONDS.toMillis(first - start), consumerKind);
        return missing <= 0 && received.wrongBodies.get() == 0;
    }

    private long consumePush(String group, ReceivedSet received, long expected, long deadline, int bodyBytes)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(group + "-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        AtomicLong finishedAt = new AtomicLong();
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                received.add(message, bodyBytes);
            }
            if (received.distinct.get() >= expected) {
                finishedAt.compareAndSet(0, System.nanoTime());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            while (finishedAt.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            consumer.shutdown();
        }
        return finishedAt.get() == 0 ? System.nanoTime() : finishedAt.get();
    }

    private long consumeLitePull(String group, ReceivedSet received, long expected, long deadline, int bodyBytes)
            throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName(group + "-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullBatchSize(32);
        consumer.subscribe(topic, "*");
        consumer.start();
        try {
            while (received.distinct.get() < expected && System.nanoTime() < deadline) {
                List<MessageExt> messages = consumer.poll(100);
                for (MessageExt message : messages) {
                    received.add(message, bodyBytes);
                }
            }
            return System.nanoTime();
        } finally {
            consumer.shutdown();
        }
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
