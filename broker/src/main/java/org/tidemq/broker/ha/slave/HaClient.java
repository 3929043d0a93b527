package org.tidemq.broker.ha.slave;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.HaConfig;
import org.tidemq.broker.ha.HaFrames;
import org.tidemq.store.MessageStore;

/**
 * The slave's replication client: keeps one connection to the master's HA address (asked of {@code masterAddress}
 * before every attempt, so an address learnt from name servers later is picked up), replicates through
 * {@link MasterConnection}, and reconnects after a failure or close with {@link ReconnectBackoff} delays (reset once a
 * connection passes its first-frame check). Resumes from the store's own max offset after either side restarts.
 *
 * <p>Stops for good ({@link ReplicationState#DIVERGED}) when the slave is ahead of the master.
 *
 * <p>Netty with the NIO transport, for the same reasons as the master's server: one connection, and the frame decoder
 * hands over direct pooled buffers that are appended to the mapped CommitLog without a heap copy.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} (idempotent). State changes run on the client's single event
 * loop; {@link #state()} may be read from any thread.
 */
public final class HaClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaClient.class);
    /** Largest accepted transfer body; generous so a master configured with a bigger batch still works. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private final HaConfig config;
    private final MessageStore store;
    private final Supplier<String> masterAddress;
    private final ReconnectBackoff backoff;
    private final SlaveLinkStats stats;
    private final ConnectionObserver observer;
    private volatile ReplicationState state = ReplicationState.DISCONNECTED;
    private volatile String connectedTo;
    private EventLoopGroup group;
    private EventLoop loop;
    private Channel channel;

    /**
     * @param masterAddress current master HA address {@code host:port}, or null while unknown
     * @param backoff       reconnect delays
     */
    public HaClient(HaConfig config, MessageStore store, Supplier<String> masterAddress, ReconnectBackoff backoff) {
        this(config, store, masterAddress, backoff, System::currentTimeMillis, localPort -> { });
    }

    /**
     * @param clockMs  epoch ms for the link statistics
     * @param observer told of each new HA connection's local port (the slave announces itself with it)
     */
    public HaClient(HaConfig config, MessageStore store, Supplier<String> masterAddress, ReconnectBackoff backoff,
                    LongSupplier clockMs, ConnectionObserver observer) {
        this.config = config;
        this.store = store;
        this.masterAddress = masterAddress;
        this.backoff = backoff;
        this.stats = new SlaveLinkStats(clockMs);
        this.observer = observer;
    }

    /** Learns of every HA connection this client opens. Called on the client's event loop; must not block. */
    @FunctionalInterface
    public interface ConnectionObserver {
        /** A connection to the master's HA port is up, from {@code localPort} on this host. */
        void onConnected(int localPort);
    }

    /** The link statistics GET_BROKER_HA_STATUS reports. */
    public SlaveLinkStats stats() {
        return stats;
    }

    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("HaSlaveClient", true));
        loop = group.next();
        loop.execute(this::connect);
    }

    public ReplicationState state() {
        return state;
    }

    /** The master HA address of the current connection, or null. */
    public String connectedTo() {
        return connectedTo;
    }

    private void connect() {
        if (state == ReplicationState.STOPPED || state == ReplicationState.DIVERGED) {
            return;
        }
        String address = masterAddress.get();
        if (address == null || address.isBlank()) {
            scheduleReconnect();
            return;
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            LOG.error("master HA address '{}' is not host:port", address);
            scheduleReconnect();
            return;
        }
        MasterConnection.Listener listener = new MasterConnection.Listener() {
            @Override
            public void onReplicating() {
                backoff.reset();
            }

            @Override
            public void onDiverged(long slaveOffset, long masterOffset) {
                state = ReplicationState.DIVERGED;
            }
        };
        ChannelFuture connecting = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(config.housekeepingIntervalMs(), 0, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new LengthFieldBasedFrameDecoder(
                                        HaFrames.TRANSFER_HEADER_SIZE + MAX_BODY_BYTES,
                                        HaFrames.TRANSFER_BODY_SIZE_POS, Integer.BYTES, 0, 0))
                                .addLast(new MasterConnection(config, store, address, listener, stats));
                    }
                })
                .connect(host, port);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("cannot connect to master HA address {}: {}", address, String.valueOf(f.cause()));
                scheduleReconnect();
                return;
            }
            Channel ch = connecting.channel();
            if (state == ReplicationState.STOPPED) {
                ch.close();
                return;
            }
            channel = ch;
            connectedTo = address;
            state = ReplicationState.REPLICATING;
            LOG.info("replicating from master {} starting at offset {}", address, store.getMaxPhyOffset());
            ch.closeFuture().addListener(c -> onClosed(ch));
            if (ch.localAddress() instanceof InetSocketAddress local) {
                observer.onConnected(local.getPort());
            }
        });
    }

    private void onClosed(Channel closed) {
        if (channel == closed) {
            channel = null;
            connectedTo = null;
        }
        if (state == ReplicationState.REPLICATING) {
            state = ReplicationState.DISCONNECTED;
            LOG.info("HA connection to master closed at offset {}: reconnecting", store.getMaxPhyOffset());
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (state == ReplicationState.STOPPED || state == ReplicationState.DIVERGED || loop.isShuttingDown()) {
            return;
        }
        loop.schedule(this::connect, backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (state != ReplicationState.DIVERGED) {
            state = ReplicationState.STOPPED;
        }
        group.execute(() -> {
            if (channel != null) {
                channel.close();
            }
        });
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
