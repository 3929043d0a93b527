package org.tidemq.store.crash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.consumequeue.ConsumeQueue;
import org.tidemq.store.consumequeue.ConsumeQueueEntry;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;

/**
 * Checks a recovered store against what the killed writer acknowledged:
 * <ol>
 *   <li>the CommitLog from its minimum to its maximum offset is a chain of valid records (CRC checked) and blank
 *       fillers — no torn or garbage record inside the valid range;</li>
 *   <li>every acknowledged message reads back intact by CommitLog offset, through its ConsumeQueue entry and through
 *       the key index; an acknowledged message whose offset is empty or now holds another message is <em>lost</em>;</li>
 *   <li>every ConsumeQueue entry points to a valid record of its topic and queue, at its queue offset, with the
 *       entry's size and tag hash; and every CommitLog record has the ConsumeQueue entry its queue offset names.</li>
 * </ol>
 */
final class StoreVerifier {

    private static final int MAX_PROBLEMS_REPORTED = 20;

    private final DefaultMessageStore store;
    private final List<String> problems = new ArrayList<>();
    private int problemCount;

    private StoreVerifier(DefaultMessageStore store) {
        this.store = store;
    }

    /**
     * @param lostIds  receives the ids of lost acknowledged messages
     * @return problems found (empty when the store is consistent and nothing acknowledged is damaged)
     */
    static Report verify(DefaultMessageStore store, Collection<Ack> acks, Set<Long> lostIds) {
        StoreVerifier verifier = new StoreVerifier(store);
        int records = verifier.walkCommitLog();
        int entries = verifier.checkConsumeQueues();
        for (Ack ack : acks) {
            if (!lostIds.contains(ack.id()) && !verifier.checkAcknowledged(ack)) {
                lostIds.add(ack.id());
            }
        }
        return new Report(records, entries, List.copyOf(verifier.problems), verifier.problemCount);
    }

    record Report(int commitLogRecords, int consumeQueueEntries, List<String> problems, int problemCount) {
        boolean consistent() {
            return problemCount == 0;
        }
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS_REPORTED) {
            problems.add(text);
        }
    }

    /** Walks every record; checks each consumable one has its ConsumeQueue entry. */
    private int walkCommitLog() {
        long offset = store.getMinPhyOffset();
        long end = store.getMaxPhyOffset();
        int records = 0;
        RecordCheck check = new RecordCheck();
        while (offset < end) {
            MappedBufferSlice data = store.getCommitLogData(offset);
            if (data == null) {
                problem("CommitLog offset " + offset + " below its end " + end + " is not readable");
                return records;
            }
            long next = -1;
            try {
                ByteBuffer buf = data.buffer();
                int position = 0;
                while (next < 0 && position < buf.limit() && offset + position < end) {
                    long at = offset + position;
                    StoredMessageDecoder.check(buf, position, buf.limit(), at, true, check);
                    if (check.kind() == RecordCheck.Kind.MESSAGE) {
                        checkHasQueueEntry(StoredMessageDecoder.decode(buf, position, check), at);
                        records++;
                        position += check.size();
                    } else if (check.kind() == RecordCheck.Kind.BLANK) {
                        next = store.commitLog().nextSegmentStart(at);
                    } else {
                        problem("CommitLog at " + at + " (end " + end + "): " + check.kind() + " " + check.problem());
                        return records;
                    }
                }
                if (next < 0) {
                    next = offset + position;
                }
            } finally {
                data.release();
            }
            offset = next;
        }
        return records;
    }

    private void checkHasQueueEntry(StoredMessage message, long phyOffset) {
        if (!MessageSysFlag.isConsumable(message.sysFlag())) {
            return;
        }
        long indexed = store.getCommitLogOffsetInQueue(message.topic(), message.queueId(), message.queueOffset());
        if (indexed != phyOffset) {
            problem("record at " + phyOffset + " (" + message.topic() + "/" + message.queueId() + " queue offset "
                    + message.queueOffset() + ") has ConsumeQueue entry pointing at " + indexed);
        }
    }

    private int checkConsumeQueues() {
        int checked = 0;
        for (ConsumeQueue queue : store.consumeQueues().all()) {
            long queueOffset = queue.minOffsetInQueue();
            long max = queue.maxOffsetInQueue();
            while (queueOffset < max) {
                MappedBufferSlice entries = queue.selectEntries(queueOffset);
                if (entries == null) {
                    problem(queue + ": no entry at queue offset " + queueOffset + " below the max " + max);
                    break;
                }
                try {
                    ByteBuffer buf = entries.buffer();
                    int count = buf.limit() / ConsumeQueueEntry.ENTRY_SIZE;
                    for (int i = 0; i < count && queueOffset + i < max; i++) {
                        int at = i * ConsumeQueueEntry.ENTRY_SIZE;
                        if (!ConsumeQueueEntry.isFiller(buf, at)) {
                            checkEntry(queue, queueOffset + i, ConsumeQueueEntry.commitLogOffset(buf, at),
                                    ConsumeQueueEntry.size(buf, at), ConsumeQueueEntry.tagsCode(buf, at));
                            checked++;
                        }
                    }
                    queueOffset += count;
                } finally {
                    entries.release();
                }
            }
        }
        return checked;
    }

    private void checkEntry(ConsumeQueue queue, long queueOffset, long phyOffset, int size, long tagsCode) {
        String where = queue.topic() + "/" + queue.queueId() + " queue offset " + queueOffset;
        MappedBufferSlice record = store.selectOneMessageByOffset(phyOffset);
        if (record == null) {
            problem(where + " points at CommitLog offset " + phyOffset + " where no record is readable");
            return;
        }
        try {
            StoredMessage message = StoredMessageDecoder.decodeOne(record.buffer());
            if (message == null) {
                problem(where + " points at a torn or corrupt record at " + phyOffset);
            } else if (message.totalSize() != size || !message.topic().equals(queue.topic())
                    || message.queueId() != queue.queueId() || message.queueOffset() != queueOffset) {
                problem(where + " (size " + size + ") points at " + message.topic() + "/" + message.queueId()
                        + " queue offset " + message.queueOffset() + " of size " + message.totalSize());
            } else {
                String tags = MessageProperties.decode(message.properties()).get(MessageProperties.TAGS);
                if (MessageProperties.tagsCode(tags) != tagsCode) {
                    problem(where + " has tagsCode " + tagsCode + " but the record's TAGS is " + tags);
                }
            }
        } finally {
            record.release();
        }
    }

    /** @return false when the message is lost; damage to a message that is present is a problem */
    private boolean checkAcknowledged(Ack ack) {
        MappedBufferSlice record = store.selectOneMessageByOffset(ack.phyOffset());
        if (record == null) {
            return false;
        }
        try {
            StoredMessage message = StoredMessageDecoder.decodeOne(record.buffer());
            if (message == null) {
                problem("acknowledged " + ack + ": torn or corrupt record served");
                return true;
            }
            Map<String, String> properties = MessageProperties.decode(message.properties());
            if (!ack.uniqKey().equals(properties.get(MessageProperties.UNIQ_KEY))) {
                // Its offset was cut off and reused by a later message.
                return false;
            }
            if (message.bodyCrc() != ack.bodyCrc() || CrashMessages.crc(message.body()) != ack.bodyCrc()
                    || message.totalSize() != ack.size() || !message.topic().equals(ack.topic())
                    || message.queueId() != ack.queueId() || message.queueOffset() != ack.queueOffset()) {
                problem("acknowledged " + ack + " reads back as " + message.topic() + "/" + message.queueId()
                        + " queue offset " + message.queueOffset() + ", size " + message.totalSize() + ", body CRC "
                        + message.bodyCrc());
                return true;
            }
        } finally {
            record.release();
        }
        checkThroughConsumeQueue(ack);
        checkThroughIndex(ack);
        return true;
    }

    private void checkThroughConsumeQueue(Ack ack) {
        try (GetMessageResult result = store.getMessage(ack.topic(), ack.queueId(), ack.queueOffset(), 1, 1 << 20,
                MessageFilter.ALL)) {
            if (result.status() != GetMessageStatus.FOUND || result.messageCount() != 1
                    || result.messages().get(0).startOffset() != ack.phyOffset()) {
                problem("acknowledged " + ack + " not readable through its ConsumeQueue: " + result.status());
                return;
            }
            StoredMessage message = StoredMessageDecoder.decodeOne(result.messages().get(0).buffer());
            if (message == null || CrashMessages.crc(message.body()) != ack.bodyCrc()) {
                problem("acknowledged " + ack + " read through its ConsumeQueue is damaged");
            }
        }
    }

    private void checkThroughIndex(Ack ack) {
        Set<Long> byUniqKey = new HashSet<>(store.queryMessageOffsets(ack.topic(), ack.uniqKey(), 64, 0,
                Long.MAX_VALUE).phyOffsets());
        Set<Long> byKey = new HashSet<>(store.queryMessageOffsets(ack.topic(), Ack.key(ack.id()), 64, 0,
                Long.MAX_VALUE).phyOffsets());
        if (!byUniqKey.contains(ack.phyOffset()) || !byKey.contains(ack.phyOffset())) {
            problem("acknowledged " + ack + " missing from the key index (UNIQ_KEY: " + byUniqKey + ", KEYS: "
                    + byKey + ")");
        }
    }
}
