package org.tidemq.broker.ha.master;

/**
 * What the master knows about its slaves' progress. Implementations are thread-safe and answer from volatile state
 * without blocking.
 */
public interface SlaveAcks {

    /**
     * The highest offset acknowledged by a currently connected, trusted slave (identified, unless unidentified slaves
     * are accepted), or -1 when there is none or none has reported yet.
     */
    long highestConnectedAck();

    /** Called (on an I/O thread) each time a trusted slave acknowledges {@code ackedOffset}; must not block. */
    @FunctionalInterface
    interface Listener {
        void onAck(long ackedOffset);
    }
}
