package org.tidemq.store;

/**
 * A check every append consults before taking the append lock; a disk-space monitor, a slave role or maintenance can
 * refuse new writes with a reason. Reads are never refused.
 *
 * <p>Called on every append from many threads: must be thread-safe, non-blocking and cheap (return a precomputed
 * volatile value, do not stat the disk here).
 */
@FunctionalInterface
public interface WriteGate {

    WriteGate OPEN = () -> null;

    /**
     * @return null when appends are allowed; otherwise a short reason (e.g. "disk 93% full, limit 90%"), which the
     *         append returns with SERVICE_NOT_AVAILABLE
     */
    String refusalReason();
}
