package org.tidemq.bench.namesrv;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.tidemq.common.remoting.codec.RemotingFrame;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Loopback load generator for NameServer route lookups: registers {@code --topics} topics on two fake master brokers
 * through REGISTER_BROKER, checks every route once, then keeps {@code --inflight} GET_ROUTEINFO_BY_TOPIC requests
 * in flight on each of {@code --connections} connections for a fixed time and reports lookups per second and latency
 * percentiles.
 *
 * <p>The client side is raw Netty with pipelined, batch-flushed requests built from byte templates and responses
 * checked by scanning their header in place (see {@link PipelinedLookupConnection}): on a small machine the generator
 * shares the CPU with the server it measures, so every cycle it spends lowers the number it reports. It speaks only
 * the wire protocol, so it measures any RocketMQ-compatible NameServer (TideMQ's or Apache's) the same way.
 *
 * <p>The final line is machine-readable: {@code RESULT lookups_per_s=… p50_us=… p99_us=… max_us=…
 * errors=… lookups=… client_cpu_s=… server_cpu_s=…} (the CPU seconds cover the measured window only;
 * {@code server_cpu_s} is -1 without {@code --server-pid}). Exit status 0 only when no lookup failed.
 */
@Command(name = "route-lookup-load", mixinStandardHelpOptions = true,
        description = "Route lookups/s against a RocketMQ-compatible NameServer.")
public final class RouteLookupLoad implements Callable<Integer> {
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_POLL_MILLIS = 20;

    @Option(names = "--addr", required = true, description = "NameServer host:port")
    String address;

    @Option(names = "--topics", defaultValue = "1000", description = "topics to register and look up")
    int topicCount;

    @Option(names = "--connections", defaultValue = "4", description = "client connections")
    int connections;

    @Option(names = "--inflight", defaultValue = "64", description = "requests in flight per connection")
    int inflightPerConnection;

    @Option(names = "--io-threads", defaultValue = "1", description = "client event-loop threads")
    int ioThreads;

    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "measured duration")
    int seconds;

    @Option(names = "--skip-register", description = "topics are already registered")
    boolean skipRegister;

    @Option(names = "--server-pid", defaultValue = "-1",
            description = "NameServer process id, to report its CPU time over the measured window")
    long serverPid;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouteLookupLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (topicCount < 1 || connections < 1 || inflightPerConnection < 1 || ioThreads < 1 || seconds < 1
                || warmupSeconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--topics, --connections, --inflight, --io-threads and --seconds must be positive, "
                            + "--warmup-seconds not negative");
        }
        InetSocketAddress peer = parseAddress(address);
        try (RouteFixture fixture = new RouteFixture(address, topicCount)) {
            if (!skipRegister) {
                fixture.registerTopics();
            }
            byte[][] expectedBodies = fixture.verifiedRouteBodies();
            boolean epoll = Epoll.isAvailable();
            EventLoopGroup group = epoll
                    ? new EpollEventLoopGroup(ioThreads, new DefaultThreadFactory("lookup-load", true))
                    : new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("lookup-load", true));
            try {
                return runLoad(group, epoll, peer, expectedBodies);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }

    private int runLoad(EventLoopGroup group, boolean epoll, InetSocketAddress peer, byte[][] expectedBodies)
            throws Exception {
        RouteRequestFrames frames = new RouteRequestFrames(topicCount);
        List<PipelinedLookupConnection> handlers = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                int seed = 0x9E3779B9 * (i + 1);
                PipelinedLookupConnection handler =
                        new PipelinedLookupConnection(frames, expectedBodies, inflightPerConnection, seed);
                handlers.add(handler);
                channels.add(connect(group, epoll, peer, handler));
            }
            TimeUnit.SECONDS.sleep(warmupSeconds);
            Window warmup = snapshotAll(handlers);
            Duration clientCpuStart = processCpu(ProcessHandle.current().pid());
            Duration serverCpuStart = serverPid > 0 ? processCpu(serverPid) : Duration.ZERO;
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            Window measured = snapshotAll(handlers);
            long elapsedNanos = System.nanoTime() - start;
            double clientCpu = secondsOf(processCpu(ProcessHandle.current().pid()).minus(clientCpuStart));
            double serverCpu = serverPid > 0 ? secondsOf(processCpu(serverPid).minus(serverCpuStart)) : -1;
            for (PipelinedLookupConnection handler : handlers) {
                handler.stopSending();
            }
            Window drained = drain(handlers);
            long errors = warmup.errors + measured.errors + drained.errors + drained.inFlight;
            reportFirstError(warmup, measured, drained);
            Histogram latency = measured.latencyNanos;
            System.out.printf("RESULT lookups_per_s=%.0f p50_us=%d p99_us=%d max_us=%d errors=%d lookups=%d "
                            + "client_cpu_s=%.2f server_cpu_s=%.2f%n",
                    measured.successes / (elapsedNanos / 1e9), latency.getValueAtPercentile(50) / 1000,
                    latency.getValueAtPercentile(99) / 1000, latency.getMaxValue() / 1000, errors,
                    measured.successes, clientCpu, serverCpu);
            return errors == 0 ? 0 : 1;
        } finally {
            for (Channel channel : channels) {
                channel.close().awaitUninterruptibly();
            }
        }
    }

    private static Channel connect(EventLoopGroup group, boolean epoll, InetSocketAddress peer,
                                   PipelinedLookupConnection handler) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(
                                RemotingFrame.DEFAULT_MAX_FRAME_BYTES,
                                RemotingFrame.TOTAL_LENGTH_OFFSET, RemotingFrame.TOTAL_LENGTH_BYTES, 0,
                                RemotingFrame.TOTAL_LENGTH_BYTES));
                        channel.pipeline().addLast(handler);
                    }
                });
        return bootstrap.connect(peer).sync().channel();
    }

    /** Sums of all connections over one window. */
    private record Window(long successes, long errors, long inFlight, String firstError, Histogram latencyNanos) {
    }

    private static Window snapshotAll(List<PipelinedLookupConnection> handlers) throws Exception {
        long successes = 0;
        long errors = 0;
        long inFlight = 0;
        String firstError = null;
        Histogram latency = null;
        for (PipelinedLookupConnection handler : handlers) {
            PipelinedLookupConnection.Snapshot snapshot = handler.snapshot(true);
            successes += snapshot.successes();
            errors += snapshot.errors();
            inFlight += snapshot.inFlight();
            if (firstError == null) {
                firstError = snapshot.firstError();
            }
            if (latency == null) {
                latency = snapshot.latencyNanos();
            } else {
                latency.add(snapshot.latencyNanos());
            }
        }
        return new Window(successes, errors, inFlight, firstError, latency);
    }

    /** Waits until every connection has its last responses (or the drain times out), then takes their counts. */
    private static Window drain(List<PipelinedLookupConnection> handlers) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (true) {
            long inFlight = 0;
            for (PipelinedLookupConnection handler : handlers) {
                inFlight += handler.inFlight();
            }
            if (inFlight == 0 || System.nanoTime() > deadline) {
                return snapshotAll(handlers);
            }
            TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
        }
    }

    private static void reportFirstError(Window warmup, Window measured, Window drained) {
        for (Window window : List.of(warmup, measured, drained)) {
            if (window.firstError != null) {
                System.err.println("first error: " + window.firstError);
                return;
            }
        }
        if (drained.inFlight > 0) {
            System.err.println("first error: " + drained.inFlight + " lookups never answered");
        }
    }

    private static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(new CommandLine(new RouteLookupLoad()),
                    "--addr '" + text + "' is not host:port");
        }
    }

    private static Duration processCpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time readable for process " + pid));
    }

    private static double secondsOf(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
