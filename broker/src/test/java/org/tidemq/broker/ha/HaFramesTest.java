package org.tidemq.broker.ha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HaFramesTest {

    @Test
    void offsetReportIsOneBigEndianLong() {
        ByteBuf out = HaFrames.writeReport(Unpooled.buffer(), 0x0102030405060708L);
        assertEquals(HaFrames.REPORT_SIZE, out.readableBytes());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, ByteBufUtil.getBytes(out));
        assertEquals(0x0102030405060708L, HaFrames.reportOffset(out));
    }

    @Test
    void transferFrameIsOffsetSizeThenBody() {
        byte[] body = "commit-log-bytes".getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = HaFrames.writeTransferHeader(Unpooled.buffer(), 1L << 33, body.length).writeBytes(body);

        assertEquals(12, HaFrames.TRANSFER_HEADER_SIZE);
        assertEquals(HaFrames.TRANSFER_HEADER_SIZE + body.length, frame.readableBytes());
        assertEquals(1L << 33, frame.getLong(0), "offset first, big-endian");
        assertEquals(body.length, frame.getInt(8), "then the body size");
        assertEquals(1L << 33, HaFrames.transferPhyOffset(frame));
        assertEquals(body.length, HaFrames.transferBodySize(frame));
        assertArrayEquals(body, ByteBufUtil.getBytes(HaFrames.transferBody(frame)));
    }

    @Test
    void aNegativeBodySizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HaFrames.writeTransferHeader(Unpooled.buffer(), 0, -1));
    }

    @Test
    void framesSplitAcrossReadsAreReassembledByTheDecodersBothSidesUse() {
        EmbeddedChannel slaveSide = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(1 << 20,
                HaFrames.TRANSFER_BODY_SIZE_POS, Integer.BYTES, 0, 0));
        ByteBuf stream = Unpooled.buffer();
        HaFrames.writeTransferHeader(stream, 4096, 5).writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        HaFrames.writeTransferHeader(stream, 4101, 0);
        for (int i = 0; i < stream.readableBytes(); i += 3) {
            slaveSide.writeInbound(stream.retainedSlice(i, Math.min(3, stream.readableBytes() - i)));
        }
        ByteBuf first = slaveSide.readInbound();
        ByteBuf heartbeat = slaveSide.readInbound();
        assertEquals(4096, HaFrames.transferPhyOffset(first));
        assertEquals("hello", HaFrames.transferBody(first).toString(StandardCharsets.US_ASCII));
        assertEquals(4101, HaFrames.transferPhyOffset(heartbeat));
        assertEquals(0, HaFrames.transferBodySize(heartbeat));
        assertNull(slaveSide.readInbound());
        first.release();
        heartbeat.release();

        EmbeddedChannel masterSide = new EmbeddedChannel(new FixedLengthFrameDecoder(HaFrames.REPORT_SIZE));
        ByteBuf reports = HaFrames.writeReport(HaFrames.writeReport(Unpooled.buffer(), 77), 99);
        masterSide.writeInbound(reports.retainedSlice(0, 5));
        masterSide.writeInbound(reports.retainedSlice(5, 11));
        ByteBuf a = masterSide.readInbound();
        ByteBuf b = masterSide.readInbound();
        assertEquals(77, HaFrames.reportOffset(a));
        assertEquals(99, HaFrames.reportOffset(b));
        a.release();
        b.release();
        reports.release();
        stream.release();
    }
}
