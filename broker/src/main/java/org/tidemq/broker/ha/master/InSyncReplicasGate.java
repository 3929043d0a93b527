package org.tidemq.broker.ha.master;

import java.util.function.IntSupplier;
import org.tidemq.store.WriteGate;

/**
 * RocketMQ 5.x {@code minInSyncReplicas} for a SYNC_MASTER: refuses an append <em>before</em> it is written while
 * fewer than {@code minInSyncReplicas} replicas (the master plus its connected slaves within
 * {@code haMaxGapNotInSync}) are in sync, so the producer retries on another broker instead of getting a weaker
 * guarantee.
 *
 * <p>The store consults {@link #refusalReason()} on every append, so it returns a value precomputed by
 * {@link #refresh()}, which the replication role calls on its periodic tick; the answer is therefore at most one tick
 * old. The refusal surfaces as SERVICE_NOT_AVAILABLE (14) with the reason as remark; Apache RocketMQ 5.2.0 answers
 * SYSTEM_ERROR (1) "in-sync replicas not enough" — the official client retries both on another broker.
 *
 * <p>Thread-safe: one volatile field.
 */
public final class InSyncReplicasGate implements WriteGate {
    private final IntSupplier inSyncSlaves;
    private final int minInSyncReplicas;
    private volatile String refusal;

    /**
     * @param inSyncSlaves      connected slaves currently within the allowed gap
     * @param minInSyncReplicas fewest replicas, master included, a write needs
     */
    public InSyncReplicasGate(IntSupplier inSyncSlaves, int minInSyncReplicas) {
        if (minInSyncReplicas < 1) {
            throw new IllegalArgumentException("minInSyncReplicas must be >= 1, got " + minInSyncReplicas);
        }
        this.inSyncSlaves = inSyncSlaves;
        this.minInSyncReplicas = minInSyncReplicas;
        refresh();
    }

    /** Recomputes the answer from the slaves' current progress. */
    public void refresh() {
        int inSync = 1 + inSyncSlaves.getAsInt();
        refusal = inSync >= minInSyncReplicas ? null
                : "in-sync replicas not enough: " + inSync + " in sync (master included), minInSyncReplicas "
                        + minInSyncReplicas;
    }

    @Override
    public String refusalReason() {
        return refusal;
    }
}
