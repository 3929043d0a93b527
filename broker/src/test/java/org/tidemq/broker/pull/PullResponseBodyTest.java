package org.tidemq.broker.pull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.message.MessageToStore;

/** The pull body is a view of the mapped CommitLog and gives the segment back when the transport releases it. */
class PullResponseBodyTest {
    @TempDir
    Path dir;

    @Test
    void bodyViewsTheStoredRecordsAndReleasesTheirSegmentWithItself() throws Exception {
        BrokerConfig config = TestBrokers.config(dir, Map.of());
        try (DefaultMessageStore store = DefaultMessageStore.open(config.store())) {
            InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
            for (String text : new String[] {"one", "two"}) {
                store.putMessage(new MessageToStore("T", 0, 0, 0, 1L, host, host, 0, 0, "",
                        ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true));
            }
            await().until(() -> store.getMaxOffsetInQueue("T", 0) == 2);
            GetMessageResult result = store.getMessage("T", 0, 0, 32, 1 << 20, MessageFilter.ALL);
            assertEquals(GetMessageStatus.FOUND, result.status());
            MappedFile segment = result.messages().get(0).segment();
            int referencesWhileHeld = segment.referenceCount();

            ByteBuf body = PullResponseBody.of(result);

            assertEquals(result.bufferTotalSize(), body.readableBytes());
            assertTrue(body.isDirect(), "no heap copy");
            assertEquals(2, TestBrokers.decodeRecords(body).size());
            assertEquals(referencesWhileHeld, segment.referenceCount(), "wrapping takes no extra reference");
            body.release();
            assertEquals(referencesWhileHeld - 2, segment.referenceCount(), "one reference per record given back");
        }
    }
}
