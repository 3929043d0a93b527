package org.tidemq.bench.namesrv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Loopback load generator for NameServer route lookups: registers {@code --topics} topics on two fake master brokers
 * through REGISTER_BROKER, then keeps {@code --inflight} GET_ROUTEINFO_BY_TOPIC requests in flight per connection for
 * a fixed time and reports lookups per second and latency percentiles.
 *
 * <p>It speaks only the wire protocol, so it measures any RocketMQ-compatible NameServer (TideMQ's or Apache's) the
 * same way. The final line is machine-readable: {@code RESULT lookups_per_s=… p50_us=… p99_us=… errors=…}.
 */
@Command(name = "route-lookup-load", mixinStandardHelpOptions = true,
        description = "Route lookups/s against a RocketMQ-compatible NameServer.")
public final class RouteLookupLoad implements Callable<Integer> {
    private static final String CLUSTER = "BenchCluster";
    private static final String[] BROKERS = {"bench-broker-a", "bench-broker-b"};
    private static final long CALL_TIMEOUT_MS = 5_000;

    @Option(names = "--addr", required = true, description = "NameServer host:port")
    String address;

    @Option(names = "--topics", defaultValue = "1000", description = "topics to register and look up")
    int topicCount;

    @Option(names = "--connections", defaultValue = "4", description = "client connections")
    int connections;

    @Option(names = "--inflight", defaultValue = "64", description = "requests in flight per connection")
    int inflightPerConnection;

    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "measured duration")
    int seconds;

    @Option(names = "--skip-register", description = "topics are already registered")
    boolean skipRegister;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouteLookupLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<NettyRemotingClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
                client.start();
                clients.add(client);
            }
            if (!skipRegister) {
                registerTopics(clients.get(0));
            }
            verifyOneRoute(clients.get(0));
            runPhase(clients, warmupSeconds, null);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Outcome outcome = runPhase(clients, seconds, histogram);
            double perSecond = outcome.successes / (outcome.elapsedNanos / 1e9);
            System.out.printf("RESULT lookups_per_s=%.0f p50_us=%d p99_us=%d max_us=%d errors=%d%n", perSecond,
                    histogram.getValueAtPercentile(50) / 1000, histogram.getValueAtPercentile(99) / 1000,
                    histogram.getMaxValue() / 1000, outcome.errors);
            return outcome.errors == 0 ? 0 : 1;
        } finally {
            clients.forEach(NettyRemotingClient::shutdown);
        }
    }

    private record Outcome(long successes, long errors, long elapsedNanos) {
    }

    private Outcome runPhase(List<NettyRemotingClient> clients, int durationSeconds, Histogram into)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        LongAdder successes = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> drivers = new ArrayList<>();
        long start = System.nanoTime();
        for (NettyRemotingClient client : clients) {
            Thread driver = new Thread(() -> drive(client, running, recorder, successes, errors), "load-driver");
            driver.start();
            drivers.add(driver);
        }
        TimeUnit.SECONDS.sleep(durationSeconds);
        running.set(false);
        long elapsed = System.nanoTime() - start;
        for (Thread driver : drivers) {
            driver.join();
        }
        if (into != null) {
            into.add(recorder.getIntervalHistogram());
        }
        return new Outcome(successes.sum(), errors.sum(), elapsed);
    }

    private void drive(NettyRemotingClient client, AtomicBoolean running, Recorder recorder, LongAdder successes,
                       LongAdder errors) {
        Semaphore window = new Semaphore(inflightPerConnection);
        try {
            while (running.get()) {
                window.acquire();
                RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                        .putField("topic", topicName(ThreadLocalRandom.current().nextInt(topicCount)));
                long sentAt = System.nanoTime();
                client.invokeAsync(address, request, CALL_TIMEOUT_MS).whenComplete((response, failure) -> {
                    if (failure == null && response.code() == ResponseCode.SUCCESS) {
                        recorder.recordValue(System.nanoTime() - sentAt);
                        successes.increment();
                    } else {
                        errors.increment();
                    }
                    if (response != null) {
                        response.releaseBody();
                    }
                    window.release();
                });
            }
            window.acquire(inflightPerConnection);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void verifyOneRoute(NettyRemotingClient client) throws Exception {
        RemotingCommand response = client.invokeSync(address,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", topicName(0)),
                CALL_TIMEOUT_MS);
        try {
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("route of " + topicName(0) + " not found: code " + response.code()
                        + " " + response.remark());
            }
        } finally {
            response.releaseBody();
        }
    }

    private void registerTopics(NettyRemotingClient client) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int b = 0; b < BROKERS.length; b++) {
            ObjectNode body = json.createObjectNode();
            body.putArray("filterServerList");
            ObjectNode wrapper = body.putObject("topicConfigSerializeWrapper");
            ObjectNode dataVersion = wrapper.putObject("dataVersion");
            dataVersion.put("counter", 1).put("stateVersion", 0).put("timestamp", System.currentTimeMillis());
            ObjectNode table = wrapper.putObject("topicConfigTable");
            for (int t = 0; t < topicCount; t++) {
                String topic = topicName(t);
                table.putObject(topic).put("topicName", topic).put("readQueueNums", 8).put("writeQueueNums", 8)
                        .put("perm", 6).put("topicFilterType", "SINGLE_TAG").put("topicSysFlag", 0)
                        .put("order", false);
            }
            String brokerAddr = "127.0.0.1:" + (20911 + b * 10);
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER)
                    .setVersion(RemotingVersion.CURRENT)
                    .putField("brokerName", BROKERS[b]).putField("brokerAddr", brokerAddr)
                    .putField("clusterName", CLUSTER).putField("haServerAddr", "127.0.0.1:" + (20912 + b * 10))
                    .putField("brokerId", 0).putField("compressed", false).putField("bodyCrc32", 0)
                    .setBody(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
            RemotingCommand response = client.invokeSync(address, request, 10_000);
            try {
                if (response.code() != ResponseCode.SUCCESS) {
                    throw new IllegalStateException("REGISTER_BROKER failed: code " + response.code() + " "
                            + response.remark());
                }
            } finally {
                response.releaseBody();
            }
        }
    }

    private static String topicName(int index) {
        return "BenchTopic_" + index;
    }
}
