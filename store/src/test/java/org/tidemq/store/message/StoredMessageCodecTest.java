package org.tidemq.store.message;

import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.message.StoredMessageLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tidemq.store.testutil.TestMessages;

class StoredMessageCodecTest {

    private static final String UNIQ = "7F0000014E2F18B4AAC20F2A1F9A0000";
    private static final String PROPERTIES = "MSG_REGION\u0001DefaultRegion\u0002UNIQ_KEY\u0001" + UNIQ
            + "\u0002CLUSTER\u0001DefaultCluster\u0002TAGS\u0001TagA\u0002KEYS\u0001probe-key-1\u0002WAIT\u0001true"
            + "\u0002TRACE_ON\u0001true\u0002";

    /** The live example of the facts sheet (§5.1), with our own 32-hex UNIQ_KEY in its elided place. */
    private static byte[] factSheetRecord() {
        String hex = "0000010a daa320a7 4a4fe42e 00000000 00000000 0000000000000000 000000002085779a 00000000"
                + " 000001a2007586b9 7f000001 0000a69c 000001a2007586d0 7f000001 00002a9f 00000000"
                + " 0000000000000000 0000000f";
        ByteBuffer b = ByteBuffer.allocate(266);
        b.put(HexFormat.of().parseHex(hex.replace(" ", "")));
        b.put("hello-factsheet".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 0x13).put("FactSheetProbeTopic".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0x8d).put(PROPERTIES.getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, b.remaining(), "the example is 266 bytes");
        return b.array();
    }

    private static MessageToStore factSheetMessage() {
        return new MessageToStore("FactSheetProbeTopic", 0, 0, 0, 0x1a2007586b9L,
                new InetSocketAddress("127.0.0.1", 0xa69c), new InetSocketAddress("127.0.0.1", 0x2a9f), 0, 0,
                PROPERTIES, TestMessages.direct("hello-factsheet"), true);
    }

    @Test
    void encodingReproducesTheFactSheetExampleByteForByte() {
        PreparedMessage prepared = PreparedMessage.prepare(factSheetMessage());
        assertEquals(266, prepared.recordSize());
        assertEquals(0x4a4fe42e, prepared.bodyCrc(), "CRC32 & 0x7FFFFFFF of the body");
        ByteBuffer target = ByteBuffer.allocateDirect(300);
        StoredMessageEncoder.encode(target, 10, prepared, 0, 0x2085779aL, 0x1a2007586d0L);
        byte[] actual = new byte[266];
        target.get(10, actual);
        assertArrayEquals(factSheetRecord(), actual);
    }

    @Test
    void decodingTheFactSheetExampleYieldsEveryField() {
        StoredMessage m = StoredMessageDecoder.decodeOne(ByteBuffer.wrap(factSheetRecord()));
        assertEquals(266, m.totalSize());
        assertEquals(StoredMessageLayout.MAGIC_V1, m.magic());
        assertEquals(0x2085779aL, m.physicalOffset());
        assertEquals(0x1a2007586b9L, m.bornTimestamp());
        assertEquals(0x1a2007586d0L, m.storeTimestamp());
        assertEquals(new InetSocketAddress("127.0.0.1", 42652), m.bornHost());
        assertEquals(new InetSocketAddress("127.0.0.1", 10911), m.storeHost());
        assertEquals("hello-factsheet", TestMessages.text(m.body()));
        assertEquals("FactSheetProbeTopic", m.topic());
        assertEquals("TagA", MessageProperties.decode(m.properties()).get("TAGS"));
        assertEquals(56, StoredMessageLayout.storeTimestamp(0), "store timestamp @56 with IPv4 hosts");
    }

    @Test
    void ipv6HostsAndLongTopicsRoundTrip() {
        String topic = "T".repeat(200);
        MessageToStore message = new MessageToStore(topic, 7, 3, MessageSysFlag.COMPRESSED, 123,
                new InetSocketAddress("::1", 5000), new InetSocketAddress("fe80::1", 10911), 2, 99,
                "a\u0001b\u0002", TestMessages.direct("body"), false);
        assertEquals(MessageSysFlag.COMPRESSED | MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6,
                message.sysFlag(), "host width bits follow the address types");
        PreparedMessage prepared = PreparedMessage.prepare(message);
        assertEquals(StoredMessageLayout.MAGIC_V2, prepared.magic(), "topics over 127 bytes use V2");
        ByteBuffer buf = ByteBuffer.allocate(prepared.recordSize());
        StoredMessageEncoder.encode(buf, 0, prepared, 41, 4096, 777);
        StoredMessage m = StoredMessageDecoder.decodeOne(buf);
        assertEquals(topic, m.topic());
        assertEquals(7, m.queueId());
        assertEquals(3, m.flag());
        assertEquals(41, m.queueOffset());
        assertEquals(4096, m.physicalOffset());
        assertEquals(777, m.storeTimestamp());
        assertEquals(2, m.reconsumeTimes());
        assertEquals(99, m.preparedTransactionOffset());
        assertEquals(new InetSocketAddress("::1", 5000), m.bornHost());
        assertEquals(new InetSocketAddress("fe80::1", 10911), m.storeHost());
        assertEquals("body", TestMessages.text(m.body()));
        assertEquals("a\u0001b\u0002", m.properties());
    }

    @Test
    void checkRejectsCorruptAndRecognisesBlankEndAndIncomplete() {
        byte[] record = factSheetRecord();
        RecordCheck check = new RecordCheck();

        ByteBuffer good = ByteBuffer.wrap(record.clone());
        assertEquals(RecordCheck.Kind.MESSAGE, StoredMessageDecoder.check(good, 0, 266, 0x2085779aL, true, check)
                .kind());
        assertEquals(RecordCheck.Kind.CORRUPT, StoredMessageDecoder.check(good, 0, 266, 0, true, check).kind(),
                "PHYSICALOFFSET must match the position");

        ByteBuffer flipped = ByteBuffer.wrap(record.clone());
        flipped.put(90, (byte) 'X');
        assertEquals(RecordCheck.Kind.CORRUPT, StoredMessageDecoder.check(flipped, 0, 266, -1, true, check).kind());
        assertTrue(check.problem().contains("CRC"), check.problem());
        assertEquals(RecordCheck.Kind.MESSAGE, StoredMessageDecoder.check(flipped, 0, 266, -1, false, check).kind(),
                "without CRC verification the body is not read");

        ByteBuffer badMagic = ByteBuffer.wrap(record.clone());
        badMagic.putInt(4, 0x12345678);
        assertEquals(RecordCheck.Kind.CORRUPT, StoredMessageDecoder.check(badMagic, 0, 266, -1, true, check).kind());

        ByteBuffer badLength = ByteBuffer.wrap(record.clone());
        badLength.putShort(84 + 4 + 15 + 1 + 19, (short) 100);
        assertEquals(RecordCheck.Kind.CORRUPT, StoredMessageDecoder.check(badLength, 0, 266, -1, true, check).kind());

        assertEquals(RecordCheck.Kind.INCOMPLETE, StoredMessageDecoder.check(good, 0, 200, -1, true, check).kind());
        assertEquals(RecordCheck.Kind.END, StoredMessageDecoder.check(ByteBuffer.allocate(64), 0, 64, -1, true,
                check).kind());

        ByteBuffer blank = ByteBuffer.allocate(64);
        StoredMessageEncoder.encodeBlank(blank, 0, 64);
        assertEquals(RecordCheck.Kind.BLANK, StoredMessageDecoder.check(blank, 0, 64, -1, true, check).kind());
        assertEquals(64, check.size());
        assertEquals(StoredMessageLayout.BLANK_MAGIC, blank.getInt(4));
        assertNull(StoredMessageDecoder.decodeOne(blank));
    }

    @Test
    void propertiesRoundTripAndSkipEmptyEntries() {
        assertEquals(java.util.Map.of("A", "1", "B", "2"),
                MessageProperties.decode("A\u00011\u0002\u0001x\u0002C\u0001\u0002B\u00012\u0002"));
        assertEquals(0, MessageProperties.tagsCode(null));
        assertEquals("TagA".hashCode(), MessageProperties.tagsCode("TagA"));
    }
}
