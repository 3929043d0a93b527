package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;

/**
 * Writes and reads the header part of a frame (every {@link RemotingCommand} field except the body) in one
 * serialization. Implementations are stateless and thread-safe.
 */
public interface HeaderCodec {

    /** Appends the command's header at {@code out}'s writer index. */
    void encode(RemotingCommand command, ByteBuf out);

    /**
     * Reads a header of {@code length} bytes starting at {@code index} into {@code target}, without moving
     * {@code in}'s indices. Fields absent from the header keep RocketMQ's defaults (code 0, language JAVA, version 0,
     * opaque 0, flag 0, no remark, no ext fields).
     *
     * @return {@code null} when the header decoded, otherwise a one-line description of what is malformed
     */
    String decode(ByteBuf in, int index, int length, RemotingCommand target);

    /** The codec for a serialization. */
    static HeaderCodec of(SerializeType type) {
        return type == SerializeType.ROCKETMQ ? BinaryHeaderCodec.INSTANCE : JsonHeaderCodec.INSTANCE;
    }
}
