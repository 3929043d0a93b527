package org.tidemq.common.message;

import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageId;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetMessageIdTest {

    @Test
    void encodesTheFactSheetExample() throws Exception {
        InetSocketAddress broker = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10911);
        OffsetMessageId id = new OffsetMessageId(broker, 0x2085779AL);

        assertEquals("7F00000100002A9F000000002085779A", id.encode());
        assertEquals(MessageDecoder.createMessageId(broker, 0x2085779AL), id.encode());
    }

    @Test
    void decodesWhatTheOfficialCodecEncodesAndViceVersa() throws Exception {
        InetSocketAddress broker = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 30911);
        String official = MessageDecoder.createMessageId(broker, 987_654_321_012L);

        OffsetMessageId ours = OffsetMessageId.decode(official);
        assertEquals(broker, ours.storeHost());
        assertEquals(987_654_321_012L, ours.commitLogOffset());
        assertTrue(ours.isIpv4());

        MessageId back = MessageDecoder.decodeMessageId(ours.encode());
        assertEquals(broker, back.getAddress());
        assertEquals(987_654_321_012L, back.getOffset());
    }

    @Test
    void roundTripsIpv6Addresses() throws Exception {
        InetSocketAddress broker = new InetSocketAddress(InetAddress.getByName("fe80::1:2:3:4"), 10911);
        String text = new OffsetMessageId(broker, 42).encode();

        assertEquals(56, text.length());
        assertEquals(MessageDecoder.createMessageId(broker, 42), text);
        OffsetMessageId decoded = OffsetMessageId.decode(text);
        assertEquals(broker.getAddress(), decoded.storeHost().getAddress());
        assertEquals(10911, decoded.storeHost().getPort());
        assertEquals(42, decoded.commitLogOffset());
    }

    @Test
    void decodesLowerCaseHex() {
        assertEquals(0x2085779AL, OffsetMessageId.decode("7f00000100002a9f000000002085779a").commitLogOffset());
    }

    @Test
    void rejectsMalformedIdsNamingTheProblem() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> OffsetMessageId.decode("7F00000100002A9F"));
        assertTrue(length.getMessage().contains("32 or 56 hex chars"), length.getMessage());

        IllegalArgumentException hex = assertThrows(IllegalArgumentException.class,
                () -> OffsetMessageId.decode("ZZ00000100002A9F000000002085779A"));
        assertTrue(hex.getMessage().contains("not hex"), hex.getMessage());

        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> OffsetMessageId.decode("7F000001FFFFFFFF000000002085779A"));
        assertTrue(port.getMessage().contains("invalid port"), port.getMessage());
    }
}
