package org.tidemq.store.mappedfile;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifetime of one memory mapping shared by an owner and concurrent readers: the owner holds one reference from
 * the start, each reader takes one with {@link #retain()}, and the last {@link #release()} unmaps the buffer at once
 * (touching an unmapped buffer would crash the JVM, so nothing may unmap while a reference is out). {@link #close()}
 * refuses new references and drops the owner's. Used by CommitLog/ConsumeQueue segments and index files.
 *
 * <p>Thread-safe: references are counted with a CAS loop; {@link #close()} is idempotent.
 */
public final class MappingLease {
    private final Runnable onLastRelease;
    private final String name;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile boolean open = true;
    private volatile boolean unmapped;

    /** @param name what is mapped, for the error raised when references are returned more often than taken */
    public MappingLease(ByteBuffer mapping, String name) {
        this(() -> MappedBufferCleaner.unmap(mapping), name);
    }

    /**
     * A lease whose last release runs {@code onLastRelease} instead of unmapping a buffer (a segment's lifetime,
     * which ends by retiring whichever mapping generation is current).
     */
    public MappingLease(Runnable onLastRelease, String name) {
        this.onLastRelease = onLastRelease;
        this.name = name;
    }

    /** Takes a reference; false once {@link #close() closed} (the mapping must then not be used). */
    public boolean retain() {
        while (true) {
            int current = references.get();
            if (current <= 0 || !open) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Returns a reference; the last one unmaps. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            onLastRelease.run();
            unmapped = true;
        } else if (left < 0) {
            throw new IllegalStateException(name + " released more often than retained");
        }
    }

    /** Refuses new references and drops the owner's; the mapping goes once no reader holds one. Idempotent. */
    public synchronized void close() {
        if (open) {
            open = false;
            release();
        }
    }

    public boolean isOpen() {
        return open;
    }

    /** True once the mapping was released (every reference returned after {@link #close()}). */
    public boolean isUnmapped() {
        return unmapped;
    }

    /** References currently out, the owner's included (0 after the last release). */
    public int references() {
        return Math.max(0, references.get());
    }
}
