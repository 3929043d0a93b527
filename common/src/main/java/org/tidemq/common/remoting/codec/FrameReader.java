package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;

/**
 * Cuts frames (layout in {@link RemotingFrame}) out of a byte stream and decodes them into commands. The length
 * prefix and header-length-and-type int are checked as soon as they arrive, so a hostile length never makes the caller
 * buffer more than {@code maxFrameBytes}. The decoded command's body is a retained slice of the input (no copy).
 *
 * <p>After a fault the reader stays faulted and discards everything: the stream has lost frame alignment. One
 * instance per connection; not thread-safe.
 */
public final class FrameReader {
    private final int maxFrameBytes;
    private String fault;

    public FrameReader(int maxFrameBytes) {
        if (maxFrameBytes < RemotingFrame.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + RemotingFrame.MIN_FRAME_BYTES
                    + " but was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Decodes the next frame if {@code in} holds all of it, advancing the reader index past it.
     *
     * @return the command, or {@code null} when more bytes are needed or the stream is faulted (see {@link #fault()})
     */
    public RemotingCommand read(ByteBuf in) {
        if (fault != null) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        int readable = in.readableBytes();
        if (readable < RemotingFrame.TOTAL_LENGTH_BYTES) {
            return null;
        }
        int frameStart = in.readerIndex();
        int totalLength = in.getInt(frameStart + RemotingFrame.TOTAL_LENGTH_OFFSET);
        String lengthFault = RemotingFrame.checkTotalLength(totalLength, maxFrameBytes);
        if (lengthFault != null) {
            return fail(in, lengthFault);
        }
        if (readable < RemotingFrame.HEADER_OFFSET) {
            return null;
        }
        int headerLengthAndType = in.getInt(frameStart + RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET);
        String headerFault = RemotingFrame.checkHeaderLengthAndType(totalLength, headerLengthAndType);
        if (headerFault != null) {
            return fail(in, headerFault);
        }
        // checkTotalLength bounded the frame by maxFrameBytes, so this fits an int.
        int frameBytes = (int) RemotingFrame.frameBytes(totalLength);
        if (readable < frameBytes) {
            return null;
        }
        SerializeType type = SerializeType.ofCode(RemotingFrame.serializeTypeCode(headerLengthAndType));
        int headerLength = RemotingFrame.headerLength(headerLengthAndType);
        int headerStart = frameStart + RemotingFrame.HEADER_OFFSET;
        RemotingCommand command = new RemotingCommand();
        String decodeFault = HeaderCodec.of(type).decode(in, headerStart, headerLength, command);
        if (decodeFault != null) {
            return fail(in, decodeFault);
        }
        command.setSerializeType(type);
        int bodyLength = RemotingFrame.bodyLength(totalLength, headerLength);
        if (bodyLength > 0) {
            command.setBody(in.retainedSlice(headerStart + headerLength, bodyLength));
        }
        in.readerIndex(frameStart + frameBytes);
        return command;
    }

    /** Why the stream was rejected, or {@code null} while it is healthy. */
    public String fault() {
        return fault;
    }

    private RemotingCommand fail(ByteBuf in, String description) {
        fault = description;
        in.skipBytes(in.readableBytes());
        return null;
    }
}
