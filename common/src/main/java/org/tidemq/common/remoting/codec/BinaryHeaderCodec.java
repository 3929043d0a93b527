package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * RocketMQ's compact binary header (serialize type 1, facts sheet §2.3):
 *
 * <pre>
 * short code · byte language · short version · int opaque · int flag ·
 * int remarkLength + remark · int extFieldsLength + { short keyLength + key · int valueLength + value }*
 * </pre>
 *
 * Code and version travel as 16-bit values (sign-extended on decode, as RocketMQ does). Zero-length strings decode as
 * {@code null}; entries whose key or value is {@code null} are neither written nor kept. A length pointing past the
 * header is a decode fault.
 */
public final class BinaryHeaderCodec implements HeaderCodec {
    public static final BinaryHeaderCodec INSTANCE = new BinaryHeaderCodec();

    static final int CODE_BYTES = 2;
    static final int LANGUAGE_BYTES = 1;
    static final int VERSION_BYTES = 2;
    static final int OPAQUE_BYTES = 4;
    static final int FLAG_BYTES = 4;
    static final int REMARK_LENGTH_BYTES = 4;
    static final int EXT_FIELDS_LENGTH_BYTES = 4;
    static final int KEY_LENGTH_BYTES = 2;
    static final int VALUE_LENGTH_BYTES = 4;
    /** Every field before the remark text. */
    static final int FIXED_PREFIX_BYTES =
            CODE_BYTES + LANGUAGE_BYTES + VERSION_BYTES + OPAQUE_BYTES + FLAG_BYTES + REMARK_LENGTH_BYTES;
    /** The smallest well-formed header: no remark, no ext fields. */
    public static final int MIN_HEADER_BYTES = FIXED_PREFIX_BYTES + EXT_FIELDS_LENGTH_BYTES;
    static final int MAX_KEY_BYTES = Short.MAX_VALUE;
    /** Room for a SEND_MESSAGE_V2 header's 14 fields without rehashing. */
    static final int DEFAULT_EXT_FIELDS_CAPACITY = 32;

    private BinaryHeaderCodec() {
    }

    @Override
    public void encode(RemotingCommand command, ByteBuf out) {
        out.writeShort(command.code());
        LanguageCode language = command.language();
        out.writeByte(language == null ? LanguageCode.OTHER.code() : language.code());
        out.writeShort(command.version());
        out.writeInt(command.opaque());
        out.writeInt(command.flag());
        String remark = command.remark();
        if (remark == null || remark.isEmpty()) {
            out.writeInt(0);
        } else {
            writeIntPrefixed(out, remark);
        }
        int extFieldsLengthIndex = out.writerIndex();
        out.writeInt(0);
        Map<String, String> extFields = command.extFields();
        if (extFields != null) {
            for (Map.Entry<String, String> field : extFields.entrySet()) {
                String key = field.getKey();
                String value = field.getValue();
                if (key != null && value != null) {
                    writeKey(out, key);
                    writeIntPrefixed(out, value);
                }
            }
        }
        out.setInt(extFieldsLengthIndex, out.writerIndex() - extFieldsLengthIndex - EXT_FIELDS_LENGTH_BYTES);
    }

    private static void writeKey(ByteBuf out, String key) {
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int written = Utf8Text.write(out, key);
        if (written > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("ext field key of " + written + " bytes exceeds the binary header's "
                    + MAX_KEY_BYTES + "-byte limit");
        }
        out.setShort(lengthIndex, written);
    }

    private static void writeIntPrefixed(ByteBuf out, String text) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.setInt(lengthIndex, Utf8Text.write(out, text));
    }

    @Override
    public String decode(ByteBuf in, int index, int length, RemotingCommand target) {
        if (length < MIN_HEADER_BYTES) {
            return "binary header of " + length + " bytes is shorter than the " + MIN_HEADER_BYTES + "-byte minimum";
        }
        if (in.hasArray()) {
            return decode(in.array(), in.arrayOffset() + index, length, target);
        }
        byte[] copy = HeaderScratch.array(length);
        in.getBytes(index, copy, 0, length);
        return decode(copy, 0, length, target);
    }

    private static String decode(byte[] header, int offset, int length, RemotingCommand target) {
        final int end = offset + length;
        int position = offset;
        target.setCode(getShort(header, position));
        position += CODE_BYTES;
        target.setLanguage(LanguageCode.ofCode(header[position]));
        position += LANGUAGE_BYTES;
        target.setVersion(getShort(header, position));
        position += VERSION_BYTES;
        target.setOpaque(getInt(header, position));
        position += OPAQUE_BYTES;
        target.setFlag(getInt(header, position));
        position += FLAG_BYTES;

        int remarkLength = getInt(header, position);
        position += REMARK_LENGTH_BYTES;
        // The fixed part guarantees room for the ext-fields length after an empty remark.
        if (remarkLength < 0 || remarkLength > end - position - EXT_FIELDS_LENGTH_BYTES) {
            return "binary header remark length " + remarkLength + " exceeds the header";
        }
        target.setRemark(remarkLength == 0 ? null : new String(header, position, remarkLength, StandardCharsets.UTF_8));
        position += remarkLength;

        int extFieldsLength = getInt(header, position);
        position += EXT_FIELDS_LENGTH_BYTES;
        if (extFieldsLength < 0 || extFieldsLength > end - position) {
            return "binary header ext fields length " + extFieldsLength + " exceeds the header";
        }
        if (extFieldsLength == 0) {
            target.setExtFields(null);
            return null;
        }
        return decodeExtFields(header, position, position + extFieldsLength, target);
    }

    private static String decodeExtFields(byte[] header, int start, int end, RemotingCommand target) {
        Map<String, String> fields = new HashMap<>(DEFAULT_EXT_FIELDS_CAPACITY);
        int position = start;
        while (position < end) {
            if (end - position < KEY_LENGTH_BYTES) {
                return "binary header ext field key length truncated";
            }
            int keyLength = getShort(header, position);
            position += KEY_LENGTH_BYTES;
            if (keyLength < 0 || keyLength > end - position - VALUE_LENGTH_BYTES) {
                return "binary header ext field key length " + keyLength + " exceeds the header";
            }
            String key = keyLength == 0 ? null
                    : AsciiStringCache.get(header, position, keyLength, AsciiStringCache.MAX_KEY_BYTES);
            position += keyLength;
            int valueLength = getInt(header, position);
            position += VALUE_LENGTH_BYTES;
            if (valueLength < 0 || valueLength > end - position) {
                return "binary header ext field value length " + valueLength + " exceeds the header";
            }
            if (key != null && valueLength > 0) {
                fields.put(key, AsciiStringCache.get(header, position, valueLength, AsciiStringCache.MAX_VALUE_BYTES));
            }
            position += valueLength;
        }
        target.setExtFields(fields);
        return null;
    }

    private static short getShort(byte[] bytes, int index) {
        return (short) ((bytes[index] << 8) | (bytes[index + 1] & 0xFF));
    }

    private static int getInt(byte[] bytes, int index) {
        return (bytes[index] << 24) | ((bytes[index + 1] & 0xFF) << 16) | ((bytes[index + 2] & 0xFF) << 8)
                | (bytes[index + 3] & 0xFF);
    }
}
