package org.tidemq.bench.namesrv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.HdrHistogram.Histogram;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.codec.RemotingFrame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One load connection keeping a fixed number of route lookups in flight: it sends that many when the connection
 * opens, sends one new request for every response it reads, and flushes once per read batch, so a busy connection
 * costs a couple of syscalls per batch rather than per request.
 *
 * <p>Every response is checked: code SUCCESS, an opaque this connection has in flight, and a body byte-equal to the
 * verified route of the topic asked for. Anything else counts as an error (first one kept for the report). Latency is
 * the time from writing a request into the batch to reading its response, taken from a ring of send timestamps
 * indexed by opaque.
 *
 * <p>Thread-safety: all state belongs to the channel's event loop; other threads use {@link #snapshot} and
 * {@link #stopSending}, which run on it.
 */
final class PipelinedLookupConnection extends ChannelInboundHandlerAdapter {
    /** Room for far more requests than are in flight, so responses may come back out of order. */
    private static final int RING_SLOTS_PER_INFLIGHT = 64;
    private static final int MIN_RING_SLOTS = 4096;
    private static final int NO_OPAQUE = -1;
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int LATENCY_DIGITS = 3;
    private static final long EVENT_LOOP_TIMEOUT_SECONDS = 10;

    /** What one connection did since its last reset. */
    record Snapshot(long successes, long errors, int inFlight, String firstError, Histogram latencyNanos) {
    }

    private final RouteRequestFrames frames;
    private final ByteBuf[] expectedBodies;
    private final int inflight;
    private final long[] sentAtNanos;
    private final int[] opaqueInSlot;
    private final int[] topicInSlot;
    private final int ringMask;
    private Channel channel;
    private ByteBuf pendingWrites;
    private int nextOpaque;
    private int inFlight;
    private int randomState;
    private boolean sending = true;
    private long successes;
    private long errors;
    private String firstError;
    private Histogram latencyNanos = new Histogram(HIGHEST_LATENCY_NANOS, LATENCY_DIGITS);

    PipelinedLookupConnection(RouteRequestFrames frames, byte[][] expectedBodies, int inflight, int seed) {
        this.frames = frames;
        this.expectedBodies = new ByteBuf[expectedBodies.length];
        for (int i = 0; i < expectedBodies.length; i++) {
            this.expectedBodies[i] = Unpooled.wrappedBuffer(expectedBodies[i]).asReadOnly();
        }
        this.inflight = inflight;
        int slots = Integer.highestOneBit(Math.max(MIN_RING_SLOTS, inflight * RING_SLOTS_PER_INFLIGHT) - 1) << 1;
        this.sentAtNanos = new long[slots];
        this.opaqueInSlot = new int[slots];
        this.topicInSlot = new int[slots];
        Arrays.fill(opaqueInSlot, NO_OPAQUE);
        this.ringMask = slots - 1;
        this.randomState = seed == 0 ? 1 : seed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        pendingWrites = ctx.alloc().directBuffer(inflight * frames.maxFrameBytes());
        for (int i = 0; i < inflight; i++) {
            sendOne();
        }
        flush(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            onResponse(frame);
        } finally {
            ReferenceCountUtil.release(frame);
        }
        if (sending) {
            sendOne();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inFlight > 0) {
            error(inFlight, "connection closed with " + inFlight + " lookups unanswered");
            inFlight = 0;
        }
        if (pendingWrites != null) {
            pendingWrites.release();
            pendingWrites = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error(1, "connection failed: " + cause);
        ctx.close();
    }

    private void sendOne() {
        int topic = nextTopic();
        int opaque = nextOpaque++;
        int slot = opaque & ringMask;
        if (opaqueInSlot[slot] != NO_OPAQUE) {
            error(1, "response to opaque " + opaqueInSlot[slot] + " never came (ring slot reused)");
            inFlight--;
        }
        opaqueInSlot[slot] = opaque;
        topicInSlot[slot] = topic;
        sentAtNanos[slot] = System.nanoTime();
        frames.write(pendingWrites, topic, opaque);
        inFlight++;
    }

    private void flush(ChannelHandlerContext ctx) {
        if (pendingWrites != null && pendingWrites.isReadable()) {
            ByteBuf batch = pendingWrites;
            pendingWrites = ctx.alloc().directBuffer(Math.max(batch.capacity(), frames.maxFrameBytes()));
            ctx.writeAndFlush(batch, ctx.voidPromise());
        }
    }

    /** Checks one response frame (length prefix already stripped). */
    private void onResponse(ByteBuf frame) {
        long now = System.nanoTime();
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        if (end - start < RemotingFrame.HEADER_LENGTH_AND_TYPE_BYTES) {
            error(1, "frame too short: " + (end - start) + " bytes");
            return;
        }
        int headerLengthAndType = frame.getInt(start);
        int headerStart = start + RemotingFrame.HEADER_LENGTH_AND_TYPE_BYTES;
        int headerEnd = headerStart + RemotingFrame.headerLength(headerLengthAndType);
        if (RemotingFrame.serializeTypeCode(headerLengthAndType) != SerializeType.JSON.code() || headerEnd > end) {
            error(1, "unexpected header (type " + RemotingFrame.serializeTypeCode(headerLengthAndType) + ", length "
                    + RemotingFrame.headerLength(headerLengthAndType) + " of a " + (end - start) + "-byte frame)");
            return;
        }
        long opaque = JsonHeaderScan.intField(frame, headerStart, headerEnd, JsonHeaderScan.OPAQUE_KEY);
        int slot = (int) opaque & ringMask;
        if (opaque < 0 || opaque > Integer.MAX_VALUE || opaqueInSlot[slot] != (int) opaque) {
            error(1, "response with an opaque not in flight: " + opaque);
            return;
        }
        opaqueInSlot[slot] = NO_OPAQUE;
        inFlight--;
        long code = JsonHeaderScan.intField(frame, headerStart, headerEnd, JsonHeaderScan.CODE_KEY);
        if (code != ResponseCode.SUCCESS) {
            error(1, "response code " + code + " for " + BenchTopics.name(topicInSlot[slot]) + ": "
                    + frame.toString(headerStart, headerEnd - headerStart, StandardCharsets.UTF_8));
            return;
        }
        ByteBuf expected = expectedBodies[topicInSlot[slot]];
        int bodyLength = end - headerEnd;
        if (bodyLength != expected.readableBytes() || !ByteBufUtil.equals(frame, headerEnd, expected, 0, bodyLength)) {
            error(1, "wrong route body for " + BenchTopics.name(topicInSlot[slot]) + " (" + bodyLength + " bytes)");
            return;
        }
        successes++;
        latencyNanos.recordValue(Math.min(now - sentAtNanos[slot], HIGHEST_LATENCY_NANOS));
    }

    private int nextTopic() {
        int x = randomState;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        randomState = x;
        return (int) (((x & 0xFFFF_FFFFL) * frames.topicCount()) >>> 32);
    }

    private void error(long count, String description) {
        errors += count;
        if (firstError == null) {
            firstError = description;
        }
    }

    /** Runs on the event loop: the counts since the last reset, then (when {@code reset}) starts counting anew. */
    Snapshot snapshot(boolean reset) throws Exception {
        return onEventLoop(() -> {
            Snapshot taken = new Snapshot(successes, errors, inFlight, firstError, latencyNanos);
            if (reset) {
                successes = 0;
                errors = 0;
                firstError = null;
                latencyNanos = new Histogram(HIGHEST_LATENCY_NANOS, LATENCY_DIGITS);
            }
            return taken;
        });
    }

    /** Runs on the event loop: requests sent and not yet answered. */
    int inFlight() throws Exception {
        return onEventLoop(() -> inFlight);
    }

    /** Runs on the event loop: no new requests from now on; those in flight are still checked. */
    void stopSending() throws Exception {
        onEventLoop(() -> sending = false);
    }

    private <T> T onEventLoop(Callable<T> task) throws Exception {
        if (channel.eventLoop().inEventLoop()) {
            return task.call();
        }
        return channel.eventLoop().submit(task).get(EVENT_LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
