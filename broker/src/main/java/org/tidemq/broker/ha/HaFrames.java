package org.tidemq.broker.ha;

import io.netty.buffer.ByteBuf;

/**
 * The classic HA wire layout (facts §10), defined once. Raw TCP, big-endian, no RemotingCommand framing.
 *
 * <ul>
 *   <li>Slave → master: an <b>offset report</b>, one 8-byte long = the slave's CommitLog max physical offset
 *       ({@link #REPORT_OFFSET_POS}). The first report is the start request; later ones acknowledge.</li>
 *   <li>Master → slave: <b>transfer frames</b>, a 12-byte header — {@link #TRANSFER_PHY_OFFSET_POS} long master
 *       physical offset, {@link #TRANSFER_BODY_SIZE_POS} int body size — followed by body-size bytes of raw CommitLog
 *       data starting at that offset. Body size 0 is a heartbeat.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. Readers take the frame's reader index as its start and do not move it.
 */
public final class HaFrames {
    /** Slave report: the offset at the start of the 8-byte frame. */
    public static final int REPORT_OFFSET_POS = 0;
    public static final int REPORT_SIZE = Long.BYTES;

    /** Transfer header: master physical offset of the first body byte. */
    public static final int TRANSFER_PHY_OFFSET_POS = 0;
    /** Transfer header: number of body bytes following the header. */
    public static final int TRANSFER_BODY_SIZE_POS = TRANSFER_PHY_OFFSET_POS + Long.BYTES;
    public static final int TRANSFER_HEADER_SIZE = TRANSFER_BODY_SIZE_POS + Integer.BYTES;

    private HaFrames() {
    }

    /** Appends an offset report to {@code out}. */
    public static ByteBuf writeReport(ByteBuf out, long maxPhyOffset) {
        return out.writeLong(maxPhyOffset);
    }

    /** The offset of a complete 8-byte report starting at the reader index. */
    public static long reportOffset(ByteBuf report) {
        return report.getLong(report.readerIndex() + REPORT_OFFSET_POS);
    }

    /** Appends a transfer header to {@code out}; the caller writes {@code bodySize} bytes after it. */
    public static ByteBuf writeTransferHeader(ByteBuf out, long phyOffset, int bodySize) {
        if (bodySize < 0) {
            throw new IllegalArgumentException("bodySize must be >= 0, got " + bodySize);
        }
        return out.writeLong(phyOffset).writeInt(bodySize);
    }

    /** Master physical offset of a transfer frame starting at the reader index. */
    public static long transferPhyOffset(ByteBuf frame) {
        return frame.getLong(frame.readerIndex() + TRANSFER_PHY_OFFSET_POS);
    }

    /** Body size of a transfer frame starting at the reader index. */
    public static int transferBodySize(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + TRANSFER_BODY_SIZE_POS);
    }

    /** View (no copy, no extra reference) of the body of a complete transfer frame starting at the reader index. */
    public static ByteBuf transferBody(ByteBuf frame) {
        return frame.slice(frame.readerIndex() + TRANSFER_HEADER_SIZE, transferBodySize(frame));
    }
}
