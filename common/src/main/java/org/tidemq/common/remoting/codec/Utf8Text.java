package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 writing with the JDK's semantics ({@code String.getBytes(UTF_8)}: every unpaired surrogate becomes one
 * {@code '?'}), which is what fastjson's output bytes contain. Netty's writer is used for the common case; it differs
 * from the JDK only for malformed surrogate sequences, which take the JDK path.
 */
final class Utf8Text {
    private Utf8Text() {
    }

    /** Writes {@code text[start, end)} and returns the number of bytes written. */
    static int write(ByteBuf out, String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                byte[] bytes = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(bytes);
                return bytes.length;
            }
        }
        return ByteBufUtil.writeUtf8(out, text, start, end);
    }

    static int write(ByteBuf out, String text) {
        return write(out, text, 0, text.length());
    }
}
