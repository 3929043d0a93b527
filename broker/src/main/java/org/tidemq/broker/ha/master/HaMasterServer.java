package org.tidemq.broker.ha.master;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.HaConfig;
import org.tidemq.broker.ha.HaFrames;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.store.MessageStore;

/**
 * The master's HA port: accepts slaves on {@code bindAddress:haListenPort} (the configured address only, never all
 * interfaces) and runs one {@link SlaveConnection} per slave.
 *
 * <p>Netty rather than hand-written NIO: it gives the event loop, write-buffer water marks (back-pressure for a slow
 * slave), idle detection and the pooled direct buffers for frame headers, while bodies still go out as wrapped mapped
 * slices. The JDK NIO transport is used even where epoll exists: there is one connection per slave, so the native
 * transport buys nothing measurable here.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} (idempotent) closes every connection. Thread-safe:
 * {@link #wakeTransfers()} and {@link #highestConnectedAck()} may be called from any thread and do not block.
 */
public final class HaMasterServer implements SlaveAcks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaMasterServer.class);
    /** Per-slave output allowed in flight before the transfer pauses (in batches of haTransferBatchSize). */
    private static final int HIGH_WATER_BATCHES = 32;

    private final HaConfig config;
    private final MessageStore store;
    private final LongSupplier clockMs;
    private final SlaveAcks.Listener ackListener;
    private final List<SlaveConnection> connections = new CopyOnWriteArrayList<>();
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private Channel serverChannel;
    private volatile int boundPort = -1;

    /**
     * @param ackListener told of every acknowledgement (the SYNC_MASTER stage); {@code offset -> { }} for
     *                    ASYNC_MASTER
     */
    public HaMasterServer(HaConfig config, MessageStore store, LongSupplier clockMs, SlaveAcks.Listener ackListener) {
        this.config = config;
        this.store = store;
        this.clockMs = clockMs;
        this.ackListener = ackListener;
    }

    /** Binds the HA port. */
    public synchronized void start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("HaMasterAccept", true));
        ioGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("HaMasterTransfer", true));
        int batch = config.transferBatchSizeBytes();
        int high = (int) Math.min(Integer.MAX_VALUE / 2, (long) batch * HIGH_WATER_BATCHES);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SlaveConnection connection = new SlaveConnection(config, store, clockMs, ackListener);
                        connections.add(connection);
                        ch.closeFuture().addListener(f -> connections.remove(connection));
                        ch.pipeline()
                                .addLast(new IdleStateHandler(config.housekeepingIntervalMs(), 0, 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new FixedLengthFrameDecoder(HaFrames.REPORT_SIZE))
                                .addLast(connection);
                    }
                });
        try {
            serverChannel = bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.listenPort()))
                    .sync().channel();
        } catch (InterruptedException e) {
            close();
            throw e;
        } catch (Exception e) {
            // Netty rethrows the bind failure (e.g. a checked BindException) from sync(); name what failed.
            close();
            throw new IllegalStateException("cannot bind the HA port " + config.bindAddress() + ":"
                    + config.listenPort() + " (haListenPort): " + e, e);
        }
        boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("HA server listening on {}", serverChannel.localAddress());
    }

    /** The bound HA port (still answered after {@link #close()}); -1 before {@link #start()}. */
    public int localPort() {
        return boundPort;
    }

    /** New CommitLog data was appended: every connected slave's transfer runs soon. Any thread, non-blocking. */
    public void wakeTransfers() {
        for (SlaveConnection connection : connections) {
            connection.wake();
        }
    }

    @Override
    public long highestConnectedAck() {
        long best = -1;
        for (SlaveConnection connection : connections) {
            if (connection.isReplicating()) {
                best = Math.max(best, connection.ackedOffset());
            }
        }
        return best;
    }

    /**
     * Connected, trusted slaves (see {@link SlaveConnection#isReplicating()}) that reported an offset less than
     * {@code maxGapBytes} behind this master's max offset.
     */
    public int inSyncSlaveCount(long maxGapBytes) {
        long masterMax = store.getMaxPhyOffset();
        int count = 0;
        for (SlaveConnection connection : connections) {
            if (connection.isReplicating() && masterMax - connection.ackedOffset() < maxGapBytes) {
                count++;
            }
        }
        return count;
    }

    /** GET_BROKER_HA_STATUS's view of this master: one line per connected slave. */
    public HaRuntimeInfo runtimeInfo() {
        long masterMax = store.getMaxPhyOffset();
        List<HaRuntimeInfo.ConnectionInfo> lines = new ArrayList<>();
        for (SlaveConnection connection : connections) {
            lines.add(connection.runtimeInfo(masterMax, config.maxGapNotInSyncBytes()));
        }
        return HaRuntimeInfo.ofMaster(masterMax, lines);
    }

    /** The connection from {@code host:port}, if one is open. */
    public Optional<SlaveConnection> connectionFrom(String host, int port) {
        for (SlaveConnection connection : connections) {
            if (connection.remotePort() == port && host.equals(connection.remoteHost())) {
                return Optional.of(connection);
            }
        }
        return Optional.empty();
    }

    /** Snapshot of the connections (for status and tests). */
    public List<SlaveConnection> connections() {
        return List.copyOf(connections);
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            ioGroup = null;
        }
        connections.clear();
    }
}
