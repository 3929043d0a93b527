package org.tidemq.broker.ha.slave;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.HaConfig;
import org.tidemq.broker.ha.HaFrames;
import org.tidemq.store.MessageStore;

/**
 * One connection from this slave to its master's HA port (facts §10). Reports the store's max physical offset when
 * connected, after every read burst that appended data, and every {@code haSendHeartbeatInterval}; appends each
 * transfer frame's body at the frame's offset, straight from the received (direct, pooled) buffer — no copy to the
 * heap. The store dispatches ConsumeQueue and index entries for complete records itself.
 *
 * <p><b>Checks.</b> Every frame's offset must equal the store's max offset (an empty store accepts the master's
 * segment-aligned start); a mismatch closes the connection so the client reconnects and restarts from its own
 * offset. A first frame <em>below</em> a non-empty store's offset means this slave holds data its master does not (the
 * master lost data; a TideMQ master answers such a slave with one heartbeat at its own max offset): logged as an
 * ERROR naming both offsets, nothing is appended, and the listener stops replication for good.
 *
 * <p>Confined to the channel's event loop.
 */
final class MasterConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MasterConnection.class);

    /** What the owning client learns from a connection. Called on the event loop. */
    interface Listener {
        /** The master's first frame passed the checks: the connection is useful (reset backoff). */
        void onReplicating();

        /** This slave is ahead of the master; replication must stop. */
        void onDiverged(long slaveOffset, long masterOffset);
    }

    private final HaConfig config;
    private final MessageStore store;
    private final String masterAddress;
    private final Listener listener;
    private final SlaveLinkStats stats;
    private boolean firstFrameSeen;
    private boolean reportDue;
    private ScheduledFuture<?> heartbeat;

    MasterConnection(HaConfig config, MessageStore store, String masterAddress, Listener listener,
                     SlaveLinkStats stats) {
        this.config = config;
        this.store = store;
        this.masterAddress = masterAddress;
        this.listener = listener;
        this.stats = stats;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        report(ctx);
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> report(ctx), config.heartbeatIntervalMs(),
                config.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        super.channelInactive(ctx);
    }

    private void report(ChannelHandlerContext ctx) {
        ByteBuf report = ctx.alloc().buffer(HaFrames.REPORT_SIZE);
        ctx.writeAndFlush(HaFrames.writeReport(report, store.getMaxPhyOffset()));
        stats.onReportWritten();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            onFrame(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void onFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long masterOffset = HaFrames.transferPhyOffset(frame);
        int bodySize = HaFrames.transferBodySize(frame);
        stats.onFrameRead(bodySize);
        long mine = store.getMaxPhyOffset();
        if (!firstFrameSeen) {
            firstFrameSeen = true;
            if (mine > 0 && masterOffset < mine) {
                LOG.error("slave is AHEAD of its master {}: this slave's CommitLog ends at offset {} but the master"
                                + " streams from offset {} (its own max). The master lost data or is not this"
                                + " slave's master; replication STOPPED, nothing appended. Resolve by hand (restore"
                                + " the master's store, or move this slave's store aside to resync).",
                        masterAddress, mine, masterOffset);
                listener.onDiverged(mine, masterOffset);
                ctx.close();
                return;
            }
            listener.onReplicating();
        }
        if (mine > 0 && masterOffset != mine) {
            LOG.warn("master {} sent offset {} but this slave's CommitLog ends at {}: reconnecting", masterAddress,
                    masterOffset, mine);
            ctx.close();
            return;
        }
        if (bodySize == 0) {
            return;
        }
        if (!store.appendToCommitLog(masterOffset, HaFrames.transferBody(frame).nioBuffer())) {
            LOG.error("appending {} replicated bytes at offset {} failed (store ends at {}): reconnecting", bodySize,
                    masterOffset, store.getMaxPhyOffset());
            ctx.close();
            return;
        }
        reportDue = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (reportDue && ctx.channel().isActive()) {
            reportDue = false;
            report(ctx);
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.warn("master {} sent nothing for {} ms: reconnecting", masterAddress, config.housekeepingIntervalMs());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HA connection to master {} failed: {}", masterAddress, cause.toString());
        ctx.close();
    }
}
