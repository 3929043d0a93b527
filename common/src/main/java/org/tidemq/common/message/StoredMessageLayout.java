package org.tidemq.common.message;

/**
 * The RocketMQ stored-message layout (facts §5.1), defined once: the CommitLog record, and the item of PULL / QUERY /
 * VIEW response bodies. All integers big-endian.
 *
 * <pre>
 *  @0  TOTALSIZE int        @4  MAGICCODE int         @8  BODYCRC int       @12 QUEUEID int
 *  @16 FLAG int             @20 QUEUEOFFSET long      @28 PHYSICALOFFSET long
 *  @36 SYSFLAG int          @40 BORNTIMESTAMP long    @48 BORNHOST (4|16 + int port)
 *  then STORETIMESTAMP long, STOREHOST (4|16 + int port), RECONSUMETIMES int, PREPARED TX OFFSET long,
 *  BODY (int length + bytes), TOPIC (byte length V1 | short length V2 + bytes), PROPERTIES (short length + bytes)
 * </pre>
 *
 * Offsets after BORNHOST depend on the host widths in SYSFLAG; use the methods below, never inline arithmetic.
 */
public final class StoredMessageLayout {

    public static final int MAGIC_V1 = 0xDAA320A7;
    public static final int MAGIC_V2 = 0xDAA320AB;
    /** Magic of the end-of-segment filler: {@code int remaining, int BLANK_MAGIC}. */
    public static final int BLANK_MAGIC = 0xCBD43194;
    /** The filler is at least its two ints. */
    public static final int BLANK_MIN_SIZE = 8;

    public static final int TOTAL_SIZE = 0;
    public static final int MAGIC = 4;
    public static final int BODY_CRC = 8;
    public static final int QUEUE_ID = 12;
    public static final int FLAG = 16;
    public static final int QUEUE_OFFSET = 20;
    public static final int PHYSICAL_OFFSET = 28;
    public static final int SYS_FLAG = 36;
    public static final int BORN_TIMESTAMP = 40;
    public static final int BORN_HOST = 48;

    private static final int IPV4_HOST_LENGTH = 4 + 4;
    private static final int IPV6_HOST_LENGTH = 16 + 4;
    private static final int STORE_TIMESTAMP_LENGTH = 8;
    private static final int RECONSUME_TIMES_LENGTH = 4;
    private static final int PREPARED_TX_OFFSET_LENGTH = 8;
    private static final int BODY_LENGTH_LENGTH = 4;
    private static final int PROPERTIES_LENGTH_LENGTH = 2;

    /** Longest topic encodable with V1's signed one-byte length; longer topics use V2. */
    public static final int MAX_V1_TOPIC_BYTES = Byte.MAX_VALUE;
    public static final int MAX_V2_TOPIC_BYTES = Short.MAX_VALUE;
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;

    private StoredMessageLayout() {
    }

    public static int bornHostLength(int sysFlag) {
        return (sysFlag & MessageSysFlag.BORNHOST_V6) != 0 ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    public static int storeHostLength(int sysFlag) {
        return (sysFlag & MessageSysFlag.STOREHOST_V6) != 0 ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    /** Address bytes of a host field (4 or 16); the port int follows. */
    public static int hostAddressLength(int hostFieldLength) {
        return hostFieldLength - 4;
    }

    public static int storeTimestamp(int sysFlag) {
        return BORN_HOST + bornHostLength(sysFlag);
    }

    public static int storeHost(int sysFlag) {
        return storeTimestamp(sysFlag) + STORE_TIMESTAMP_LENGTH;
    }

    public static int reconsumeTimes(int sysFlag) {
        return storeHost(sysFlag) + storeHostLength(sysFlag);
    }

    public static int preparedTransactionOffset(int sysFlag) {
        return reconsumeTimes(sysFlag) + RECONSUME_TIMES_LENGTH;
    }

    /** The body's int length; the body bytes follow. */
    public static int bodyLength(int sysFlag) {
        return preparedTransactionOffset(sysFlag) + PREPARED_TX_OFFSET_LENGTH;
    }

    public static int body(int sysFlag) {
        return bodyLength(sysFlag) + BODY_LENGTH_LENGTH;
    }

    /** The topic's length field (1 byte V1, 2 bytes V2); the topic bytes follow. */
    public static int topicLength(int sysFlag, int bodyLength) {
        return body(sysFlag) + bodyLength;
    }

    public static int topicLengthFieldSize(int magic) {
        return magic == MAGIC_V2 ? 2 : 1;
    }

    public static int topic(int sysFlag, int bodyLength, int magic) {
        return topicLength(sysFlag, bodyLength) + topicLengthFieldSize(magic);
    }

    /** The properties' short length; the properties bytes follow. */
    public static int propertiesLength(int sysFlag, int bodyLength, int magic, int topicLength) {
        return topic(sysFlag, bodyLength, magic) + topicLength;
    }

    public static int properties(int sysFlag, int bodyLength, int magic, int topicLength) {
        return propertiesLength(sysFlag, bodyLength, magic, topicLength) + PROPERTIES_LENGTH_LENGTH;
    }

    /** Whole record length (TOTALSIZE). */
    public static int recordSize(int sysFlag, int bodyLength, int magic, int topicLength, int propertiesLength) {
        return properties(sysFlag, bodyLength, magic, topicLength) + propertiesLength;
    }

    /** V1 for topics up to 127 bytes (readable by 4.9.x clients), V2 beyond. */
    public static int magicForTopic(int topicLength) {
        return topicLength <= MAX_V1_TOPIC_BYTES ? MAGIC_V1 : MAGIC_V2;
    }

    public static boolean isMessageMagic(int magic) {
        return magic == MAGIC_V1 || magic == MAGIC_V2;
    }

    /** Smallest possible message record (IPv4 hosts, empty body, topic and properties). */
    public static int minRecordSize() {
        return recordSize(0, 0, MAGIC_V1, 0, 0);
    }
}
