package org.tidemq.broker.transaction;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * Resolves half messages exactly once: commit (append to the real topic, then an op record), rollback (an op record)
 * or discard by the check service (an op record). Knows which half-queue offsets at or above
 * {@link TransactionProgress#halfOffset()} are resolved: at start it reads the op queue from
 * {@link TransactionProgress#opOffset()}, afterwards it records its own op records. Memory holds one bit per half
 * offset above the check progress ({@link ResolvedOffsets}) and one entry per commit under way, never message data.
 *
 * <p>Exactly once: a half message is claimed under a lock before its commit is appended; a second END_TRANSACTION
 * for it (a duplicate, or a commit after a rollback) is answered {@link Outcome#ALREADY_RESOLVED} and writes
 * nothing. A claim whose append fails is released so a retry (or a check-back) can resolve it. A crash between the
 * commit append and its op record can let a check-back commit the message again (at-least-once, as in RocketMQ).
 *
 * <p>Thread-safety: safe from any thread; END_TRANSACTION handlers and the check service share it.
 */
public final class TransactionResolver {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionResolver.class);

    /** What an END_TRANSACTION (or a discard) did. */
    public enum Outcome { COMMITTED, ROLLED_BACK, DISCARDED, ALREADY_RESOLVED, UNKNOWN_IGNORED, NOT_FOUND, WRONG_GROUP,
        STORE_FAILED }

    /**
     * @param put the commit's append (its durability future), present for COMMITTED only
     */
    public record Result(Outcome outcome, String detail, PutMessageResult put) {
        static Result of(Outcome outcome, String detail) {
            return new Result(outcome, detail, null);
        }
    }

    private final MessageStore store;
    private final TransactionProgress progress;
    private final Supplier<InetSocketAddress> storeHost;
    private final LongSupplier clock;
    private final ResolvedOffsets resolved = new ResolvedOffsets();
    private final Set<Long> claimed = ConcurrentHashMap.newKeySet();
    private final Object claims = new Object();

    private TransactionResolver(MessageStore store, TransactionProgress progress, Supplier<InetSocketAddress> storeHost,
                                LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.storeHost = Objects.requireNonNull(storeHost, "storeHost");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A resolver knowing the op records the store holds past the persisted progress. */
    public static TransactionResolver open(MessageStore store, TransactionProgress progress,
                                           Supplier<InetSocketAddress> storeHost, LongSupplier clock) {
        TransactionResolver resolver = new TransactionResolver(store, progress, storeHost, clock);
        resolver.loadOps();
        return resolver;
    }

    private void loadOps() {
        long halfOffset = progress.halfOffset();
        long max = store.getMaxOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC, HalfMessage.OP_QUEUE_ID);
        long from = Math.max(progress.opOffset(), store.getMinOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC,
                HalfMessage.OP_QUEUE_ID));
        for (long opOffset = from; opOffset < max; opOffset++) {
            long resolvedOffset = resolvedByOp(opOffset);
            if (resolvedOffset >= halfOffset) {
                resolved.add(resolvedOffset);
            }
        }
    }

    /** The half offset the op record at {@code opOffset} resolves; -1 when unreadable. */
    private long resolvedByOp(long opOffset) {
        long physical = store.getCommitLogOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC, HalfMessage.OP_QUEUE_ID,
                opOffset);
        MappedBufferSlice record = physical < 0 ? null : store.selectOneMessageByOffset(physical);
        if (record == null) {
            return -1;
        }
        try {
            StoredMessage op = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            return op == null ? -1 : HalfMessage.resolvedOffsetOf(op);
        } finally {
            record.release();
        }
    }

    /**
     * Handles END_TRANSACTION for the half message stored at {@code commitLogOffset}.
     *
     * @param commitOrRollback {@link MessageSysFlag} transaction type: COMMIT, ROLLBACK, or NOT_TYPE (unknown, ignored)
     */
    public Result end(long commitLogOffset, String producerGroup, int commitOrRollback) {
        if (commitOrRollback != MessageSysFlag.TRANSACTION_COMMIT_TYPE
                && commitOrRollback != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return Result.of(Outcome.UNKNOWN_IGNORED, "transaction state unknown; the broker will check back");
        }
        MappedBufferSlice record = commitLogOffset < 0 ? null : store.selectOneMessageByOffset(commitLogOffset);
        if (record == null) {
            return Result.of(Outcome.NOT_FOUND, "no prepared message at CommitLog offset " + commitLogOffset);
        }
        try {
            StoredMessage half = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            if (half == null || !HalfMessage.isHalf(half)) {
                return Result.of(Outcome.NOT_FOUND, "the message at CommitLog offset " + commitLogOffset
                        + " is not a prepared transactional message");
            }
            Map<String, String> properties = MessageProperties.decode(half.properties());
            String group = properties.get(TransactionProperties.PRODUCER_GROUP);
            if (group != null && producerGroup != null && !group.equals(producerGroup)) {
                return Result.of(Outcome.WRONG_GROUP, "the prepared message at CommitLog offset " + commitLogOffset
                        + " belongs to producer group " + group + ", not " + producerGroup);
            }
            long halfOffset = half.queueOffset();
            if (!claim(halfOffset)) {
                return Result.of(Outcome.ALREADY_RESOLVED, "transaction of the prepared message at CommitLog offset "
                        + commitLogOffset + " was already resolved");
            }
            if (commitOrRollback == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
                return finish(halfOffset, Result.of(Outcome.ROLLED_BACK, null));
            }
            MessageToStore committed = HalfMessage.committed(half, storeHost.get());
            if (committed == null) {
                finish(halfOffset, null);
                return Result.of(Outcome.NOT_FOUND, "the prepared message at CommitLog offset " + commitLogOffset
                        + " names no real topic and queue; dropped");
            }
            PutMessageResult put = store.putMessage(committed);
            if (!put.isAppended()) {
                release(halfOffset);
                return new Result(Outcome.STORE_FAILED, "committing failed: " + put.status()
                        + (put.reason() == null ? "" : " " + put.reason()), put);
            }
            return finish(halfOffset, new Result(Outcome.COMMITTED, null, put));
        } finally {
            record.release();
        }
    }

    /**
     * Discards an unresolved half message (check-backs exhausted): writes its op record.
     *
     * @return false when it was claimed or resolved meanwhile (nothing written)
     */
    public boolean discard(long halfOffset) {
        if (!claim(halfOffset)) {
            return false;
        }
        finish(halfOffset, null);
        return true;
    }

    /** Whether the half message at {@code halfOffset} is fully resolved (op record appended or attempted). */
    public boolean isDone(long halfOffset) {
        return halfOffset < progress.halfOffset() || resolved.contains(halfOffset);
    }

    /** Whether an END_TRANSACTION is resolving the half message at {@code halfOffset} right now. */
    public boolean isClaimed(long halfOffset) {
        return claimed.contains(halfOffset);
    }

    /** Resolved half offsets held in memory (those at or above the check progress). */
    public int trackedCount() {
        return resolved.size();
    }

    /**
     * Moves the check progress to {@code nextHalfOffset}, forgets what lies below it, and moves the op progress past
     * op records that only resolve half messages below it.
     */
    public void advanceTo(long nextHalfOffset) {
        synchronized (claims) {
            progress.advanceHalf(nextHalfOffset);
            resolved.dropBelow(progress.halfOffset());
        }
        long halfOffset = progress.halfOffset();
        long max = store.getMaxOffsetInQueue(TopicNames.TRANS_OP_HALF_TOPIC, HalfMessage.OP_QUEUE_ID);
        long opOffset = progress.opOffset();
        while (opOffset < max) {
            long resolvedOffset = resolvedByOp(opOffset);
            if (resolvedOffset >= halfOffset) {
                break;
            }
            opOffset++;
        }
        progress.advanceOp(opOffset);
    }

    private boolean claim(long halfOffset) {
        synchronized (claims) {
            if (halfOffset < progress.halfOffset()) {
                return false;
            }
            return !resolved.contains(halfOffset) && claimed.add(halfOffset);
        }
    }

    private void release(long halfOffset) {
        claimed.remove(halfOffset);
    }

    private Result finish(long halfOffset, Result result) {
        PutMessageResult op = store.putMessage(HalfMessage.op(halfOffset, clock.getAsLong(), storeHost.get()));
        if (!op.isAppended()) {
            // The claim stays: while this broker runs the message is not resolved twice; after a restart a
            // check-back may ask the producer again.
            LOG.error("writing the op record of half message {} failed: {} {}", halfOffset, op.status(),
                    op.reason() == null ? "" : op.reason());
        }
        progress.forget(halfOffset);
        synchronized (claims) {
            resolved.add(halfOffset);
            claimed.remove(halfOffset);
        }
        return result;
    }
}
