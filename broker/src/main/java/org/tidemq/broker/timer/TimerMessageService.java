package org.tidemq.broker.timer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.broker.schedule.DueMessage;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.MessageStore;
import org.tidemq.store.index.IndexQueryResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * Indexes parked timed messages and fires them when due. One pass ({@link #runOnce()}, every
 * {@value #DEFAULT_TICK_MS} ms on its own thread) does, in order:
 * <ol>
 *   <li><b>index</b>: follows queue 0 of {@link TimerProperties#TIMER_TOPIC} from the wheel's NEXT_QUEUE_OFFSET;
 *       each parked record gets a {@link TimerLog} entry linked into the {@link TimerWheel} slot of its deliver time
 *       (a slot already loaded, i.e. a deliver time near or past, links into the latest loaded slot and joins the
 *       pending set at once);</li>
 *   <li><b>load</b>: slots up to one precision ahead of now move their PENDING entries into the in-heap
 *       {@link PendingTimers} (only the near term is on the heap; every other timer lives in the mapped files);</li>
 *   <li><b>fire</b>: every pending timer whose deliver time is reached is re-put to its real topic and queue
 *       ({@link DueMessage}'s rules, read by {@link DueRecord}: REAL_TOPIC/REAL_QID removed, body, keys, UNIQ_KEY,
 *       TIMER_* properties kept) and its entry marked FIRED after the append; due timers are appended in batches per
 *       destination queue ({@link FiringBatch}); a refused put is retried at the next pass;</li>
 *   <li><b>progress</b>: FIRED_THROUGH_SLOT = the last slot before the lowest one with an unfired loaded timer.</li>
 * </ol>
 *
 * <p><b>Rolling.</b> CommitLog retention deletes segments {@code fileReservedTime} after their last write, which can
 * be sooner than a timer's deliver time. A timer due more than {@code rollWindowMs} after its parked record was
 * stored is linked into the slot {@code rollWindowMs} after that store time instead; when that slot comes up the
 * record is re-put, unchanged, to the timer topic (a fresh record, indexed again) and the old entry marked done. A
 * process crash between that re-put and the mark (or a promotion of a slave, whose copy of the old entry was never
 * marked) leaves the old entry PENDING: such a roll entry (linked into a slot before its deliver time's) whose slot
 * came up before the service started is first looked up in the key index, and a later parked copy of the same timer
 * (same UNIQ_KEY, real topic and deliver time) makes it done without a put.
 *
 * <p><b>Cancellation</b> (RocketMQ 5.x): a parked record carrying {@link TimerProperties#DEL_UNIQKEY} is not a timer;
 * indexing it marks CANCELLED every PENDING parked copy, stored before it, of the timer with that UNIQ_KEY in the same
 * real topic (found through the key index), and marks itself CANCELLED. A cancelled timer never fires; one already
 * fired is unaffected. Needs {@code messageIndexEnable=true}.
 *
 * <p><b>Reclaiming</b> ({@link #reclaim()}, with the flush): timer-log segments whose every entry is indexed and done
 * are deleted, oldest first. The wheel is a fixed-size file whose slots are reused lap after lap.
 *
 * <p><b>Restart.</b> Progress is the mapped wheel header and the entry states, written as the pass goes, so a process
 * crash loses none of it; an OS crash loses what was not yet forced ({@link #flush()}, every second). On start,
 * loading resumes after FIRED_THROUGH_SLOT and skips entries marked FIRED. Exactly-once across a process crash except
 * for a put that was appended but whose entry was not yet marked: for that, every timer whose deliver time is before
 * the service started is first looked up in the key index (UNIQ_KEY in its real topic, a record carrying
 * TIMER_OUT_MS stored after the parked one): found means already fired. With {@code messageIndexEnable=false} that
 * check finds nothing and such a timer fires again (at-least-once).
 *
 * <p><b>Slave.</b> A slave ({@code firing == false}) indexes the replicated timer queue the same way (cancellations
 * included) but never fires (it refuses writes). Its FIRED_THROUGH_SLOT follows the master's fires as they show up
 * in the replicated CommitLog ({@link #confirmFired}), and trails now by at most {@code maxDelayMs}; when it is
 * restarted as master it reloads the slots after it, and the index check above drops timers its old master fired
 * meanwhile. Entries of slots that fall behind {@code maxDelayMs} unconfirmed are marked EXPIRED, so their segments
 * can be reclaimed; a promotion must therefore happen within {@code maxDelayMs} of the master's loss.
 *
 * <p><b>Precision.</b> A timer fires at or after its deliver time (never before), at most one tick plus the pass's
 * own work late while the broker keeps up.
 *
 * <p>Thread-safety: passes are serialized ({@code synchronized}); the files are touched only inside them.
 */
public final class TimerMessageService {
    private static final Logger LOG = LoggerFactory.getLogger(TimerMessageService.class);

    public static final long DEFAULT_TICK_MS = 10;
    public static final long DEFAULT_FLUSH_INTERVAL_MS = 1_000;
    /** Loading stops adding slots once this many timers are pending (catch-up after a long stop). */
    static final int MAX_PENDING = 200_000;
    /** Bounds one pass's indexing and firing so neither starves the other. */
    static final int MAX_PER_PASS = 50_000;
    private static final int DUPLICATE_CANDIDATES = 32;
    /** A slave looks for its master's fires of a slot this long after the slot ended (replication, index lag). */
    static final long CONFIRM_GRACE_MS = 5_000;
    /** How often a slave looks (a timer not fired yet is looked up again each time). */
    static final long CONFIRM_INTERVAL_MS = 200;
    /** Parked copies of one timer looked for (a roll every day at most: 7 for the default maximum delay). */
    private static final int COPY_CANDIDATES = 64;

    private final MessageStore store;
    private final LongSupplier clock;
    private final TimerLog log;
    private final TimerWheel wheel;
    private final boolean firing;
    private final long maxDelayMs;
    private final long rollWindowMs;
    private final long startedMs;
    private final PendingTimers pending = new PendingTimers();
    private final FiringBatch batch = new FiringBatch();
    private long loadedThrough;
    private long nextConfirmMs;
    private boolean conflictLogged;
    private PeriodicScheduler.ScheduledTask passTask;
    private PeriodicScheduler.ScheduledTask flushTask;
    private boolean closed;

    /**
     * @param firing     true on a master; false on a slave (index only)
     * @param maxDelayMs   timerMaxDelaySec in ms (a slave's reload window)
     * @param rollWindowMs longest a parked record is relied on before it is re-put (below CommitLog retention)
     * @param clock        wall-clock ms, comparable with deliver times
     */
    TimerMessageService(MessageStore store, TimerLog log, TimerWheel wheel, boolean firing, long maxDelayMs,
                        long rollWindowMs, LongSupplier clock) {
        if (rollWindowMs < wheel.precisionMs()) {
            throw new IllegalArgumentException("rollWindowMs " + rollWindowMs + " must be >= the precision "
                    + wheel.precisionMs());
        }
        this.rollWindowMs = rollWindowMs;
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.wheel = Objects.requireNonNull(wheel, "wheel");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firing = firing;
        this.maxDelayMs = maxDelayMs;
        this.startedMs = clock.getAsLong();
        if (wheel.created()) {
            wheel.firedThroughSlot(wheel.slotOf(startedMs) - 1);
            wheel.nextQueueOffset(store.getMinOffsetInQueue(TimerProperties.TIMER_TOPIC,
                    TimerProperties.TIMER_QUEUE_ID));
        }
        this.loadedThrough = wheel.firedThroughSlot();
    }

    /**
     * Opens the files under {@code <storePathRootDir>/timerwheel} ({@code timerlog/} and {@code timerwheel}); two
     * laps of slots cover {@code maxDelayMs}, so a slot is reused only after its timers are long due.
     *
     * @throws IOException when the files cannot be mapped or the wheel was built with another precision/size
     */
    public static TimerMessageService open(Path storePathRootDir, MessageStore store, long precisionMs,
                                           long maxDelayMs, long rollWindowMs, boolean firing, LongSupplier clock)
            throws IOException {
        return open(storePathRootDir, store, precisionMs, maxDelayMs, rollWindowMs, firing, clock,
                TimerLog.DEFAULT_ENTRIES_PER_SEGMENT);
    }

    static TimerMessageService open(Path storePathRootDir, MessageStore store, long precisionMs, long maxDelayMs,
                                    long rollWindowMs, boolean firing, LongSupplier clock, int entriesPerSegment)
            throws IOException {
        Path dir = storePathRootDir.resolve("timerwheel");
        long slotCount = 2 * ((maxDelayMs + precisionMs - 1) / precisionMs) + 4;
        TimerWheel wheel = TimerWheel.open(dir.resolve("timerwheel"), precisionMs, slotCount);
        TimerLog log;
        try {
            log = TimerLog.open(dir.resolve("timerlog"), entriesPerSegment);
        } catch (IOException | RuntimeException e) {
            wheel.close();
            throw e;
        }
        try {
            return new TimerMessageService(store, log, wheel, firing, maxDelayMs, rollWindowMs, clock);
        } catch (RuntimeException e) {
            log.close();
            wheel.close();
            throw e;
        }
    }

    /** Starts the passes and the periodic flush on {@code scheduler}. */
    public synchronized void start(PeriodicScheduler scheduler, long tickMs, long flushIntervalMs) {
        if (passTask != null) {
            throw new IllegalStateException("already started");
        }
        passTask = scheduler.scheduleAtFixedRate(this::runQuietly, tickMs, tickMs);
        flushTask = scheduler.scheduleAtFixedRate(this::flushQuietly, flushIntervalMs, flushIntervalMs);
    }

    /** Outcome of one pass, for tests and logs. */
    public record PassResult(int indexed, int fired) {
    }

    /** One pass: index, load, fire, record progress. */
    public synchronized PassResult runOnce() {
        if (closed) {
            return new PassResult(0, 0);
        }
        long now = clock.getAsLong();
        int indexed = index();
        if (!firing) {
            long trailing = wheel.slotOf(now - maxDelayMs) - 1;
            if (trailing > wheel.firedThroughSlot()) {
                expire(wheel.firedThroughSlot() + 1, trailing);
                wheel.firedThroughSlot(trailing);
            }
            if (now >= nextConfirmMs) {
                nextConfirmMs = now + CONFIRM_INTERVAL_MS;
                confirmFired(now);
            }
            loadedThrough = wheel.firedThroughSlot();
            return new PassResult(indexed, 0);
        }
        load(now);
        int fired = fire(now);
        long lowest = pending.lowestSlot();
        wheel.firedThroughSlot(lowest == Long.MAX_VALUE ? loadedThrough : Math.min(loadedThrough, lowest - 1));
        return new PassResult(indexed, fired);
    }

    /**
     * On a slave: moves FIRED_THROUGH_SLOT over the slots that ended {@link #CONFIRM_GRACE_MS} ago and whose every
     * timer the master is seen to have acted on in the replicated CommitLog (the key index shows its fire in the real
     * topic, or, for a roll entry, a later parked copy), marking those entries FIRED. It stops at the first timer not
     * seen acted on (the master has not fired it, or the master is down): a promotion reloads from there. So a
     * promotion reloads seconds, not {@code maxDelayMs}, of slots while the master keeps up, and the slave's segments
     * are reclaimed as the master's are. Key-less timers cannot be confirmed and hold it back until they expire.
     */
    private void confirmFired(long now) {
        long through = wheel.slotOf(now - CONFIRM_GRACE_MS) - 1;
        int checked = 0;
        while (wheel.firedThroughSlot() < through && checked < MAX_PER_PASS) {
            long slot = wheel.firedThroughSlot() + 1;
            int count = wheel.count(slot);
            long entry = wheel.tail(slot);
            for (int i = 0; i < count && entry != TimerLogLayout.NONE; i++) {
                if (log.state(entry) == TimerLogLayout.STATE_PENDING) {
                    checked++;
                    int outcome = masterOutcome(entry, slot);
                    if (outcome == TimerLogLayout.STATE_PENDING) {
                        return;
                    }
                    log.setState(entry, outcome);
                }
                entry = log.previousInSlot(entry);
            }
            wheel.firedThroughSlot(slot);
        }
    }

    /**
     * What the master did with a timer as far as the replicated CommitLog shows: FIRED (its fire, or for a roll entry
     * its later parked copy, is there), SKIPPED (its record is gone: the master skips such timers too) or PENDING
     * (nothing seen yet).
     */
    private int masterOutcome(long queueOffset, long slot) {
        long physicalOffset = log.commitLogOffset(queueOffset);
        MappedBufferSlice record = store.selectOneMessageByOffset(physicalOffset);
        if (record == null) {
            return physicalOffset < store.getMinPhyOffset() ? TimerLogLayout.STATE_SKIPPED
                    : TimerLogLayout.STATE_PENDING;
        }
        try {
            StoredMessage parked = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            if (parked == null) {
                return TimerLogLayout.STATE_PENDING;
            }
            boolean seen;
            if (slot < wheel.slotOf(log.deliverMs(queueOffset))) {
                seen = rolledBefore(parked, physicalOffset);
            } else {
                String realTopic = MessageProperties.decode(parked.properties()).get(ScheduleProperties.REAL_TOPIC);
                seen = realTopic != null && firedBefore(parked, realTopic);
            }
            return seen ? TimerLogLayout.STATE_FIRED : TimerLogLayout.STATE_PENDING;
        } finally {
            record.release();
        }
    }

    /**
     * On a slave: marks the PENDING entries of slots {@code from..through} EXPIRED. A promotion reloads only slots
     * after FIRED_THROUGH_SLOT, so these entries are never read again, and marking them lets their segments go.
     */
    private void expire(long from, long through) {
        for (long slot = Math.max(from, through - wheel.slotCount() + 1); slot <= through; slot++) {
            int count = wheel.count(slot);
            long entry = wheel.tail(slot);
            for (int i = 0; i < count && entry != TimerLogLayout.NONE; i++) {
                if (log.state(entry) == TimerLogLayout.STATE_PENDING) {
                    log.setState(entry, TimerLogLayout.STATE_EXPIRED);
                }
                entry = log.previousInSlot(entry);
            }
        }
    }

    /**
     * Deletes the timer-log segments whose every entry is indexed and done (fired, skipped, cancelled or, on a slave,
     * expired). Runs with the periodic flush.
     *
     * @return segment files deleted
     */
    public synchronized int reclaim() {
        return closed ? 0 : log.deleteDoneSegments(wheel.nextQueueOffset());
    }

    /** Timers loaded into the heap now (near-term only). */
    public synchronized int pendingInMemory() {
        return pending.size();
    }

    /** Next timer-queue offset to index. */
    public synchronized long indexedThrough() {
        return wheel.nextQueueOffset();
    }

    public synchronized long firedThroughSlot() {
        return wheel.firedThroughSlot();
    }

    TimerLog timerLog() {
        return log;
    }

    TimerWheel timerWheel() {
        return wheel;
    }

    private int index() {
        String topic = TimerProperties.TIMER_TOPIC;
        int queueId = TimerProperties.TIMER_QUEUE_ID;
        long next = wheel.nextQueueOffset();
        long max = store.getMaxOffsetInQueue(topic, queueId);
        long min = store.getMinOffsetInQueue(topic, queueId);
        if (next < min) {
            LOG.warn("timer queue starts at {}, past the next offset to index {}: those timers were deleted"
                    + " before they were indexed", min, next);
            next = min;
            wheel.nextQueueOffset(next);
        }
        int indexed = 0;
        while (next < max && indexed < MAX_PER_PASS) {
            long physicalOffset = store.getCommitLogOffsetInQueue(topic, queueId, next);
            if (physicalOffset < 0) {
                break;
            }
            MappedBufferSlice record = store.selectOneMessageByOffset(physicalOffset);
            if (record == null) {
                if (physicalOffset >= store.getDispatchedPhyOffset()) {
                    break;
                }
                LOG.warn("timer entry {} has no CommitLog record (offset {}); skipped", next, physicalOffset);
                log.setState(next, TimerLogLayout.STATE_SKIPPED);
            } else {
                try {
                    if (!indexRecord(next, physicalOffset, record)) {
                        break;
                    }
                } finally {
                    record.release();
                }
            }
            next++;
            wheel.nextQueueOffset(next);
            indexed++;
        }
        return indexed;
    }

    /** @return false when the wheel cannot take the entry yet (its slot's storage still holds an unfired lap) */
    private boolean indexRecord(long queueOffset, long physicalOffset, MappedBufferSlice record) {
        StoredMessage parked = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
        Map<String, String> properties = parked == null ? Map.of() : MessageProperties.decode(parked.properties());
        long deliverMs = TimedSend.parkedDeliverMs(properties);
        if (deliverMs < 0 || properties.get(ScheduleProperties.REAL_TOPIC) == null) {
            LOG.warn("timer entry {} (CommitLog offset {}) has no {} or real topic; skipped", queueOffset,
                    physicalOffset, TimerProperties.OUT_MS);
            log.setState(queueOffset, TimerLogLayout.STATE_SKIPPED);
            return true;
        }
        String cancelled = properties.get(TimerProperties.DEL_UNIQKEY);
        if (cancelled != null) {
            cancel(cancelled, properties.get(ScheduleProperties.REAL_TOPIC), physicalOffset, queueOffset);
            log.setState(queueOffset, TimerLogLayout.STATE_CANCELLED);
            return true;
        }
        long firedThrough = wheel.firedThroughSlot();
        long actMs = Math.min(deliverMs, parked.storeTimestamp() + rollWindowMs);
        long slot = Math.max(wheel.slotOf(actMs), firing ? loadedThrough : firedThrough + 1);
        if (slot - firedThrough >= wheel.slotCount()) {
            logConflictOnce(queueOffset, slot);
            return false;
        }
        long held = wheel.heldSlot(slot);
        if (held != slot) {
            if (held > firedThrough) {
                logConflictOnce(queueOffset, slot);
                return false;
            }
            wheel.claim(slot);
        }
        long tail = wheel.tail(slot);
        if (tail == queueOffset) {
            // Linked before a crash that came before NEXT_QUEUE_OFFSET moved on: linking again would loop the chain.
            pushIfLoaded(deliverMs, queueOffset, slot);
            return true;
        }
        log.writePending(queueOffset, physicalOffset, parked.totalSize(), deliverMs, tail);
        wheel.link(slot, queueOffset);
        pushIfLoaded(deliverMs, queueOffset, slot);
        return true;
    }

    /**
     * A {@code TIMER_DEL_UNIQKEY} message: marks CANCELLED every PENDING parked copy of the timer with that UNIQ_KEY
     * and real topic parked before it (found through the key index; a loaded one is dropped when it comes up). A
     * timer already fired, or parked after the cancellation, is not affected.
     */
    private void cancel(String uniqKey, String realTopic, long cancelPhysicalOffset, long cancelQueueOffset) {
        int cancelled = 0;
        for (ParkedCopy copy : parkedCopies(uniqKey, realTopic, 0, cancelPhysicalOffset)) {
            if (copy.queueOffset() < cancelQueueOffset
                    && log.state(copy.queueOffset()) == TimerLogLayout.STATE_PENDING) {
                log.setState(copy.queueOffset(), TimerLogLayout.STATE_CANCELLED);
                cancelled++;
            }
        }
        if (cancelled == 0) {
            LOG.info("timer cancellation (timer entry {}) of {} in {} found no pending timer: already fired, never"
                    + " parked, or the key index is disabled", cancelQueueOffset, uniqKey, realTopic);
        }
    }

    /** A parked record of a timer: its timer-queue offset and deliver time. */
    private record ParkedCopy(long physicalOffset, long queueOffset, long deliverMs) {
    }

    /**
     * Parked records (not cancellations) in the timer queue with {@code uniqKey} and {@code realTopic}, stored at
     * CommitLog offsets in [{@code fromPhysical}, {@code belowPhysical}), found through the key index.
     */
    private List<ParkedCopy> parkedCopies(String uniqKey, String realTopic, long fromPhysical,
                                                    long belowPhysical) {
        List<ParkedCopy> copies = new ArrayList<>();
        IndexQueryResult candidates = store.queryMessageOffsets(TimerProperties.TIMER_TOPIC, uniqKey,
                COPY_CANDIDATES, 0, Long.MAX_VALUE);
        for (long offset : candidates.phyOffsets()) {
            if (offset < fromPhysical || offset >= belowPhysical) {
                continue;
            }
            MappedBufferSlice candidate = store.selectOneMessageByOffset(offset);
            if (candidate == null) {
                continue;
            }
            try {
                StoredMessage message = StoredMessageDecoder.decodeOne(candidate.buffer().duplicate());
                if (message == null || !TimerProperties.TIMER_TOPIC.equals(message.topic())
                        || message.queueId() != TimerProperties.TIMER_QUEUE_ID) {
                    continue;
                }
                Map<String, String> properties = MessageProperties.decode(message.properties());
                if (uniqKey.equals(properties.get(MessageProperties.UNIQ_KEY))
                        && realTopic != null && realTopic.equals(properties.get(ScheduleProperties.REAL_TOPIC))
                        && !properties.containsKey(TimerProperties.DEL_UNIQKEY)) {
                    copies.add(new ParkedCopy(offset, message.queueOffset(), TimedSend.parkedDeliverMs(properties)));
                }
            } finally {
                candidate.release();
            }
        }
        return copies;
    }

    /** Whether {@code timer} is linked into a slot before its deliver time's: a roll entry, the only kind re-put. */
    private boolean linkedToRoll(PendingTimers.Timer timer) {
        return timer.linkedSlot() < wheel.slotOf(log.deliverMs(timer.queueOffset()));
    }

    /**
     * Whether a later parked copy of {@code parked} exists (it was rolled before the last stop, or on the old master
     * before a promotion, and that copy is the one to act on).
     */
    private boolean rolledBefore(StoredMessage parked, long physicalOffset) {
        Map<String, String> properties = MessageProperties.decode(parked.properties());
        String uniqKey = properties.get(MessageProperties.UNIQ_KEY);
        if (uniqKey == null) {
            return false;
        }
        long deliverMs = TimedSend.parkedDeliverMs(properties);
        return parkedCopies(uniqKey, properties.get(ScheduleProperties.REAL_TOPIC), physicalOffset + 1,
                Long.MAX_VALUE).stream().anyMatch(copy -> copy.deliverMs() == deliverMs);
    }

    private void pushIfLoaded(long deliverMs, long queueOffset, long slot) {
        if (firing && slot <= loadedThrough) {
            pending.add(new PendingTimers.Timer(actMs(deliverMs, slot), queueOffset, slot));
        }
    }

    /** When to act on an entry linked into {@code slot}: its deliver time, or the slot's start if it is to roll. */
    private long actMs(long deliverMs, long slot) {
        return wheel.slotOf(deliverMs) > slot ? slot * wheel.precisionMs() : deliverMs;
    }

    private void logConflictOnce(long queueOffset, long slot) {
        if (!conflictLogged) {
            conflictLogged = true;
            LOG.warn("timer entry {} (slot {}) waits: the wheel's storage for that slot still holds timers not"
                    + " fired (fired through slot {}); indexing resumes when firing catches up", queueOffset, slot,
                    wheel.firedThroughSlot());
        }
    }

    private void load(long now) {
        long horizon = wheel.slotOf(now + wheel.precisionMs());
        while (loadedThrough < horizon && pending.size() < MAX_PENDING
                && pending.lowestSlot() > loadedThrough + 1 - wheel.slotCount()) {
            long slot = loadedThrough + 1;
            int count = wheel.count(slot);
            long entry = wheel.tail(slot);
            for (int i = 0; i < count && entry != TimerLogLayout.NONE; i++) {
                if (log.state(entry) == TimerLogLayout.STATE_PENDING) {
                    pending.add(new PendingTimers.Timer(actMs(log.deliverMs(entry), slot), entry, slot));
                }
                entry = log.previousInSlot(entry);
            }
            loadedThrough = slot;
        }
    }

    /**
     * Fires the due pending timers in deliver-time order. Each is decoded and checked here, then gathered in
     * {@link #batch} and appended per destination when the batch is full and at the end of the pass; entries are
     * marked FIRED only after their append, so a crash in between re-fires them at most (see the class comment). A
     * refused append puts the refused timers back and ends the pass's firing.
     */
    private int fire(long now) {
        int fired = 0;
        int attempts = 0;
        try {
            PendingTimers.Timer timer;
            while ((timer = pending.peek()) != null && timer.deliverMs() <= now && attempts < MAX_PER_PASS) {
                attempts++;
                if (log.state(timer.queueOffset()) != TimerLogLayout.STATE_PENDING
                        || batch.holds(timer.queueOffset())) {
                    pending.removeFirst();
                    continue;
                }
                Outcome outcome = deliver(timer);
                pending.removeFirst();
                if (outcome == Outcome.GATHERED) {
                    if (batch.isFull()) {
                        int appended = appendGathered();
                        if (appended < 0) {
                            return fired - appended - 1;
                        }
                        fired += appended;
                    }
                    continue;
                }
                log.setState(timer.queueOffset(), outcome == Outcome.SKIPPED ? TimerLogLayout.STATE_SKIPPED
                        : TimerLogLayout.STATE_FIRED);
            }
        } finally {
            // Also when a timer's checks threw: gathered timers are out of the pending set, so they must not
            // outlive the pass (progress is computed from the pending set right after).
            int appended = appendGathered();
            fired += appended < 0 ? -appended - 1 : appended;
        }
        return fired;
    }

    /**
     * Appends the gathered timers, marks the appended FIRED and puts the refused back into the pending set.
     *
     * @return deliveries appended, or {@code -1 - deliveries} when some were refused
     */
    private int appendGathered() {
        if (batch.isEmpty()) {
            return 0;
        }
        FiringBatch.Flushed flushed = batch.flush(store);
        for (FiringBatch.Entry entry : flushed.appended()) {
            log.setState(entry.timer().queueOffset(), TimerLogLayout.STATE_FIRED);
        }
        for (FiringBatch.Entry entry : flushed.refused()) {
            pending.add(entry.timer());
        }
        return flushed.refused().isEmpty() ? flushed.deliveries() : -1 - flushed.deliveries();
    }

    /** GATHERED: in {@link #batch}, appended (and marked) by {@link #appendGathered()}. */
    private enum Outcome { GATHERED, ALREADY_DELIVERED, ROLLED, SKIPPED }

    private Outcome deliver(PendingTimers.Timer timer) {
        boolean roll = log.deliverMs(timer.queueOffset()) > clock.getAsLong();
        long physicalOffset = log.commitLogOffset(timer.queueOffset());
        MappedBufferSlice record = store.selectOneMessageByOffset(physicalOffset);
        if (record == null) {
            LOG.warn("timer entry {} has no CommitLog record any more (offset {}); skipped", timer.queueOffset(),
                    physicalOffset);
            return Outcome.SKIPPED;
        }
        boolean gathered = false;
        try {
            StoredMessage parked = DueRecord.decodeParked(record.buffer().duplicate());
            if (timer.deliverMs() < startedMs && linkedToRoll(timer) && parked != null
                    && rolledBefore(parked, physicalOffset)) {
                return Outcome.ROLLED;
            }
            if (roll && parked != null) {
                batch.add(timer, reparked(parked), record, false);
                gathered = true;
                return Outcome.GATHERED;
            }
            MessageToStore due = parked == null ? null : DueRecord.toDestination(parked);
            if (due == null) {
                LOG.warn("timer entry {} (CommitLog offset {}) names no real topic and queue; skipped",
                        timer.queueOffset(), physicalOffset);
                return Outcome.SKIPPED;
            }
            if (timer.deliverMs() < startedMs && firedBefore(parked, due.topic())) {
                return Outcome.ALREADY_DELIVERED;
            }
            batch.add(timer, due, record, true);
            gathered = true;
            return Outcome.GATHERED;
        } finally {
            if (!gathered) {
                record.release();
            }
        }
    }

    /** The re-park of a timer whose parked record would otherwise outlive CommitLog retention: the same record. */
    private static MessageToStore reparked(StoredMessage parked) {
        return new MessageToStore(TimerProperties.TIMER_TOPIC, TimerProperties.TIMER_QUEUE_ID, parked.flag(),
                parked.sysFlag(), parked.bornTimestamp(), parked.bornHost(), parked.storeHost(),
                parked.reconsumeTimes(), 0, parked.properties(), parked.body(), false);
    }

    /** Whether a delivery of {@code parked} is already in {@code realTopic} (a fire before the last stop). */
    private boolean firedBefore(StoredMessage parked, String realTopic) {
        String uniqKey = MessageProperties.decode(parked.properties()).get(MessageProperties.UNIQ_KEY);
        if (uniqKey == null) {
            return false;
        }
        IndexQueryResult candidates = store.queryMessageOffsets(realTopic, uniqKey, DUPLICATE_CANDIDATES,
                parked.storeTimestamp(), Long.MAX_VALUE);
        for (long offset : candidates.phyOffsets()) {
            MappedBufferSlice candidate = store.selectOneMessageByOffset(offset);
            if (candidate == null) {
                continue;
            }
            try {
                StoredMessage message = StoredMessageDecoder.decodeOne(candidate.buffer().duplicate());
                if (message != null && realTopic.equals(message.topic())) {
                    Map<String, String> properties = MessageProperties.decode(message.properties());
                    if (uniqKey.equals(properties.get(MessageProperties.UNIQ_KEY))
                            && properties.containsKey(TimerProperties.OUT_MS)) {
                        return true;
                    }
                }
            } finally {
                candidate.release();
            }
        }
        return false;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("timer pass failed; retrying at the next tick", e);
        }
    }

    /** Forces the timer log and wheel to disk. */
    public synchronized void flush() {
        if (!closed) {
            log.force();
            wheel.force();
        }
    }

    private void flushQuietly() {
        try {
            flush();
            reclaim();
        } catch (RuntimeException e) {
            LOG.error("flushing the timer wheel failed; retrying at the next tick", e);
        }
    }

    /** Stops the passes, forces and unmaps the files. Idempotent. */
    public void shutdown() {
        PeriodicScheduler.ScheduledTask pass;
        PeriodicScheduler.ScheduledTask flushing;
        synchronized (this) {
            pass = passTask;
            flushing = flushTask;
            passTask = null;
            flushTask = null;
        }
        if (pass != null) {
            pass.cancel();
        }
        if (flushing != null) {
            flushing.cancel();
        }
        synchronized (this) {
            if (!closed) {
                closed = true;
                log.close();
                wheel.close();
            }
        }
    }
}
