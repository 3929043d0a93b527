package org.tidemq.store;

import java.util.concurrent.CompletableFuture;

/**
 * Result of {@link MessageStore#putMessage}: the append outcome at once, plus a future for durability.
 *
 * <p>{@code durability} completes (never exceptionally) with PUT_OK once the message is as durable as configured
 * (SYNC_FLUSH: forced; plus any registered replication stage), or with FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT /
 * SLAVE_NOT_AVAILABLE. For a message that was not stored it is already completed with {@link #status()}. Complete
 * your response from it instead of blocking: no thread waits per message.
 *
 * @param status     append outcome (PUT_OK or why nothing was stored)
 * @param reason     human-readable detail for a failed append, else null
 * @param append     where the message(s) went; null if nothing was stored
 * @param durability final status once the durability wait ends
 */
public record PutMessageResult(
        PutMessageStatus status,
        String reason,
        AppendMessageResult append,
        CompletableFuture<PutMessageStatus> durability) {

    public static PutMessageResult failed(PutMessageStatus status, String reason) {
        return new PutMessageResult(status, reason, null, CompletableFuture.completedFuture(status));
    }

    public boolean isAppended() {
        return status == PutMessageStatus.PUT_OK;
    }

    /** The same result with the final status, once durability is settled. */
    public CompletableFuture<PutMessageResult> whenDurable() {
        return durability.thenApply(s -> s == status ? this : new PutMessageResult(s, reason, append, durability));
    }
}
