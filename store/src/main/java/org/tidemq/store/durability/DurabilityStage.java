package org.tidemq.store.durability;

import java.util.concurrent.CompletableFuture;
import org.tidemq.store.PutMessageStatus;

/**
 * One step an appended message must pass before it counts as durable: the disk flush (built in), and replication
 * (added by the replication subsystem through {@link org.tidemq.store.MessageStore#addDurabilityStage}).
 *
 * <p>All stages of an append are awaited concurrently; the append's durability future completes with PUT_OK when
 * every stage returned PUT_OK, else with the first failure in registration order (flush first).
 *
 * <p>Thread-safe; {@link #awaitDurable} is called by every writer thread after its append and must not block.
 */
public interface DurabilityStage {

    /**
     * @param endOffset      CommitLog offset just past the appended record(s)
     * @param waitStoreMsgOk the message's WAIT property: false means "do not make me wait", the stage should start
     *                       its work and return a completed PUT_OK
     * @return completes (never exceptionally) with PUT_OK or a failure status such as FLUSH_DISK_TIMEOUT
     */
    CompletableFuture<PutMessageStatus> awaitDurable(long endOffset, boolean waitStoreMsgOk);

    /**
     * Offset below which this stage considers records safe to show to consumers; the dispatcher never makes a record
     * ending past the minimum over all stages visible. {@code Long.MAX_VALUE}: no restriction.
     */
    default long visibleOffset() {
        return Long.MAX_VALUE;
    }
}
