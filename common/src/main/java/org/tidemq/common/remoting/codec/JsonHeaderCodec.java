package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * RocketMQ's JSON header (serialize type 0, facts sheet §2.2), byte-compatible with fastjson's output and as lenient
 * as its parser; see {@link JsonHeaderWriter} and {@link JsonHeaderParser} for the details.
 */
public final class JsonHeaderCodec implements HeaderCodec {
    public static final JsonHeaderCodec INSTANCE = new JsonHeaderCodec();

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
            byte[] copy = HeaderScratch.array(length);
            in.getBytes(index, copy, 0, length);
            parser = new JsonHeaderParser(copy, 0, length);
        }
        return parser.parseInto(target);
    }
}
