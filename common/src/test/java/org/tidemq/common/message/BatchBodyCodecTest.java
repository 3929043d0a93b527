package org.tidemq.common.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchBodyCodecTest {

    private static BatchItem factSheetItem() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("KEYS", "k1");
        properties.put("ukey", "uval");
        properties.put("WAIT", "true");
        properties.put("TAGS", "TagA");
        return new BatchItem(0, "hello".getBytes(StandardCharsets.UTF_8), properties);
    }

    @Test
    void encodesTheFactSheetGoldenBytes() {
        ByteBuf out = Unpooled.buffer();
        BatchBodyCodec.encode(List.of(factSheetItem()), out);

        String expected = "00000041" + "00000000" + "00000000" + "00000000" + "00000005" + "68656c6c6f" + "0026"
                + ByteBufUtil.hexDump("KEYS\u0001k1\u0002ukey\u0001uval\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, ByteBufUtil.hexDump(out));
        assertEquals(out.readableBytes(), BatchBodyCodec.encodedLength(List.of(factSheetItem())));
    }

    @Test
    void officialDecoderReadsOurBatch() throws Exception {
        Map<String, String> second = new LinkedHashMap<>();
        second.put("UNIQ_KEY", "0A141E28ABCD010203040000000A0001");
        second.put("WAIT", "true");
        List<BatchItem> items = List.of(factSheetItem(), new BatchItem(7, new byte[0], second));
        ByteBuf out = Unpooled.buffer();
        BatchBodyCodec.encode(items, out);

        List<Message> decoded = MessageDecoder.decodeMessages(ByteBuffer.wrap(ByteBufUtil.getBytes(out)));

        assertEquals(2, decoded.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), decoded.get(0).getBody());
        assertEquals("TagA", decoded.get(0).getTags());
        assertEquals("k1", decoded.get(0).getKeys());
        assertEquals("uval", decoded.get(0).getUserProperty("ukey"));
        assertEquals(7, decoded.get(1).getFlag());
        assertEquals(0, decoded.get(1).getBody().length);
        assertEquals("0A141E28ABCD010203040000000A0001", decoded.get(1).getProperty("UNIQ_KEY"));
    }

    @Test
    void decodesWhatTheOfficialEncoderWrites() {
        Message official = new Message("T", "TagB", "key-9", "payload".getBytes(StandardCharsets.UTF_8));
        official.putUserProperty("color", "blue");
        official.setFlag(3);
        byte[] encoded = MessageDecoder.encodeMessages(List.of(official, official));

        List<BatchItem> items = BatchBodyCodec.decode(Unpooled.wrappedBuffer(encoded));

        assertEquals(2, items.size());
        for (BatchItem item : items) {
            assertEquals(3, item.flag());
            assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), item.body());
            assertEquals("TagB", item.properties().get(MessageProperties.TAGS));
            assertEquals("key-9", item.properties().get(MessageProperties.KEYS));
            assertEquals("blue", item.properties().get("color"));
        }
    }

    @Test
    void rejectsTruncatedAndInconsistentBodies() {
        ByteBuf out = Unpooled.buffer();
        BatchBodyCodec.encode(List.of(factSheetItem()), out);

        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> BatchBodyCodec.decode(out.copy(0, out.readableBytes() - 3)));
        assertTrue(truncated.getMessage().contains("batch item 0"), truncated.getMessage());

        ByteBuf wrongSize = out.copy();
        wrongSize.setInt(BatchItemLayout.BODY_LENGTH, 6);
        IllegalArgumentException inconsistent = assertThrows(IllegalArgumentException.class,
                () -> BatchBodyCodec.decode(wrongSize));
        assertTrue(inconsistent.getMessage().contains("does not match"), inconsistent.getMessage());
    }

    @Test
    void rejectsPropertiesOverTheShortLimit() {
        BatchItem huge = new BatchItem(0, new byte[1], Map.of("big", "x".repeat(BatchItemLayout.MAX_PROPERTIES_BYTES)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchBodyCodec.encode(List.of(huge), Unpooled.buffer()));
        assertTrue(e.getMessage().contains("more than the limit of 32767"), e.getMessage());
    }
}
