package org.tidemq.broker.send;

/**
 * One item of a SEND_BATCH_MESSAGE body (facts §5.4), field offsets from the item start:
 * {@code int totalSize · int magic · int bodyCRC · int flag · int bodyLength · body · short propertiesLength ·
 * properties}.
 */
final class BatchMessageLayout {
    static final int TOTAL_SIZE = 0;
    static final int MAGIC = 4;
    static final int BODY_CRC = 8;
    static final int FLAG = 12;
    static final int BODY_LENGTH = 16;
    static final int BODY = 20;
    /** Fixed bytes of an item besides body and properties: five ints and the properties length short. */
    static final int FIXED_SIZE = BODY + Short.BYTES;

    private BatchMessageLayout() {
    }
}
