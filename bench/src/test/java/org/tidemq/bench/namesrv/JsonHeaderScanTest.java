package org.tidemq.bench.namesrv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonHeaderScanTest {

    @Test
    void readsCodeAndOpaqueInAnyKeyOrder() {
        ByteBuf fastjsonOrder = json("{\"code\":0,\"flag\":1,\"language\":\"JAVA\",\"opaque\":2147483647,"
                + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":453}");
        ByteBuf otherOrder = json("{\"opaque\":17,\"remark\":\"x\",\"code\":-3}");

        assertEquals(0, scan(fastjsonOrder, JsonHeaderScan.CODE_KEY));
        assertEquals(Integer.MAX_VALUE, scan(fastjsonOrder, JsonHeaderScan.OPAQUE_KEY));
        assertEquals(-3, scan(otherOrder, JsonHeaderScan.CODE_KEY));
        assertEquals(17, scan(otherOrder, JsonHeaderScan.OPAQUE_KEY));
    }

    @Test
    void keyInsideAnEscapedStringOrMissingIsAbsent() {
        ByteBuf header = json("{\"remark\":\"\\\"code\\\":5\",\"opaque\":\"x\"}");

        assertEquals(JsonHeaderScan.ABSENT, scan(header, JsonHeaderScan.CODE_KEY));
        assertEquals(JsonHeaderScan.ABSENT, scan(header, JsonHeaderScan.OPAQUE_KEY), "not an int");
    }

    @Test
    void looksOnlyWithinTheGivenRange() {
        ByteBuf header = json("{\"flag\":1}{\"code\":7}");

        assertEquals(JsonHeaderScan.ABSENT, JsonHeaderScan.intField(header, 0, 10, JsonHeaderScan.CODE_KEY));
        assertEquals(7, JsonHeaderScan.intField(header, 10, header.writerIndex(), JsonHeaderScan.CODE_KEY));
    }

    private static long scan(ByteBuf header, byte[] key) {
        return JsonHeaderScan.intField(header, header.readerIndex(), header.writerIndex(), key);
    }

    private static ByteBuf json(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
