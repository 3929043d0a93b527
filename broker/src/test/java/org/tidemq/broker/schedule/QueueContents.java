package org.tidemq.broker.schedule;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/** Reads a whole queue into heap copies, for assertions. */
final class QueueContents {
    record Read(String topic, int queueId, String body, Map<String, String> properties, int reconsumeTimes,
                long bornTimestamp, long storeTimestamp, int flag, InetSocketAddress bornHost) {
    }

    private QueueContents() {
    }

    static List<Read> read(MessageStore store, String topic, int queueId) {
        List<Read> all = new ArrayList<>();
        long offset = store.getMinOffsetInQueue(topic, queueId);
        long max = store.getMaxOffsetInQueue(topic, queueId);
        while (offset < max) {
            try (GetMessageResult result = store.getMessage(topic, queueId, offset, 32, 1 << 20, MessageFilter.ALL)) {
                if (result.messageCount() == 0) {
                    break;
                }
                for (MappedBufferSlice slice : result.messages()) {
                    StoredMessage m = StoredMessageDecoder.decodeOne(slice.buffer().duplicate());
                    all.add(new Read(m.topic(), m.queueId(), StandardCharsets.UTF_8.decode(m.body()).toString(),
                            MessageProperties.decode(m.properties()), m.reconsumeTimes(), m.bornTimestamp(),
                            m.storeTimestamp(), m.flag(), m.bornHost()));
                }
                offset = result.nextBeginOffset();
            }
        }
        return all;
    }

    static List<String> bodies(MessageStore store, String topic, int queueId) {
        return read(store, topic, queueId).stream().map(Read::body).toList();
    }
}
