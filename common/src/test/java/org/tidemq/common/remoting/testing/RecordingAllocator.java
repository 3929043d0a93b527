package org.tidemq.common.remoting.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * An unpooled heap allocator that remembers the largest single allocation requested and, through its metric, how
 * many bytes are live, so tests can prove that nothing was sized from an untrusted length and nothing leaked.
 * Single-threaded use (an {@code EmbeddedChannel}).
 */
public final class RecordingAllocator extends AbstractByteBufAllocator {
    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false, true);
    private int largestRequest;

    public RecordingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        return delegate.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        largestRequest = Math.max(largestRequest, initialCapacity);
        return delegate.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    public int largestRequest() {
        return largestRequest;
    }

    /** Bytes held by buffers from this allocator that are not yet released. */
    public long liveBytes() {
        return delegate.metric().usedHeapMemory() + delegate.metric().usedDirectMemory();
    }
}
