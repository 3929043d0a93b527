package org.tidemq.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Validates and reads records in the {@link StoredMessageLayout}. Stateless and thread-safe. */
public final class StoredMessageDecoder {

    private StoredMessageDecoder() {
    }

    /**
     * Checks the record at {@code position}, reading nothing at or past {@code limit}.
     *
     * @param expectedPhysicalOffset the record's CommitLog offset to verify against its PHYSICALOFFSET field, or -1
     * @param verifyBodyCrc          recompute the body CRC (recovery and replication); costs a pass over the body
     * @param out                    reused result
     */
    public static RecordCheck check(ByteBuffer buf, int position, int limit, long expectedPhysicalOffset,
            boolean verifyBodyCrc, RecordCheck out) {
        out.setLayout(0, 0, 0, 0);
        int available = limit - position;
        if (available < StoredMessageLayout.BLANK_MIN_SIZE) {
            if (available >= 4 && buf.getInt(position) != 0) {
                return out.set(RecordCheck.Kind.INCOMPLETE, 0, "fewer than 8 bytes of a record header");
            }
            return out.set(RecordCheck.Kind.END, 0, null);
        }
        int totalSize = buf.getInt(position + StoredMessageLayout.TOTAL_SIZE);
        int magic = buf.getInt(position + StoredMessageLayout.MAGIC);
        if (magic == StoredMessageLayout.BLANK_MAGIC) {
            if (totalSize < StoredMessageLayout.BLANK_MIN_SIZE) {
                return out.set(RecordCheck.Kind.CORRUPT, 0, "blank filler of size " + totalSize);
            }
            return out.set(RecordCheck.Kind.BLANK, totalSize, null);
        }
        if (totalSize == 0 && magic == 0) {
            return out.set(RecordCheck.Kind.END, 0, null);
        }
        if (!StoredMessageLayout.isMessageMagic(magic)) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "bad magic 0x" + Integer.toHexString(magic));
        }
        if (totalSize < StoredMessageLayout.minRecordSize()) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "record size " + totalSize + " below the minimum");
        }
        if (totalSize > available) {
            return out.set(RecordCheck.Kind.INCOMPLETE, totalSize,
                    "record of " + totalSize + " bytes, only " + available + " readable");
        }
        return checkBody(buf, position, totalSize, magic, expectedPhysicalOffset, verifyBodyCrc, out);
    }

    private static RecordCheck checkBody(ByteBuffer buf, int position, int totalSize, int magic,
            long expectedPhysicalOffset, boolean verifyBodyCrc, RecordCheck out) {
        int sysFlag = buf.getInt(position + StoredMessageLayout.SYS_FLAG);
        int bodyLengthAt = StoredMessageLayout.bodyLength(sysFlag);
        if (bodyLengthAt + 4 > totalSize) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "record of " + totalSize + " bytes too short for its header");
        }
        int bodyLength = buf.getInt(position + bodyLengthAt);
        if (bodyLength < 0 || bodyLength > totalSize || StoredMessageLayout.topicLength(sysFlag, bodyLength) >= totalSize) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "body length " + bodyLength + " inconsistent with size");
        }
        int topicLengthAt = position + StoredMessageLayout.topicLength(sysFlag, bodyLength);
        int topicLength = StoredMessageLayout.topicLengthFieldSize(magic) == 1
                ? buf.get(topicLengthAt) : buf.getShort(topicLengthAt);
        if (topicLength < 0) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "negative topic length");
        }
        int propertiesLengthAt = StoredMessageLayout.propertiesLength(sysFlag, bodyLength, magic, topicLength);
        if (propertiesLengthAt + 2 > totalSize) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "topic length " + topicLength + " inconsistent with size");
        }
        int propertiesLength = buf.getShort(position + propertiesLengthAt);
        if (propertiesLength < 0 || StoredMessageLayout.recordSize(sysFlag, bodyLength, magic, topicLength,
                propertiesLength) != totalSize) {
            return out.set(RecordCheck.Kind.CORRUPT, 0, "field lengths do not add up to size " + totalSize);
        }
        if (expectedPhysicalOffset >= 0) {
            long stored = buf.getLong(position + StoredMessageLayout.PHYSICAL_OFFSET);
            if (stored != expectedPhysicalOffset) {
                return out.set(RecordCheck.Kind.CORRUPT, 0,
                        "PHYSICALOFFSET field " + stored + " at offset " + expectedPhysicalOffset);
            }
        }
        if (verifyBodyCrc) {
            int storedCrc = buf.getInt(position + StoredMessageLayout.BODY_CRC);
            int actualCrc = crc(buf, position + StoredMessageLayout.body(sysFlag), bodyLength);
            if (storedCrc != actualCrc) {
                return out.set(RecordCheck.Kind.CORRUPT, 0, "body CRC mismatch");
            }
        }
        out.setLayout(magic, sysFlag, bodyLength, topicLength);
        return out.set(RecordCheck.Kind.MESSAGE, totalSize, null);
    }

    private static int crc(ByteBuffer buf, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(buf.slice(from, length));
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** Decodes the record at {@code position} (which {@link #check} found to be a MESSAGE). */
    public static StoredMessage decode(ByteBuffer buf, int position, RecordCheck checked) {
        int sysFlag = checked.sysFlag();
        int magic = checked.magic();
        int bodyLength = checked.bodyLength();
        int topicLength = checked.topicLength();
        int propertiesLengthAt = position + StoredMessageLayout.propertiesLength(sysFlag, bodyLength, magic,
                topicLength);
        int propertiesLength = buf.getShort(propertiesLengthAt);
        return new StoredMessage(
                buf.getInt(position + StoredMessageLayout.TOTAL_SIZE),
                magic,
                buf.getInt(position + StoredMessageLayout.BODY_CRC),
                buf.getInt(position + StoredMessageLayout.QUEUE_ID),
                buf.getInt(position + StoredMessageLayout.FLAG),
                buf.getLong(position + StoredMessageLayout.QUEUE_OFFSET),
                buf.getLong(position + StoredMessageLayout.PHYSICAL_OFFSET),
                sysFlag,
                buf.getLong(position + StoredMessageLayout.BORN_TIMESTAMP),
                host(buf, position + StoredMessageLayout.BORN_HOST, StoredMessageLayout.bornHostLength(sysFlag)),
                buf.getLong(position + StoredMessageLayout.storeTimestamp(sysFlag)),
                host(buf, position + StoredMessageLayout.storeHost(sysFlag),
                        StoredMessageLayout.storeHostLength(sysFlag)),
                buf.getInt(position + StoredMessageLayout.reconsumeTimes(sysFlag)),
                buf.getLong(position + StoredMessageLayout.preparedTransactionOffset(sysFlag)),
                buf.slice(position + StoredMessageLayout.body(sysFlag), bodyLength).asReadOnlyBuffer(),
                string(buf, position + StoredMessageLayout.topic(sysFlag, bodyLength, magic), topicLength),
                string(buf, propertiesLengthAt + 2, propertiesLength));
    }

    /** Checks and decodes a buffer holding exactly one record at position 0, or null if it is not a valid message. */
    public static StoredMessage decodeOne(ByteBuffer record) {
        RecordCheck check = check(record, 0, record.limit(), -1, true, new RecordCheck());
        return check.kind() == RecordCheck.Kind.MESSAGE ? decode(record, 0, check) : null;
    }

    /** Topic of a checked MESSAGE record. */
    public static String topic(ByteBuffer buf, int position, RecordCheck checked) {
        return string(buf, position + StoredMessageLayout.topic(checked.sysFlag(), checked.bodyLength(),
                checked.magic()), checked.topicLength());
    }

    /** Absolute index of the properties bytes of a checked MESSAGE record; their length is at index - 2. */
    public static int propertiesStart(int position, RecordCheck checked) {
        return position + StoredMessageLayout.properties(checked.sysFlag(), checked.bodyLength(), checked.magic(),
                checked.topicLength());
    }

    private static String string(ByteBuffer buf, int at, int length) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InetSocketAddress host(ByteBuffer buf, int at, int fieldLength) {
        byte[] address = new byte[StoredMessageLayout.hostAddressLength(fieldLength)];
        buf.get(at, address);
        int port = buf.getInt(at + address.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossibleForFixedLength) {
            throw new IllegalStateException(impossibleForFixedLength);
        }
    }
}
