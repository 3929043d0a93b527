package org.tidemq.broker.timer;

import java.io.IOException;
import java.nio.file.Path;
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
import org.tidemq.store.PutMessageResult;
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
 *       ({@link DueMessage}: REAL_TOPIC/REAL_QID removed, body, keys, UNIQ_KEY, TIMER_* properties kept) and its entry
 *       marked FIRED; a refused put is retried at the next pass;</li>
 *   <li><b>progress</b>: FIRED_THROUGH_SLOT = the last slot before the lowest one with an unfired loaded timer.</li>
 * </ol>
 *
 * <p><b>Rolling.</b> CommitLog retention deletes segments {@code fileReservedTime} after their last write, which can
 * be sooner than a timer's deliver time. A timer due more than {@code rollWindowMs} after its parked record was
 * stored is linked into the slot {@code rollWindowMs} after that store time instead; when that slot comes up the
 * record is re-put, unchanged, to the timer topic (a fresh record, indexed again) and the old entry marked done. A
 * process crash between that re-put and the mark leaves two parked copies, and the timer then fires twice.
 *
 * <p><b>Restart.</b> Progress is the mapped wheel header and the entry states, written as the pass goes, so a process
 * crash loses none of it; an OS crash loses what was not yet forced ({@link #flush()}, every second). On start,
 * loading resumes after FIRED_THROUGH_SLOT and skips entries marked FIRED. Exactly-once across a process crash except
 * for a put that was appended but whose entry was not yet marked: for that, every timer whose deliver time is before
 * the service started is first looked up in the key index (UNIQ_KEY in its real topic, a record carrying
 * TIMER_OUT_MS stored after the parked one): found means already fired. With {@code messageIndexEnable=false} that
 * check finds nothing and such a timer fires again (at-least-once).
 *
 * <p><b>Slave.</b> A slave ({@code firing == false}) indexes the replicated timer queue the same way but never fires
 * (it refuses writes); its FIRED_THROUGH_SLOT trails now by {@code maxDelayMs}, so when it is restarted as master it
 * reloads the last {@code maxDelayMs} of slots and the index check above drops those its old master already fired.
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

    private final MessageStore store;
    private final LongSupplier clock;
    private final TimerLog log;
    private final TimerWheel wheel;
    private final boolean firing;
    private final long maxDelayMs;
    private final long rollWindowMs;
    private final long startedMs;
    private final PendingTimers pending = new PendingTimers();
    private long loadedThrough;
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
                wheel.firedThroughSlot(trailing);
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

    private int fire(long now) {
        int fired = 0;
        int attempts = 0;
        PendingTimers.Timer timer;
        while ((timer = pending.peek()) != null && timer.deliverMs() <= now && attempts < MAX_PER_PASS) {
            attempts++;
            if (log.state(timer.queueOffset()) != TimerLogLayout.STATE_PENDING) {
                pending.removeFirst();
                continue;
            }
            Outcome outcome = deliver(timer);
            if (outcome == Outcome.RETRY_LATER) {
                break;
            }
            log.setState(timer.queueOffset(), outcome == Outcome.SKIPPED ? TimerLogLayout.STATE_SKIPPED
                    : TimerLogLayout.STATE_FIRED);
            pending.removeFirst();
            if (outcome == Outcome.DELIVERED) {
                fired++;
            }
        }
        return fired;
    }

    private enum Outcome { DELIVERED, ALREADY_DELIVERED, ROLLED, SKIPPED, RETRY_LATER }

    private Outcome deliver(PendingTimers.Timer timer) {
        boolean roll = log.deliverMs(timer.queueOffset()) > clock.getAsLong();
        long physicalOffset = log.commitLogOffset(timer.queueOffset());
        MappedBufferSlice record = store.selectOneMessageByOffset(physicalOffset);
        if (record == null) {
            LOG.warn("timer entry {} has no CommitLog record any more (offset {}); skipped", timer.queueOffset(),
                    physicalOffset);
            return Outcome.SKIPPED;
        }
        try {
            StoredMessage parked = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            if (roll && parked != null) {
                return reput(timer, parked);
            }
            MessageToStore due = parked == null ? null : DueMessage.rebuild(parked);
            if (due == null) {
                LOG.warn("timer entry {} (CommitLog offset {}) names no real topic and queue; skipped",
                        timer.queueOffset(), physicalOffset);
                return Outcome.SKIPPED;
            }
            if (timer.deliverMs() < startedMs && firedBefore(parked, due.topic())) {
                return Outcome.ALREADY_DELIVERED;
            }
            PutMessageResult put = store.putMessage(due);
            if (!put.isAppended()) {
                LOG.warn("firing timer entry {} to {} failed: {} {}; retrying at the next pass", timer.queueOffset(),
                        due.topic(), put.status(), put.reason() == null ? "" : put.reason());
                return Outcome.RETRY_LATER;
            }
            return Outcome.DELIVERED;
        } finally {
            record.release();
        }
    }

    /** Re-parks a timer whose parked record would otherwise outlive CommitLog retention. */
    private Outcome reput(PendingTimers.Timer timer, StoredMessage parked) {
        PutMessageResult put = store.putMessage(new MessageToStore(TimerProperties.TIMER_TOPIC,
                TimerProperties.TIMER_QUEUE_ID, parked.flag(), parked.sysFlag(), parked.bornTimestamp(),
                parked.bornHost(), parked.storeHost(), parked.reconsumeTimes(), 0, parked.properties(), parked.body(),
                false));
        if (!put.isAppended()) {
            LOG.warn("rolling timer entry {} failed: {} {}; retrying at the next pass", timer.queueOffset(),
                    put.status(), put.reason() == null ? "" : put.reason());
            return Outcome.RETRY_LATER;
        }
        return Outcome.ROLLED;
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
