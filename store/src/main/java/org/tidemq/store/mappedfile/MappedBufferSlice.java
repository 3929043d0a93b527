package org.tidemq.store.mappedfile;

import java.nio.ByteBuffer;

/**
 * A read-only window onto a mapped segment, holding a reference that keeps the segment mapped.
 *
 * <p>The bytes are not copied: {@link #buffer()} is a view of the page cache. Call {@link #release()} exactly once when
 * done (after the bytes were written to a socket, for example; {@link #close()} is the same); until then a deleted segment stays mapped. Using the
 * buffer after {@code release()} is a bug that can crash the JVM once the segment is unmapped. Not thread-safe: one
 * owner at a time.
 */
public final class MappedBufferSlice implements AutoCloseable {

    private final MappedFile segment;
    private final MappingLease mapping;
    private final long startOffset;
    private final ByteBuffer buffer;
    private boolean released;

    /** Holds one reference on {@code segment} and one on {@code mapping}, both returned by {@link #release()}. */
    MappedBufferSlice(MappedFile segment, MappingLease mapping, long startOffset, ByteBuffer buffer) {
        this.segment = segment;
        this.mapping = mapping;
        this.startOffset = startOffset;
        this.buffer = buffer;
    }

    /** Absolute offset (CommitLog physical offset, or ConsumeQueue byte offset) of the first byte. */
    public long startOffset() {
        return startOffset;
    }

    /** Read-only view, position 0, limit {@link #size()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int size() {
        return buffer.limit();
    }

    public MappedFile segment() {
        return segment;
    }

    /** Returns the reference; idempotent. */
    public void release() {
        if (!released) {
            released = true;
            mapping.release();
            segment.release();
        }
    }

    /** Same as {@link #release()}. */
    @Override
    public void close() {
        release();
    }
}
