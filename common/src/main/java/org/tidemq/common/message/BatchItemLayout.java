package org.tidemq.common.message;

/**
 * One item of a SEND_BATCH_MESSAGE body (facts §5.4), defined once. All integers big-endian.
 *
 * <pre>
 *  @0  TOTALSIZE int (whole item)   @4  MAGIC int (0)   @8  BODYCRC int (0)   @12 FLAG int
 *  @16 BODYLENGTH int               @20 BODY bytes
 *  then PROPERTIESLENGTH short + properties string (§5.3, UTF-8)
 * </pre>
 */
public final class BatchItemLayout {
    public static final int TOTAL_SIZE = 0;
    public static final int MAGIC = 4;
    public static final int BODY_CRC = 8;
    public static final int FLAG = 12;
    public static final int BODY_LENGTH = 16;
    public static final int BODY = 20;
    /** Bytes of the properties-length field that follows the body. */
    public static final int PROPERTIES_LENGTH_BYTES = Short.BYTES;
    /** Size of an item with an empty body and no properties. */
    public static final int FIXED_BYTES = BODY + PROPERTIES_LENGTH_BYTES;
    /** Senders write 0 for magic and body CRC; the broker fills in its own. */
    public static final int UNSET = 0;
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;

    private BatchItemLayout() {
    }

    public static int totalSize(int bodyLength, int propertiesLength) {
        return FIXED_BYTES + bodyLength + propertiesLength;
    }

    /** Offset of the properties-length field within an item with a body of {@code bodyLength} bytes. */
    public static int propertiesLengthOffset(int bodyLength) {
        return BODY + bodyLength;
    }

    /** Offset of the properties bytes within an item with a body of {@code bodyLength} bytes. */
    public static int propertiesOffset(int bodyLength) {
        return propertiesLengthOffset(bodyLength) + PROPERTIES_LENGTH_BYTES;
    }
}
