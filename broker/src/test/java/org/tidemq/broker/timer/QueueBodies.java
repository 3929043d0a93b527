package org.tidemq.broker.timer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/** What a queue holds, as UTF-8 bodies in queue order, read straight from the store (for assertions). */
final class QueueBodies {
    private QueueBodies() {
    }

    /** The bodies of {@code topic}'s queue {@code queueId} from offset 0 to its end; an unreadable offset is skipped. */
    static List<String> of(MessageStore store, String topic, int queueId) {
        List<String> bodies = new ArrayList<>();
        for (long offset = 0; offset < store.getMaxOffsetInQueue(topic, queueId); offset++) {
            MappedBufferSlice record = store.selectOneMessageByOffset(
                    store.getCommitLogOffsetInQueue(topic, queueId, offset));
            if (record == null) {
                continue;
            }
            try {
                StoredMessage message = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
                bodies.add(StandardCharsets.UTF_8.decode(message.body()).toString());
            } finally {
                record.release();
            }
        }
        return bodies;
    }
}
