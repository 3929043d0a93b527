package org.tidemq.broker.transaction;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.TransactionConfig;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.MessageStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * Checks back unresolved half messages. A pass (every {@code transactionCheckInterval}) walks the half queue from
 * {@link TransactionProgress#halfOffset()}: resolved offsets are skipped without reading the message; an unresolved
 * message older than {@code transactionTimeOut} (or its own {@code CHECK_IMMUNITY_TIME_IN_SECONDS}) is checked back
 * with its producer group, once per pass; one already checked {@code transactionCheckMax} times is discarded (an op
 * record) and logged. The walk stops at the first message too young to check (half messages are stored in time
 * order), so a pass reads only open transactions. The progress moves past the leading run of resolved offsets.
 *
 * <p>Memory: message data is read one record at a time from the store and released; the service keeps offsets and
 * counts only. Durability: the progress is persisted every {@code persistIntervalMs} when changed and at
 * {@link #shutdown()}; resolution itself is in the CommitLog (op records).
 *
 * <p>Thread-safety: passes never overlap ({@link #checkOnce()} is synchronized). Only a master runs this service.
 */
public final class TransactionCheckService {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);

    public static final long DEFAULT_PERSIST_INTERVAL_MS = 1_000;

    private final MessageStore store;
    private final TransactionResolver resolver;
    private final TransactionProgress progress;
    private final CheckBackSender sender;
    private final TransactionConfig config;
    private final LongSupplier clock;
    private PeriodicScheduler.ScheduledTask checkTask;
    private PeriodicScheduler.ScheduledTask persistTask;

    /** What one pass did. */
    public record Pass(int checked, int discarded, long halfOffset) {
    }

    /** @param clock wall-clock milliseconds, comparable with the store's timestamps */
    public TransactionCheckService(MessageStore store, TransactionResolver resolver, TransactionProgress progress,
                                   CheckBackSender sender, TransactionConfig config, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts passes every {@code transactionCheckInterval} and progress writes on {@code scheduler}. */
    public synchronized void start(PeriodicScheduler scheduler, long persistIntervalMs) {
        if (persistIntervalMs <= 0) {
            throw new IllegalArgumentException("persistIntervalMs must be > 0, got " + persistIntervalMs);
        }
        if (checkTask != null) {
            throw new IllegalStateException("already started");
        }
        long interval = config.transactionCheckIntervalMs();
        checkTask = scheduler.scheduleAtFixedRate(this::checkQuietly, interval, interval);
        persistTask = scheduler.scheduleAtFixedRate(this::persistQuietly, persistIntervalMs, persistIntervalMs);
    }

    /** One pass over the open half messages. */
    public synchronized Pass checkOnce() {
        long now = clock.getAsLong();
        String topic = TopicNames.TRANS_HALF_TOPIC;
        int queueId = HalfMessage.HALF_QUEUE_ID;
        long max = store.getMaxOffsetInQueue(topic, queueId);
        long min = store.getMinOffsetInQueue(topic, queueId);
        long start = progress.halfOffset();
        if (start < min) {
            LOG.warn("half queue starts at {}, past the check progress {}: the half messages between were deleted"
                    + " before being resolved", min, start);
            start = min;
        }
        long next = start;
        boolean leadingRun = true;
        int checked = 0;
        int discarded = 0;
        for (long offset = start; offset < max; offset++) {
            if (resolver.isDone(offset)) {
                next = leadingRun ? offset + 1 : next;
                continue;
            }
            if (resolver.isClaimed(offset)) {
                leadingRun = false;
                continue;
            }
            long physical = store.getCommitLogOffsetInQueue(topic, queueId, offset);
            MappedBufferSlice record = physical < 0 ? null : store.selectOneMessageByOffset(physical);
            if (record == null) {
                if (physical < 0 || physical >= store.getDispatchedPhyOffset()) {
                    break;
                }
                LOG.warn("half message {} has no CommitLog record any more (offset {}); skipped", offset, physical);
                next = leadingRun ? offset + 1 : next;
                continue;
            }
            Step step;
            try {
                step = check(offset, StoredMessageDecoder.decodeOne(record.buffer().duplicate()), now);
            } finally {
                record.release();
            }
            if (step == Step.STOP) {
                break;
            }
            if (step == Step.GONE) {
                discarded++;
                next = leadingRun ? offset + 1 : next;
                continue;
            }
            if (step == Step.CHECKED) {
                checked++;
            }
            leadingRun = false;
        }
        resolver.advanceTo(next);
        return new Pass(checked, discarded, progress.halfOffset());
    }

    private enum Step { CHECKED, WAITING, GONE, STOP }

    private Step check(long offset, StoredMessage half, long now) {
        if (half == null) {
            LOG.warn("half message {} is not a valid record; discarded", offset);
            resolver.discard(offset);
            return Step.GONE;
        }
        Map<String, String> properties = MessageProperties.decode(half.properties());
        Long immunityMs = immunityMs(properties);
        long timeoutMs = immunityMs != null ? immunityMs : config.transactionTimeOutMs();
        if (now - half.storeTimestamp() < timeoutMs) {
            // Later half messages are younger, unless this one carries its own longer timeout.
            return immunityMs == null ? Step.STOP : Step.WAITING;
        }
        HalfMessage.Destination destination = HalfMessage.destinationOf(properties);
        String group = properties.get(TransactionProperties.PRODUCER_GROUP);
        int checks = progress.checkCount(offset);
        if (destination == null || checks >= config.transactionCheckMax()) {
            if (!resolver.discard(offset)) {
                return Step.WAITING;
            }
            LOG.warn("discarded half message {} (CommitLog offset {}, topic {}, transaction {}, producer group {}):"
                            + " {}", offset, half.physicalOffset(), properties.get(TransactionProperties.REAL_TOPIC),
                    properties.get(MessageProperties.UNIQ_KEY), group,
                    destination == null ? "it names no real topic and queue"
                            : "still unresolved after " + checks + " check-backs");
            return Step.GONE;
        }
        progress.countCheck(offset);
        sender.send(group, offset, half, destination);
        return Step.CHECKED;
    }

    private static Long immunityMs(Map<String, String> properties) {
        String seconds = properties.get(TransactionProperties.CHECK_IMMUNITY_TIME_IN_SECONDS);
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value > 0 ? value * 1000 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void checkQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.error("transaction check pass failed; retrying at the next pass", e);
        }
    }

    void persistQuietly() {
        try {
            progress.persistIfChanged();
        } catch (IOException | RuntimeException e) {
            LOG.error("persisting transaction progress to {} failed; retrying at the next tick", progress.file(), e);
        }
    }

    /**
     * Stops the passes and writes the progress one last time.
     *
     * @throws IOException when that final write fails
     */
    public synchronized void shutdown() throws IOException {
        if (checkTask != null) {
            checkTask.cancel();
            checkTask = null;
        }
        if (persistTask != null) {
            persistTask.cancel();
            persistTask = null;
        }
        progress.persistIfChanged();
    }
}
