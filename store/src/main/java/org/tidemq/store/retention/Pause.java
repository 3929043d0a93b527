package org.tidemq.store.retention;

/**
 * Waits between two deletions, so one run does not hit the disk with a burst of unlinks. Injected so tests record the
 * pauses instead of sleeping.
 */
@FunctionalInterface
public interface Pause {

    /** The real thing. */
    Pause SLEEP = Thread::sleep;

    void pause(long millis) throws InterruptedException;
}
