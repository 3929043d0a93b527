package org.tidemq.broker.schedule;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.DelayLevels;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * Delivers parked messages (see {@link ParkedMessage}) when they are due. Each delay level has one cursor into its
 * schedule queue ({@link DelayOffsetTable}); a level's entries are due in queue order, because they all wait the
 * same delay after their store time, so a pass stops at the first entry of a level that is not yet due. An entry's
 * due time is its store timestamp plus the level's delay as configured now.
 *
 * <p>Ordering and durability: an entry is delivered by appending the rebuilt message (see {@link DueMessage}); the
 * cursor moves past the entry only after that append succeeded, so a store refusal (disk full, shut down) leaves
 * the entry for the next pass. The cursors are persisted every {@code persistIntervalMs} when changed and at
 * {@link #shutdown()}; after a crash the entries delivered since the last persist are delivered once more
 * (at-least-once, as in RocketMQ), after a clean shutdown none are. A parked record that names no usable
 * destination, or whose CommitLog data is gone, is skipped with a warning.
 *
 * <p>Precision: a pass runs every {@code checkIntervalMs} (default {@value #DEFAULT_CHECK_INTERVAL_MS} ms) on the
 * scheduler's thread, so a due entry is delivered at most that long plus the pass's own work late.
 *
 * <p>Thread-safety: passes never overlap (the {@link PeriodicScheduler} contract; {@link #deliverDue()} is
 * synchronized for direct callers). Only a master runs this service: a slave takes its master's progress.
 */
public final class ScheduleMessageService {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);

    public static final long DEFAULT_CHECK_INTERVAL_MS = 20;
    public static final long DEFAULT_PERSIST_INTERVAL_MS = 1_000;

    private final MessageStore store;
    private final DelayLevels levels;
    private final DelayOffsetTable offsets;
    private final LongSupplier clock;
    private PeriodicScheduler.ScheduledTask deliveryTask;
    private PeriodicScheduler.ScheduledTask persistTask;

    /** @param clock wall-clock milliseconds, comparable with the store's timestamps */
    public ScheduleMessageService(MessageStore store, DelayLevels levels, DelayOffsetTable offsets,
                                  LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.levels = Objects.requireNonNull(levels, "levels");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the periodic delivery passes and progress writes on {@code scheduler}. */
    public synchronized void start(PeriodicScheduler scheduler, long checkIntervalMs, long persistIntervalMs) {
        if (checkIntervalMs <= 0 || persistIntervalMs <= 0) {
            throw new IllegalArgumentException("checkIntervalMs and persistIntervalMs must be > 0, got "
                    + checkIntervalMs + " and " + persistIntervalMs);
        }
        if (deliveryTask != null) {
            throw new IllegalStateException("already started");
        }
        deliveryTask = scheduler.scheduleAtFixedRate(this::deliverQuietly, checkIntervalMs, checkIntervalMs);
        persistTask = scheduler.scheduleAtFixedRate(this::persistQuietly, persistIntervalMs, persistIntervalMs);
    }

    public DelayOffsetTable offsets() {
        return offsets;
    }

    /**
     * One pass: delivers every entry that is due now, level by level.
     *
     * @return how many messages were delivered
     */
    public synchronized int deliverDue() {
        long now = clock.getAsLong();
        int delivered = 0;
        for (int level = 1; level <= levels.maxLevel(); level++) {
            delivered += deliverLevel(level, now);
        }
        return delivered;
    }

    private int deliverLevel(int level, long now) {
        int queueId = level - 1;
        String topic = TopicNames.SCHEDULE_TOPIC;
        long maxOffset = store.getMaxOffsetInQueue(topic, queueId);
        long offset = offsets.offset(level);
        if (offset >= maxOffset) {
            return 0;
        }
        long minOffset = store.getMinOffsetInQueue(topic, queueId);
        if (offset < minOffset) {
            LOG.warn("schedule queue of level {} starts at {}, past the delivery offset {}: the entries between"
                    + " were deleted before delivery", level, minOffset, offset);
            offset = minOffset;
            offsets.advance(level, offset);
        }
        long delayMillis = levels.delayMillisOf(level);
        int delivered = 0;
        while (offset < maxOffset) {
            long storeTimestamp = store.getMessageStoreTimestamp(topic, queueId, offset);
            if (storeTimestamp < 0 || storeTimestamp + delayMillis > now) {
                break;
            }
            Outcome outcome = deliver(level, queueId, offset);
            if (outcome == Outcome.RETRY_LATER) {
                break;
            }
            if (outcome == Outcome.DELIVERED) {
                delivered++;
            }
            offset++;
            offsets.advance(level, offset);
        }
        return delivered;
    }

    private enum Outcome { DELIVERED, SKIPPED, RETRY_LATER }

    private Outcome deliver(int level, int queueId, long offset) {
        long physicalOffset = store.getCommitLogOffsetInQueue(TopicNames.SCHEDULE_TOPIC, queueId, offset);
        MappedBufferSlice record = physicalOffset < 0 ? null : store.selectOneMessageByOffset(physicalOffset);
        if (record == null && physicalOffset >= store.getDispatchedPhyOffset()) {
            // Consume-queue entries become visible a moment before the dispatched offset passes their record.
            return Outcome.RETRY_LATER;
        }
        if (record == null) {
            LOG.warn("schedule entry {} of level {} has no CommitLog record any more (offset {}); skipped", offset,
                    level, physicalOffset);
            return Outcome.SKIPPED;
        }
        try {
            StoredMessage parked = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            MessageToStore due = parked == null ? null : DueMessage.rebuild(parked);
            if (due == null) {
                LOG.warn("schedule entry {} of level {} (CommitLog offset {}) names no real topic and queue; skipped",
                        offset, level, physicalOffset);
                return Outcome.SKIPPED;
            }
            PutMessageResult put = store.putMessage(due);
            if (!put.isAppended()) {
                LOG.warn("delivering schedule entry {} of level {} to {} failed: {} {}; retrying at the next pass",
                        offset, level, due.topic(), put.status(), put.reason() == null ? "" : put.reason());
                return Outcome.RETRY_LATER;
            }
            return Outcome.DELIVERED;
        } finally {
            record.release();
        }
    }

    private void deliverQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.error("delivery pass over the schedule queues failed; retrying at the next pass", e);
        }
    }

    /** One progress write: persists if changed; a failure is logged and left for the next tick. */
    void persistQuietly() {
        try {
            offsets.persistIfChanged();
        } catch (IOException | RuntimeException e) {
            LOG.error("persisting delay offsets to {} failed; retrying at the next tick", offsets.file(), e);
        }
    }

    /**
     * Stops the passes and writes the progress one last time.
     *
     * @throws IOException when that final write fails
     */
    public synchronized void shutdown() throws IOException {
        if (deliveryTask != null) {
            deliveryTask.cancel();
            deliveryTask = null;
        }
        if (persistTask != null) {
            persistTask.cancel();
            persistTask = null;
        }
        offsets.persistIfChanged();
    }
}
