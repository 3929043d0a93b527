package org.tidemq.broker.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.PutMessageStatus;

/** Send headers (V1 and V2 names), batch bodies, offset message ids and status mapping. */
class SendWireFormatTest {

    @Test
    void headerReadsLongAndShortFieldNamesAlike() {
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG", "T", "TBW102", 4, 2, 1, 123L, 7,
                "a\u0001b\u0002", 3, true, 16, false, "broker-a");
        for (boolean v2 : new boolean[] {false, true}) {
            RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2), v2);
            assertEquals(v2, request.field("b") != null);
            assertEquals(header, SendMessageRequestHeader.parse(request));
        }
    }

    @Test
    void headerWithoutMandatoryFieldNamesIt() {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).putField("a", "PG")
                .putField("b", "T").putField("d", "4").putField("e", "x");
        MissingHeaderFieldException e = assertThrows(MissingHeaderFieldException.class,
                () -> SendMessageRequestHeader.parse(request));
        assertTrue(e.getMessage().contains("e"), e.getMessage());
    }

    @Test
    void batchDecoderSplitsItemsAsViewsOfTheRequest() {
        byte[] props = "KEYS\u0001k1\u0002WAIT\u0001true\u0002".getBytes(StandardCharsets.UTF_8);
        ByteBuf body = Unpooled.directBuffer();
        for (String text : new String[] {"hello", ""}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            body.writeInt(22 + bytes.length + props.length).writeInt(0).writeInt(0).writeInt(9)
                    .writeInt(bytes.length).writeBytes(bytes).writeShort(props.length).writeBytes(props);
        }
        try {
            BatchMessageDecoder.Result result = BatchMessageDecoder.decode(body);
            assertTrue(result.isValid(), result.problem());
            assertEquals(2, result.items().size());
            assertEquals(5, result.items().get(0).body().remaining());
            assertTrue(result.items().get(0).body().isDirect(), "a view of the direct request buffer");
            assertEquals(9, result.items().get(0).flag());
            assertEquals("KEYS\u0001k1\u0002WAIT\u0001true\u0002", result.items().get(1).properties());
            assertEquals(0, result.items().get(1).body().remaining());
        } finally {
            body.release();
        }
    }

    @Test
    void batchDecoderRejectsInconsistentItems() {
        ByteBuf wrongTotal = Unpooled.buffer().writeInt(99).writeInt(0).writeInt(0).writeInt(0).writeInt(1)
                .writeByte('x').writeShort(0);
        assertFalse(BatchMessageDecoder.decode(wrongTotal).isValid());
        assertTrue(BatchMessageDecoder.decode(wrongTotal).problem().contains("totalSize 99"));
        ByteBuf truncated = Unpooled.buffer().writeInt(30).writeInt(0);
        assertFalse(BatchMessageDecoder.decode(truncated).isValid());
        ByteBuf bodyTooLong = Unpooled.buffer().writeInt(30).writeInt(0).writeInt(0).writeInt(0).writeInt(500)
                .writeShort(0);
        assertTrue(BatchMessageDecoder.decode(bodyTooLong).problem().contains("body length 500"));
        assertFalse(BatchMessageDecoder.decode(Unpooled.EMPTY_BUFFER).isValid());
    }

    @Test
    void offsetMessageIdMatchesTheFactSheetExample() {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        assertEquals("7F00000100002A9F000000002085779A", OffsetMessageId.of(host, 0x2085779AL));
        assertEquals(0x2085779AL, OffsetMessageId.physicalOffset("7F00000100002A9F000000002085779A"));
        assertEquals(56, OffsetMessageId.of(new InetSocketAddress("::1", 10911), 1).length());
    }

    @Test
    void storeStatusesMapToSendResponseCodes() {
        assertEquals(ResponseCode.SUCCESS, SendResponses.codeOf(PutMessageStatus.PUT_OK));
        assertEquals(ResponseCode.FLUSH_DISK_TIMEOUT, SendResponses.codeOf(PutMessageStatus.FLUSH_DISK_TIMEOUT));
        assertEquals(ResponseCode.FLUSH_SLAVE_TIMEOUT, SendResponses.codeOf(PutMessageStatus.FLUSH_SLAVE_TIMEOUT));
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, SendResponses.codeOf(PutMessageStatus.SLAVE_NOT_AVAILABLE));
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, SendResponses.codeOf(PutMessageStatus.MESSAGE_ILLEGAL));
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, SendResponses.codeOf(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED));
        assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE,
                SendResponses.codeOf(PutMessageStatus.SERVICE_NOT_AVAILABLE));
        assertEquals(ResponseCode.SYSTEM_ERROR, SendResponses.codeOf(PutMessageStatus.OS_PAGECACHE_BUSY));
        assertTrue(SendResponses.remarkOf(PutMessageStatus.OS_PAGECACHE_BUSY, null).startsWith("[PC_SYNCHRONIZED]"));
        assertEquals("disk full", SendResponses.remarkOf(PutMessageStatus.SERVICE_NOT_AVAILABLE, "disk full"));
        assertNull(SendResponses.remarkOf(PutMessageStatus.FLUSH_DISK_TIMEOUT, null));
    }
}
