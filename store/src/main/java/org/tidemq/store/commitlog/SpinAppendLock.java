package org.tidemq.store.commitlog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test-and-test-and-set spin lock: no parking, so the hand-over between writers costs a cache-line transfer
 * instead of a futex wake-up. Suits the short append critical section when writers do not outnumber cores by much.
 */
public final class SpinAppendLock implements AppendLock {

    private final AtomicBoolean locked = new AtomicBoolean();

    @Override
    public void lock() {
        while (true) {
            if (!locked.get() && locked.compareAndSet(false, true)) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void unlock() {
        locked.set(false);
    }
}
