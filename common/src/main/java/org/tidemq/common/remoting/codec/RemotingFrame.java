package org.tidemq.common.remoting.codec;

import org.tidemq.common.remoting.SerializeType;

/**
 * The one definition of the remoting frame layout (facts sheet §1):
 *
 * <pre>
 * offset 0  int  totalLength          bytes after this field: 4 + header + body
 * offset 4  int  headerLengthAndType  high 8 bits: serialize type, low 24 bits: header length
 * offset 8  ...  header               JSON or ROCKETMQ binary
 *           ...  body                 totalLength - 4 - headerLength bytes
 * </pre>
 *
 * All integers are big-endian. The maximum frame size counts the length prefix, as RocketMQ's frame decoder does.
 */
public final class RemotingFrame {
    /** Offset of the length prefix within a frame. */
    public static final int TOTAL_LENGTH_OFFSET = 0;
    /** Size of the length prefix. */
    public static final int TOTAL_LENGTH_BYTES = 4;
    /** Offset of the header-length-and-type int. */
    public static final int HEADER_LENGTH_AND_TYPE_OFFSET = TOTAL_LENGTH_OFFSET + TOTAL_LENGTH_BYTES;
    /** Size of the header-length-and-type int. */
    public static final int HEADER_LENGTH_AND_TYPE_BYTES = 4;
    /** Offset of the header, i.e. the size of the fixed preamble. */
    public static final int HEADER_OFFSET = HEADER_LENGTH_AND_TYPE_OFFSET + HEADER_LENGTH_AND_TYPE_BYTES;

    /** The serialize type sits in the high byte of the header-length-and-type int. */
    public static final int SERIALIZE_TYPE_SHIFT = 24;
    /** The header length is the low 24 bits of the header-length-and-type int. */
    public static final int HEADER_LENGTH_MASK = 0x00FF_FFFF;
    /** The largest header the 24-bit field can describe. */
    public static final int MAX_HEADER_BYTES = HEADER_LENGTH_MASK;

    /** RocketMQ's default frame limit ({@code com.rocketmq.remoting.frameMaxLength}), length prefix included. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** The smallest legal frame: a length prefix and a header-length-and-type int with an empty header. */
    public static final int MIN_FRAME_BYTES = HEADER_OFFSET;

    private RemotingFrame() {
    }

    /** Packs a serialize type and header length into the header-length-and-type int. */
    public static int headerLengthAndType(SerializeType type, int headerLength) {
        return (type.code() << SERIALIZE_TYPE_SHIFT) | (headerLength & HEADER_LENGTH_MASK);
    }

    /** The header length carried in a header-length-and-type int. */
    public static int headerLength(int headerLengthAndType) {
        return headerLengthAndType & HEADER_LENGTH_MASK;
    }

    /** The serialize type byte carried in a header-length-and-type int. */
    public static byte serializeTypeCode(int headerLengthAndType) {
        return (byte) (headerLengthAndType >>> SERIALIZE_TYPE_SHIFT);
    }

    /** The value of the length prefix for a header and body of the given sizes. */
    public static int totalLength(int headerLength, int bodyLength) {
        return HEADER_LENGTH_AND_TYPE_BYTES + headerLength + bodyLength;
    }

    /** Bytes the whole frame occupies on the wire, length prefix included, for a given length prefix value. */
    public static long frameBytes(int totalLength) {
        return TOTAL_LENGTH_BYTES + (long) totalLength;
    }

    /** The body length implied by a frame's length prefix and header length. */
    public static int bodyLength(int totalLength, int headerLength) {
        return totalLength - HEADER_LENGTH_AND_TYPE_BYTES - headerLength;
    }

    /**
     * Checks a received length prefix before anything is buffered for it.
     *
     * @return {@code null} when plausible, otherwise a one-line description of the fault
     */
    public static String checkTotalLength(int totalLength, int maxFrameBytes) {
        if (totalLength < HEADER_LENGTH_AND_TYPE_BYTES) {
            return "frame length " + totalLength + " is below the minimum of " + HEADER_LENGTH_AND_TYPE_BYTES;
        }
        if (frameBytes(totalLength) > maxFrameBytes) {
            return "frame of " + frameBytes(totalLength) + " bytes exceeds the limit of " + maxFrameBytes + " bytes";
        }
        return null;
    }

    /**
     * Checks a received header-length-and-type int against its frame's length prefix.
     *
     * @return {@code null} when consistent, otherwise a one-line description of the fault
     */
    public static String checkHeaderLengthAndType(int totalLength, int headerLengthAndType) {
        byte typeCode = serializeTypeCode(headerLengthAndType);
        if (SerializeType.ofCode(typeCode) == null) {
            return "unknown serialize type " + (typeCode & 0xFF);
        }
        int headerLength = headerLength(headerLengthAndType);
        if (headerLength > totalLength - HEADER_LENGTH_AND_TYPE_BYTES) {
            return "header length " + headerLength + " exceeds frame length " + totalLength;
        }
        return null;
    }
}
