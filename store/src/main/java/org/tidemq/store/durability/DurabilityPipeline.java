package org.tidemq.store.durability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tidemq.store.PutMessageStatus;

/**
 * The ordered list of {@link DurabilityStage}s every append waits for (flush first, then e.g. replication).
 * Thread-safe; stages are normally added before traffic starts.
 */
public final class DurabilityPipeline {

    private final List<DurabilityStage> stages = new CopyOnWriteArrayList<>();

    public void add(DurabilityStage stage) {
        stages.add(stage);
    }

    /**
     * Completes with PUT_OK when every stage does, else with the first failing stage's status (registration order),
     * never exceptionally. All stages run concurrently.
     */
    public CompletableFuture<PutMessageStatus> awaitDurable(long endOffset, boolean waitStoreMsgOk) {
        int count = stages.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        if (count == 1) {
            return stages.get(0).awaitDurable(endOffset, waitStoreMsgOk);
        }
        List<CompletableFuture<PutMessageStatus>> futures = new ArrayList<>(count);
        for (DurabilityStage stage : stages) {
            futures.add(stage.awaitDurable(endOffset, waitStoreMsgOk));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            for (CompletableFuture<PutMessageStatus> future : futures) {
                PutMessageStatus status = future.join();
                if (status != PutMessageStatus.PUT_OK) {
                    return status;
                }
            }
            return PutMessageStatus.PUT_OK;
        });
    }

    /** Minimum of the stages' visible offsets ({@code Long.MAX_VALUE} if none restricts). */
    public long visibleOffset() {
        long min = Long.MAX_VALUE;
        for (DurabilityStage stage : stages) {
            min = Math.min(min, stage.visibleOffset());
        }
        return min;
    }
}
