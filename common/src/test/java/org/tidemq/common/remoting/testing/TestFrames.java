package org.tidemq.common.remoting.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.codec.FrameReader;
import org.tidemq.common.remoting.codec.FrameWriter;
import org.tidemq.common.remoting.codec.RemotingFrame;

import java.io.DataInputStream;
import java.io.IOException;

/** Whole frames as byte arrays, for tests that compare bytes or talk to a server over a plain socket. */
public final class TestFrames {
    private TestFrames() {
    }

    /** The complete frame of {@code command} followed by {@code body} (may be null). */
    public static byte[] encode(RemotingCommand command, byte[] body) {
        ByteBuf out = Unpooled.buffer();
        FrameWriter.writeHead(command, body == null ? 0 : body.length, RemotingFrame.DEFAULT_MAX_FRAME_BYTES, out);
        if (body != null) {
            out.writeBytes(body);
        }
        return ByteBufUtil.getBytes(out);
    }

    /** Reads one frame from a blocking stream and decodes it (body copied to the heap). */
    public static RemotingCommand read(DataInputStream in) throws IOException {
        int totalLength = in.readInt();
        byte[] frame = new byte[RemotingFrame.TOTAL_LENGTH_BYTES + totalLength];
        Unpooled.wrappedBuffer(frame).setInt(0, totalLength);
        in.readFully(frame, RemotingFrame.TOTAL_LENGTH_BYTES, totalLength);
        RemotingCommand command = new FrameReader(RemotingFrame.DEFAULT_MAX_FRAME_BYTES)
                .read(Unpooled.wrappedBuffer(frame));
        if (command == null) {
            throw new IOException("undecodable frame");
        }
        return command;
    }
}
