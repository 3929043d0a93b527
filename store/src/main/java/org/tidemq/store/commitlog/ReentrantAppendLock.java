package org.tidemq.store.commitlog;

import java.util.concurrent.locks.ReentrantLock;

/** A {@link ReentrantLock} (non-fair): waiters park, so many writers per core do not burn CPU spinning. */
public final class ReentrantAppendLock implements AppendLock {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void lock() {
        lock.lock();
    }

    @Override
    public void unlock() {
        lock.unlock();
    }
}
