package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a header as fastjson 1.2.83 serializes RocketMQ's {@code RemotingCommand}: keys in alphabetical order, null
 * fields and null map values omitted, enums by name, ext fields in the map's iteration order, and fastjson's escape
 * set (control characters, {@code "}, {@code \}, U+007F–U+009F, U+2028, U+2029). Writes straight into the frame
 * buffer; the only per-call allocations are inside Netty's UTF-8 writer for non-ASCII text.
 */
final class JsonHeaderWriter {
    private static final byte[] CODE = ascii("{\"code\":");
    private static final byte[] EXT_FIELDS = ascii(",\"extFields\":{");
    private static final byte[] FLAG = ascii(",\"flag\":");
    private static final byte[] LANGUAGE = ascii(",\"language\":");
    private static final byte[] OPAQUE = ascii(",\"opaque\":");
    private static final byte[] REMARK = ascii(",\"remark\":");
    private static final byte[] SERIALIZE_TYPE = ascii(",\"serializeTypeCurrentRPC\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[][] LANGUAGE_NAMES = quotedNames(LanguageCode.values());
    private static final byte[][] SERIALIZE_TYPE_NAMES = quotedNames(SerializeType.values());
    private static final byte[] HEX_DIGITS = ascii("0123456789ABCDEF");
    /** Longest decimal int: sign and ten digits. */
    private static final int MAX_INT_CHARS = 11;

    private JsonHeaderWriter() {
    }

    static void write(RemotingCommand command, ByteBuf out) {
        out.writeBytes(CODE);
        writeInt(out, command.code());
        Map<String, String> extFields = command.extFields();
        if (extFields != null) {
            out.writeBytes(EXT_FIELDS);
            boolean first = true;
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                String key = field.getKey();
                String value = field.getValue();
                if (key == null || value == null) {
                    continue;
                }
                if (!first) {
                    out.writeByte(',');
                }
                first = false;
                writeString(out, key);
                out.writeByte(':');
                writeString(out, value);
            }
            out.writeByte('}');
        }
        out.writeBytes(FLAG);
        writeInt(out, command.flag());
        if (command.language() != null) {
            out.writeBytes(LANGUAGE);
            out.writeBytes(LANGUAGE_NAMES[command.language().ordinal()]);
        }
        out.writeBytes(OPAQUE);
        writeInt(out, command.opaque());
        if (command.remark() != null) {
            out.writeBytes(REMARK);
            writeString(out, command.remark());
        }
        out.writeBytes(SERIALIZE_TYPE);
        SerializeType type = command.serializeType() == null ? SerializeType.JSON : command.serializeType();
        out.writeBytes(SERIALIZE_TYPE_NAMES[type.ordinal()]);
        out.writeBytes(VERSION);
        writeInt(out, command.version());
        out.writeByte('}');
    }

    /** Writes a decimal int without going through a String. */
    static void writeInt(ByteBuf out, int value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + value);
            return;
        }
        out.ensureWritable(MAX_INT_CHARS);
        long remaining = value;
        int start = out.writerIndex();
        if (remaining < 0) {
            out.setByte(start++, '-');
            remaining = -remaining;
        }
        int digits = 1;
        for (long bound = 10; remaining >= bound && digits < 10; bound *= 10) {
            digits++;
        }
        int position = start + digits;
        out.writerIndex(position);
        do {
            out.setByte(--position, (int) ('0' + remaining % 10));
            remaining /= 10;
        } while (remaining != 0);
    }

    static void writeString(ByteBuf out, String text) {
        out.writeByte('"');
        int firstSpecial = firstSpecialIndex(text);
        if (firstSpecial < 0) {
            ByteBufUtil.writeUtf8(out, text);
        } else {
            writeEscaped(out, text, firstSpecial);
        }
        out.writeByte('"');
    }

    /** Index of the first char that needs an escape or is a surrogate, or -1 when Netty's writer can take it all. */
    private static int firstSpecialIndex(String text) {
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (needsEscape(c) || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }

    private static void writeEscaped(ByteBuf out, String text, int firstSpecial) {
        int runStart = 0;
        for (int i = firstSpecial, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                continue;
            }
            if (runStart < i) {
                Utf8Text.write(out, text, runStart, i);
            }
            runStart = i + 1;
            out.writeByte('\\');
            switch (c) {
                case '"' -> out.writeByte('"');
                case '\\' -> out.writeByte('\\');
                case '\b' -> out.writeByte('b');
                case '\t' -> out.writeByte('t');
                case '\n' -> out.writeByte('n');
                case '\f' -> out.writeByte('f');
                case '\r' -> out.writeByte('r');
                default -> {
                    out.writeByte('u');
                    out.writeByte(HEX_DIGITS[(c >> 12) & 0xF]);
                    out.writeByte(HEX_DIGITS[(c >> 8) & 0xF]);
                    out.writeByte(HEX_DIGITS[(c >> 4) & 0xF]);
                    out.writeByte(HEX_DIGITS[c & 0xF]);
                }
            }
        }
        if (runStart < text.length()) {
            Utf8Text.write(out, text, runStart, text.length());
        }
    }

    private static byte[][] quotedNames(Enum<?>[] values) {
        byte[][] names = new byte[values.length][];
        for (Enum<?> value : values) {
            names[value.ordinal()] = ascii('"' + value.name() + '"');
        }
        return names;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
