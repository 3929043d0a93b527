package org.tidemq.broker.ha.master;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.HaConfig;
import org.tidemq.broker.ha.HaFrames;
import org.tidemq.broker.ha.TransferRate;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.ha.status.HaRuntimeInfo.SlaveIdentityView;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * One slave's replication connection on the master (facts §10). Receives the slave's 8-byte offset reports (framed
 * by a {@code FixedLengthFrameDecoder} ahead of it), starts streaming at the first report and sends CommitLog bytes in
 * frames of at most {@code haTransferBatchSize} body bytes, then a heartbeat frame whenever nothing was sent for
 * {@code haSendHeartbeatInterval}.
 *
 * <p><b>Zero copy.</b> Frame bodies are the store's mapped slices wrapped, not copied, into Netty buffers; each slice
 * is released once the socket write that carries it completes.
 *
 * <p><b>Trust.</b> A report above this master's own max physical offset (a slave that is ahead of its master, or a
 * stranger) is rejected: logged as an ERROR naming both offsets, answered with one heartbeat frame carrying the
 * master's max offset (so a TideMQ slave can tell it is ahead), then the connection is closed. Negative reports too.
 * Who the slave is comes from beside the stream: a TideMQ slave's announcement labels the connection
 * ({@link #identify}) or refuses it ({@link #refuse}); a connection still unidentified after
 * {@link #IDENTIFY_GRACE_MS} (a RocketMQ slave) is logged once as a WARN and keeps counting for SYNC_MASTER.
 *
 * <p><b>Threads.</b> All transfer state is confined to the channel's event loop; {@link #wake()} and
 * {@link #ackedOffset()} may be called from any thread. Output is bounded by the channel's write-buffer water marks:
 * the transfer stops while the channel is not writable and resumes on writability.
 */
public final class SlaveConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveConnection.class);
    /** Fallback poll for new CommitLog data and heartbeat check; writers normally wake the transfer directly. */
    static final long TICK_MS = 100;
    /**
     * How long a TideMQ slave has to announce itself before the connection is reported as unidentified (a RocketMQ
     * slave never announces). Generous: the slave announces only once it knows its master's remoting address.
     */
    static final long IDENTIFY_GRACE_MS = 30_000;

    private final HaConfig config;
    private final MessageStore store;
    private final LongSupplier clockMs;
    private final SlaveAcks.Listener ackListener;
    private final AtomicBoolean pumpQueued = new AtomicBoolean();

    private volatile Channel channel;
    private volatile long ackedOffset = -1;
    private volatile boolean rejected;
    private volatile SlaveIdentityView identity = SlaveIdentityView.UNIDENTIFIED;
    private final TransferRate sentRate;
    /** Written on the event loop only; volatile for status readers. */
    private volatile long nextTransferOffset = -1;
    private long lastWriteMs;
    private volatile long connectedAtMs = -1;
    private boolean unidentifiedWarned;
    private ScheduledFuture<?> tick;

    SlaveConnection(HaConfig config, MessageStore store, LongSupplier clockMs, SlaveAcks.Listener ackListener) {
        this.config = config;
        this.store = store;
        this.clockMs = clockMs;
        this.ackListener = ackListener;
        this.sentRate = new TransferRate(clockMs);
    }

    /** Last offset the slave acknowledged; -1 before its first report. */
    public long ackedOffset() {
        return ackedOffset;
    }

    /** Whether the slave is connected and has reported (counts for SYNC_MASTER). */
    public boolean isReplicating() {
        Channel c = channel;
        return c != null && c.isActive() && ackedOffset >= 0 && !rejected;
    }

    /** Remote address of the slave, for logs and status. */
    public String remoteAddress() {
        Channel c = channel;
        return c == null ? "?" : String.valueOf(c.remoteAddress());
    }

    /** The slave's TCP port on this connection, or -1 while not connected. */
    public int remotePort() {
        Channel c = channel;
        return c != null && c.remoteAddress() instanceof InetSocketAddress remote ? remote.getPort() : -1;
    }

    /** The slave's IP address text on this connection, or null while not connected. */
    public String remoteHost() {
        Channel c = channel;
        return c != null && c.remoteAddress() instanceof InetSocketAddress remote
                ? remote.getAddress().getHostAddress() : null;
    }

    /** When the connection came up (epoch ms of the injected clock); -1 before. */
    public long connectedAtMs() {
        return connectedAtMs;
    }

    /** Who the slave on this connection is, as far as this master knows. */
    public SlaveIdentityView identity() {
        return identity;
    }

    /** Labels this connection (an announcement or the name servers told who the slave is). Any thread. */
    public void identify(SlaveIdentityView who) {
        identity = who;
    }

    /** Closes the connection: the slave is not one this master serves. Any thread. */
    public void refuse() {
        rejected = true;
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    /** This connection's line in GET_BROKER_HA_STATUS, against the master's current max offset. */
    public HaRuntimeInfo.ConnectionInfo runtimeInfo(long masterMaxOffset, long maxGapNotInSyncBytes) {
        long acked = ackedOffset;
        long diff = masterMaxOffset - acked;
        String addr = remoteHost() == null ? remoteAddress() : remoteHost() + ":" + remotePort();
        return new HaRuntimeInfo.ConnectionInfo(addr, acked, diff, diff < maxGapNotInSyncBytes,
                sentRate.bytesInLastSecond(), nextTransferOffset, identity);
    }

    /** New CommitLog data may be there: run the transfer on the event loop soon. Cheap; any thread. */
    public void wake() {
        Channel c = channel;
        if (c != null && nextTransferReady() && pumpQueued.compareAndSet(false, true)) {
            c.eventLoop().execute(() -> {
                pumpQueued.set(false);
                pump();
            });
        }
    }

    private boolean nextTransferReady() {
        return ackedOffset >= 0 && !rejected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        lastWriteMs = clockMs.getAsLong();
        connectedAtMs = lastWriteMs;
        tick = ctx.executor().scheduleAtFixedRate(this::onTick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("slave {} connected to the HA port", remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (tick != null) {
            tick.cancel(false);
        }
        LOG.info("slave {} disconnected (acknowledged offset {})", remoteAddress(), ackedOffset);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf report = (ByteBuf) msg;
        long reported;
        try {
            reported = HaFrames.reportOffset(report);
        } finally {
            report.release();
        }
        if (rejected) {
            return;
        }
        long masterMax = store.getMaxPhyOffset();
        if (reported < 0 || reported > masterMax) {
            reject(ctx, reported, masterMax);
            return;
        }
        ackedOffset = reported;
        if (nextTransferOffset < 0) {
            nextTransferOffset = reported == 0 ? masterMax - masterMax % config.commitLogSegmentSizeBytes() : reported;
            LOG.info("slave {} reported offset {}: streaming from {}", remoteAddress(), reported, nextTransferOffset);
        }
        ackListener.onAck(reported);
        pump();
    }

    private void reject(ChannelHandlerContext ctx, long reported, long masterMax) {
        rejected = true;
        LOG.error("HA connection from {} rejected: it acknowledged CommitLog offset {} but this master's max physical"
                        + " offset is {} (a slave ahead of its master, e.g. after the master lost data, or not a slave"
                        + " of this master); nothing will be replicated to it until resolved by hand",
                remoteAddress(), reported, masterMax);
        ByteBuf header = ctx.alloc().buffer(HaFrames.TRANSFER_HEADER_SIZE);
        HaFrames.writeTransferHeader(header, masterMax, 0);
        ctx.writeAndFlush(header).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            pump();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.warn("slave {} sent nothing for {} ms: closing its HA connection", remoteAddress(),
                    config.housekeepingIntervalMs());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HA connection to slave {} failed: {}", remoteAddress(), cause.toString());
        ctx.close();
    }

    private void onTick() {
        pump();
        warnOnceIfUnidentified();
        Channel c = channel;
        if (c != null && c.isActive() && nextTransferReady()
                && clockMs.getAsLong() - lastWriteMs >= config.heartbeatIntervalMs()) {
            ByteBuf header = c.alloc().buffer(HaFrames.TRANSFER_HEADER_SIZE);
            c.writeAndFlush(HaFrames.writeTransferHeader(header, nextTransferOffset, 0));
            lastWriteMs = clockMs.getAsLong();
        }
    }

    /**
     * RocketMQ slaves cannot announce themselves; their acknowledgements still count (classic HA trusts any
     * connection), but the operator is told once per connection that the master cannot tell who it is.
     */
    private void warnOnceIfUnidentified() {
        if (!unidentifiedWarned && identity.brokerName() == null
                && clockMs.getAsLong() - connectedAtMs >= IDENTIFY_GRACE_MS) {
            unidentifiedWarned = true;
            LOG.warn("HA connection from {} is unidentified: the slave did not announce its brokerName/brokerId"
                    + " (a RocketMQ slave, or a TideMQ slave that cannot reach this master's remoting port);"
                    + " its acknowledgements count", remoteAddress());
        }
    }

    /** Sends whatever the slave lacks while the channel accepts more. Event loop only. */
    private void pump() {
        Channel c = channel;
        if (c == null || !c.isActive() || !nextTransferReady()) {
            return;
        }
        boolean wrote = false;
        while (c.isWritable()) {
            long max = store.getMaxPhyOffset();
            if (nextTransferOffset >= max) {
                break;
            }
            MappedBufferSlice data = store.getCommitLogData(nextTransferOffset);
            if (data == null) {
                if (nextTransferOffset < store.getMinPhyOffset()) {
                    LOG.error("slave {} needs CommitLog offset {} which this master no longer has (min {}):"
                            + " closing", remoteAddress(), nextTransferOffset, store.getMinPhyOffset());
                    c.close();
                }
                break;
            }
            int size = Math.min(data.size(), config.transferBatchSizeBytes());
            if (size == 0) {
                data.release();
                break;
            }
            ByteBuf header = c.alloc().directBuffer(HaFrames.TRANSFER_HEADER_SIZE);
            c.write(HaFrames.writeTransferHeader(header, nextTransferOffset, size));
            c.write(Unpooled.wrappedBuffer(data.buffer().slice(0, size))).addListener(f -> data.release());
            nextTransferOffset += size;
            sentRate.add(size);
            wrote = true;
        }
        if (wrote) {
            c.flush();
            lastWriteMs = clockMs.getAsLong();
        }
    }
}
