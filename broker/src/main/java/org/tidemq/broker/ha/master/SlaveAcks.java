package org.tidemq.broker.ha.master;

/**
 * What the master knows about its slaves' progress. Implementations are thread-safe and answer from volatile state
 * without blocking.
 */
public interface SlaveAcks {

    /**
     * The highest offset acknowledged by a currently connected slave, or -1 when no slave is connected or none has
     * reported yet.
     */
    long highestConnectedAck();

    /** Called (on an I/O thread) each time a slave acknowledges {@code ackedOffset}; must not block. */
    @FunctionalInterface
    interface Listener {
        void onAck(long ackedOffset);
    }
}
