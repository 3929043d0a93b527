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
 * by a {@code FixedLengthFrameDecoder} ahead of it), starts streaming at the first trusted report (see Trust) and sends
 * CommitLog bytes in frames of at most {@code haTransferBatchSize} body bytes, then a heartbeat frame whenever nothing
 * was sent for {@code haSendHeartbeatInterval}.
 *
 * <p><b>Zero copy.</b> Frame bodies are the store's mapped slices wrapped, not copied, into Netty buffers; each slice
 * is released once the socket write that carries it completes.
 *
 * <p><b>Trust.</b> A report above this master's own max physical offset (a slave that is ahead of its master, or a
 * stranger) is rejected: logged as an ERROR naming both offsets, answered with one heartbeat frame carrying the
 * master's max offset (so a TideMQ slave can tell it is ahead), then the connection is closed. Negative reports too.
 * Who the slave is comes from beside the stream: a TideMQ slave's announcement or the name servers' registration
 * labels the connection ({@link #identify}), an announcement of another broker group closes it ({@link #refuse}).
 * Until it is identified, the connection's reports are read and checked but nothing is sent to it (no CommitLog
 * bytes, no heartbeats) and its acknowledgements do not count ({@link #isReplicating()} is false); once identified,
 * streaming starts from its latest report. One still unidentified after {@code haSlaveIdentifyTimeoutMs} is closed
 * with a WARN. With {@code haAcceptUnidentifiedSlaves} every connection is trusted from its first report (classic
 * RocketMQ) and an unidentified one is only reported once, as a WARN.
 *
 * <p><b>Threads.</b> All transfer state is confined to the channel's event loop; {@link #wake()} and
 * {@link #ackedOffset()} may be called from any thread. Output is bounded by the channel's write-buffer water marks:
 * the transfer stops while the channel is not writable and resumes on writability.
 */
public final class SlaveConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveConnection.class);
    /** Fallback poll for new CommitLog data and heartbeat check; writers normally wake the transfer directly. */
    static final long TICK_MS = 100;

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
    /** Event loop only. */
    private boolean unidentifiedWarned;
    /** Event loop only: closed by the identification timeout (already logged). */
    private boolean timedOut;
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

    /** Whether the slave is connected, trusted and has reported (counts for SYNC_MASTER). */
    public boolean isReplicating() {
        Channel c = channel;
        return c != null && c.isActive() && ackedOffset >= 0 && !rejected && trusted();
    }

    /** Identified, or unidentified slaves are accepted ({@code haAcceptUnidentifiedSlaves}). */
    public boolean trusted() {
        return config.acceptUnidentifiedSlaves() || identified();
    }

    private boolean identified() {
        return identity.brokerName() != null;
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

    /**
     * Labels this connection (an announcement or the name servers told who the slave is); streaming starts from its
     * latest report if it had to wait for this. Any thread.
     */
    public void identify(SlaveIdentityView who) {
        if (who.brokerName() == null) {
            throw new IllegalArgumentException("identify needs a brokerName: " + who);
        }
        identity = who;
        Channel c = channel;
        if (c != null) {
            c.eventLoop().execute(this::startStreamingIfTrusted);
        }
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
        return new HaRuntimeInfo.ConnectionInfo(addr, acked, diff, isReplicating() && diff < maxGapNotInSyncBytes,
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
        return nextTransferOffset >= 0 && !rejected;
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
        if (!trusted() && !rejected && !timedOut) {
            LOG.warn("HA connection from {} closed before it was identified (reported offset {}): nothing was"
                    + " replicated to it", remoteAddress(), ackedOffset);
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
        startStreamingIfTrusted();
    }

    /**
     * Starts the transfer at the first trusted report and passes trusted acknowledgements on; an untrusted
     * connection's report is only remembered. Event loop only.
     */
    private void startStreamingIfTrusted() {
        long reported = ackedOffset;
        if (reported < 0 || rejected || !trusted()) {
            return;
        }
        if (nextTransferOffset < 0) {
            long masterMax = store.getMaxPhyOffset();
            nextTransferOffset = reported == 0 ? masterMax - masterMax % config.commitLogSegmentSizeBytes() : reported;
            LOG.info("slave {} ({}) reported offset {}: streaming from {}", remoteAddress(), describeIdentity(),
                    reported, nextTransferOffset);
        }
        ackListener.onAck(reported);
        pump();
    }

    private String describeIdentity() {
        SlaveIdentityView who = identity;
        return who.brokerName() == null ? "unidentified, accepted by haAcceptUnidentifiedSlaves"
                : who.brokerName() + "/" + who.brokerId() + " " + who.source();
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
        checkIdentified();
        Channel c = channel;
        long nowMs = clockMs.getAsLong();
        if (c != null && c.isActive() && nextTransferReady() && nowMs - lastWriteMs >= config.heartbeatIntervalMs()) {
            lastWriteMs = nowMs;
            ByteBuf header = c.alloc().buffer(HaFrames.TRANSFER_HEADER_SIZE);
            c.writeAndFlush(HaFrames.writeTransferHeader(header, nextTransferOffset, 0));
        }
    }

    /**
     * A connection still unidentified after {@code haSlaveIdentifyTimeoutMs} is closed, or, when unidentified slaves
     * are accepted, reported once. Event loop only.
     */
    private void checkIdentified() {
        Channel c = channel;
        if (c == null || identified() || rejected || unidentifiedWarned
                || clockMs.getAsLong() - connectedAtMs < config.slaveIdentifyTimeoutMs()) {
            return;
        }
        unidentifiedWarned = true;
        if (config.acceptUnidentifiedSlaves()) {
            LOG.warn("HA connection from {} is unidentified after {} ms: neither an announcement (TideMQ slave) nor the"
                    + " name servers (a slave of this brokerName registered on that IP) named it; replicating to it"
                    + " and counting its acknowledgements anyway (haAcceptUnidentifiedSlaves=true)", remoteAddress(),
                    config.slaveIdentifyTimeoutMs());
            return;
        }
        timedOut = true;
        LOG.warn("HA connection from {} closed: still unidentified after {} ms (haSlaveIdentifyTimeoutMs; reported"
                        + " offset {}). Neither an announcement (TideMQ slave) nor the name servers (a slave of this"
                        + " brokerName registered on that IP) named it, so nothing was replicated to it and its"
                        + " acknowledgements did not count; set haAcceptUnidentifiedSlaves=true to trust such slaves",
                remoteAddress(), config.slaveIdentifyTimeoutMs(), ackedOffset);
        c.close();
    }

    /** Sends whatever the slave lacks while the channel accepts more. Event loop only. */
    private void pump() {
        Channel c = channel;
        if (c == null || !c.isActive() || !nextTransferReady()) {
            return;
        }
        // Read before writing: a write is timed when it starts, not after the peer may already have seen it.
        long nowMs = clockMs.getAsLong();
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
            lastWriteMs = nowMs;
            c.flush();
        }
    }
}
