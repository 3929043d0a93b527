package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * RocketMQ's JSON header (serialize type 0, facts sheet §2.2), byte-compatible with fastjson's output and as lenient
 * as its parser; see {@link JsonHeaderWriter} and {@link JsonHeaderParser} for the details.
 */
public final class JsonHeaderCodec implements HeaderCodec {
    public static final JsonHeaderCodec INSTANCE = new JsonHeaderCodec();

    /** Headers up to this size are parsed from a per-thread scratch copy when the frame is off-heap. */
    private static final int SCRATCH_BYTES = 4096;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private JsonHeaderCodec() {
    }

    @Override
    public void encode(RemotingCommand command, ByteBuf out) {
        JsonHeaderWriter.write(command, out);
    }

    @Override
    public String decode(ByteBuf in, int index, int length, RemotingCommand target) {
        target.setCode(0).setLanguage(LanguageCode.JAVA).setVersion(0).setOpaque(0)
                .setFlag(0).setRemark(null).setExtFields(null);
        JsonHeaderParser parser;
        if (in.hasArray()) {
            parser = new JsonHeaderParser(in.array(), in.arrayOffset() + index, length);
        } else {
            byte[] copy = length <= SCRATCH_BYTES ? SCRATCH.get() : new byte[length];
            in.getBytes(index, copy, 0, length);
            parser = new JsonHeaderParser(copy, 0, length);
        }
        return parser.parseInto(target);
    }
}
