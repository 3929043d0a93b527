package org.tidemq.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.durability.DurabilityStage;
import org.tidemq.store.index.IndexQueryResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * The storage engine as the broker uses it: a CommitLog of RocketMQ-layout records, per-queue ConsumeQueues built
 * from it, an optional key index, flush and recovery.
 *
 * <p><b>Lifecycle.</b> {@code DefaultMessageStore.open(config)} locks the store directory, loads and recovers it
 * (after an abnormal stop the tail is validated and a torn record truncated), and returns a started store. Register
 * hooks ({@link #addDispatcher}, {@link #addDurabilityStage}, {@link #addWriteGate}) right after opening, before
 * traffic. {@link #shutdown()} flushes everything, finishes dispatching, writes the checkpoint and removes the abort
 * marker; after it, appends return SERVICE_NOT_AVAILABLE.
 *
 * <p><b>Threads.</b> Every method is thread-safe. Appends are serialised by one lock; reads never take it.
 *
 * <p><b>Ordering and visibility.</b> Records get increasing physical offsets, and per queue consecutive queue
 * offsets, in append order. A message becomes readable through {@link #getMessage} only after it is complete, has
 * been dispatched, and is within the durability bound (SYNC_FLUSH: flushed; plus any stage's
 * {@link DurabilityStage#visibleOffset()}), so a crash never takes back a message a consumer has seen.
 *
 * <p><b>Zero copy.</b> Bodies go from the caller's buffer into the mapped CommitLog and come back as views of it;
 * results holding views must be released.
 */
public interface MessageStore extends AutoCloseable {

    // ---- writes -------------------------------------------------------------------------------------------

    /**
     * Appends one message. Returns at once with the append outcome; {@link PutMessageResult#durability()} completes
     * when the configured durability is reached. Never throws for bad input: returns MESSAGE_ILLEGAL /
     * PROPERTIES_SIZE_EXCEEDED / SERVICE_NOT_AVAILABLE / OS_PAGECACHE_BUSY with a reason.
     */
    PutMessageResult putMessage(MessageToStore message);

    /**
     * Appends a batch atomically under one lock: same topic and queue (else MESSAGE_ILLEGAL), contiguous records in
     * one segment, consecutive queue offsets. One durability wait covers the batch.
     */
    PutMessageResult putMessages(List<MessageToStore> batch);

    // ---- reads --------------------------------------------------------------------------------------------

    /**
     * Reads up to {@code maxMsgNums} messages (and at most {@code maxTotalBytes}, but always at least one) of a
     * queue from {@code offset}, skipping entries the filter rejects. The result holds views of the mapped CommitLog:
     * release it.
     */
    GetMessageResult getMessage(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes,
            MessageFilter filter);

    /** Queue offset just past the last visible message (0 for an unknown queue). */
    long getMaxOffsetInQueue(String topic, int queueId);

    /** Lowest queue offset still readable (0 for an unknown queue). */
    long getMinOffsetInQueue(String topic, int queueId);

    /**
     * The first queue offset whose message was stored at or after {@code timestampMs}; the max offset if none, the
     * min offset if all are later. Binary search over the queue using store timestamps.
     */
    long getOffsetInQueueByTime(String topic, int queueId, long timestampMs);

    /** CommitLog offset of the message at a queue offset, or -1. */
    long getCommitLogOffsetInQueue(String topic, int queueId, long queueOffset);

    /** Store time of the message at a queue offset, or -1. */
    long getMessageStoreTimestamp(String topic, int queueId, long queueOffset);

    /** Store time of the first readable message of a queue, or -1. */
    long getEarliestMessageTime(String topic, int queueId);

    /** Store time of the first message in the CommitLog, or -1 when empty. */
    long getEarliestMessageTime();

    /**
     * The whole record at a physical offset (view + reference; release it), or null if there is no valid, visible
     * record there.
     */
    MappedBufferSlice selectOneMessageByOffset(long commitLogOffset);

    /**
     * CommitLog offsets of messages of {@code topic} indexed under {@code key} (a KEYS token or the UNIQ_KEY) and
     * stored within [begin, end] ms, newest first; empty when {@code messageIndexEnable} is false. Candidates may
     * collide on the key hash: read them with {@link #selectOneMessageByOffset} and check the key.
     */
    IndexQueryResult queryMessageOffsets(String topic, String key, int maxNum, long beginTimestamp,
            long endTimestamp);

    /** Topics with at least one ConsumeQueue. */
    Set<String> topics();

    // ---- CommitLog positions and replication ------------------------------------------------------------

    long getMinPhyOffset();

    /** Offset just past the last complete byte written to the CommitLog. */
    long getMaxPhyOffset();

    /** Offset up to which the CommitLog is forced to disk. */
    long getFlushedPhyOffset();

    /** Offset up to which records were dispatched (readable through ConsumeQueues). */
    long getDispatchedPhyOffset();

    /**
     * Raw CommitLog bytes from {@code offset} to the end of the written part of its segment (master side of
     * replication; blank fillers included). A view; release it. Null if nothing is there.
     */
    MappedBufferSlice getCommitLogData(long offset);

    /**
     * Slave side of replication: appends raw CommitLog bytes (records may be split across calls) at
     * {@code startOffset}, which must equal {@link #getMaxPhyOffset()}; complete records are then dispatched as
     * usual.
     *
     * @return false (nothing written) if the offset does not match or the bytes cannot be stored
     */
    boolean appendToCommitLog(long startOffset, ByteBuffer data);

    /**
     * Cuts the CommitLog at {@code commitLogOffset} (which must be a record boundary) and drops ConsumeQueue and
     * index entries past it; queue offsets restart from what remains (slave re-syncing with a new master).
     */
    void truncateTo(long commitLogOffset);

    // ---- hooks ----------------------------------------------------------------------------------------------

    /** Adds a dispatcher fed every record from now on (call before traffic). */
    void addDispatcher(CommitLogDispatcher dispatcher);

    /** Adds a durability stage awaited by every later append and bounding visibility (call before traffic). */
    void addDurabilityStage(DurabilityStage stage);

    /** Adds a gate every later append consults. */
    void addWriteGate(WriteGate gate);

    // ---- admin ----------------------------------------------------------------------------------------------

    /** Drops the ConsumeQueues and queue offsets of a topic (its CommitLog records stay until retention). */
    void deleteTopic(String topic);

    /** Whether the previous run ended without {@link #shutdown()} (recovery validated the tail). */
    boolean wasAbnormalShutdown();

    /** Flushes, finishes dispatching, writes the checkpoint, removes the abort marker, unmaps. Idempotent. */
    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
