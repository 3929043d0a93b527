package org.tidemq.broker.filter;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.message.PreparedMessage;
import org.tidemq.store.message.StoredMessageEncoder;

/** Stored-message records with chosen properties, laid out as the CommitLog holds them. */
final class StoredRecords {
    private StoredRecords() {
    }

    static ByteBuffer withProperties(Map<String, String> properties) {
        ByteBuffer body = ByteBuffer.allocateDirect(5).put("hello".getBytes(StandardCharsets.UTF_8)).flip();
        MessageToStore message = new MessageToStore("FilterTopic", 0, 0, 0, 1L,
                new InetSocketAddress("127.0.0.1", 5000), new InetSocketAddress("127.0.0.1", 10911), 0, 0,
                MessageProperties.encode(properties), body, false);
        PreparedMessage prepared = PreparedMessage.prepare(message);
        ByteBuffer record = ByteBuffer.allocate(prepared.recordSize() + 16);
        StoredMessageEncoder.encode(record, 8, prepared, 0, 0, 2L);
        return record.slice(8, prepared.recordSize()).asReadOnlyBuffer();
    }
}
