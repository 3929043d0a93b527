package org.tidemq.store.commitlog;

import org.tidemq.store.config.AppendLockType;

/**
 * Mutual exclusion for CommitLog appends. Not reentrant by contract (the append path never nests). Thread-safe.
 */
public interface AppendLock {

    void lock();

    void unlock();

    static AppendLock of(AppendLockType type) {
        return type == AppendLockType.SPIN ? new SpinAppendLock() : new ReentrantAppendLock();
    }
}
