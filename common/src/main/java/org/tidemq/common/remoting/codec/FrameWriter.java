package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;

import java.util.Map;

/**
 * Writes everything of a frame except the body: the length prefix, the header-length-and-type int and the header
 * (layout in {@link RemotingFrame}). The body follows as its own buffer so that it is never copied.
 */
public final class FrameWriter {
    /** Header bytes assumed for the fixed fields and JSON punctuation when sizing the head buffer. */
    private static final int FIXED_HEADER_ESTIMATE = 160;
    /** Per ext field: quotes, colon and comma in JSON, or length fields in binary. */
    private static final int PER_FIELD_OVERHEAD = 8;

    private FrameWriter() {
    }

    /**
     * Appends the frame head of {@code command} for a body of {@code bodyLength} bytes to {@code out}.
     *
     * @return the whole frame's size in bytes, length prefix included
     * @throws IllegalArgumentException when the header exceeds the 24-bit length field or the frame exceeds
     *                                  {@code maxFrameBytes} (the peer would drop the connection)
     */
    public static int writeHead(RemotingCommand command, int bodyLength, int maxFrameBytes, ByteBuf out) {
        SerializeType type = command.serializeType() == null ? SerializeType.JSON : command.serializeType();
        int frameStart = out.writerIndex();
        out.writeZero(RemotingFrame.HEADER_OFFSET);
        HeaderCodec.of(type).encode(command, out);
        int headerLength = out.writerIndex() - frameStart - RemotingFrame.HEADER_OFFSET;
        if (headerLength > RemotingFrame.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes exceeds the "
                    + RemotingFrame.MAX_HEADER_BYTES + "-byte limit of the frame's 24-bit header length");
        }
        long frameBytes = RemotingFrame.HEADER_OFFSET + (long) headerLength + bodyLength;
        if (frameBytes > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + frameBytes + " bytes (code " + command.code()
                    + ") exceeds the limit of " + maxFrameBytes + " bytes");
        }
        out.setInt(frameStart + RemotingFrame.TOTAL_LENGTH_OFFSET, RemotingFrame.totalLength(headerLength, bodyLength));
        out.setInt(frameStart + RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET,
                RemotingFrame.headerLengthAndType(type, headerLength));
        return (int) frameBytes;
    }

    /** A head-buffer size that fits typical commands without growing (ASCII fields; larger ones grow the buffer). */
    public static int estimateHeadBytes(RemotingCommand command) {
        int estimate = RemotingFrame.HEADER_OFFSET + FIXED_HEADER_ESTIMATE;
        if (command.remark() != null) {
            estimate += command.remark().length();
        }
        Map<String, String> extFields = command.extFields();
        if (extFields != null) {
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                String key = field.getKey();
                String value = field.getValue();
                estimate += PER_FIELD_OVERHEAD + (key == null ? 0 : key.length())
                        + (value == null ? 0 : value.length());
            }
        }
        return estimate;
    }
}
