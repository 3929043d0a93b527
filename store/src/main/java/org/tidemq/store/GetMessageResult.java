package org.tidemq.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * Messages read from one queue: zero-copy slices of the mapped CommitLog (one stored record each, in queue order)
 * plus where to continue.
 *
 * <p>The slices keep their segments mapped: call {@link #release()} (or {@link #close()}) exactly once after the
 * bytes were sent, e.g. from the write listener of the response. Not thread-safe: one owner at a time.
 */
public final class GetMessageResult implements AutoCloseable {

    private final GetMessageStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;
    private final List<MappedBufferSlice> messages;
    private final long[] queueOffsets;
    private final int bufferTotalSize;

    public GetMessageResult(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset,
            List<MappedBufferSlice> messages, long[] queueOffsets) {
        this.status = status;
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.messages = messages;
        this.queueOffsets = queueOffsets;
        int total = 0;
        for (MappedBufferSlice slice : messages) {
            total += slice.size();
        }
        this.bufferTotalSize = total;
    }

    public static GetMessageResult empty(GetMessageStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        return new GetMessageResult(status, nextBeginOffset, minOffset, maxOffset, Collections.emptyList(),
                new long[0]);
    }

    public GetMessageStatus status() {
        return status;
    }

    /** Queue offset the consumer should ask for next. */
    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    public long minOffset() {
        return minOffset;
    }

    /** Queue offset just past the last visible message. */
    public long maxOffset() {
        return maxOffset;
    }

    /** One read-only slice per message. */
    public List<MappedBufferSlice> messages() {
        return Collections.unmodifiableList(messages);
    }

    public int messageCount() {
        return messages.size();
    }

    /** Queue offset of the {@code i}-th returned message. */
    public long queueOffset(int i) {
        return queueOffsets[i];
    }

    /** Sum of the message sizes. */
    public int bufferTotalSize() {
        return bufferTotalSize;
    }

    /** The record views, for writing to a channel (e.g. {@code Unpooled.wrappedBuffer(buffers)}). */
    public List<ByteBuffer> buffers() {
        List<ByteBuffer> buffers = new ArrayList<>(messages.size());
        for (MappedBufferSlice slice : messages) {
            buffers.add(slice.buffer());
        }
        return buffers;
    }

    /** Releases every slice; idempotent. */
    public void release() {
        for (MappedBufferSlice slice : messages) {
            slice.release();
        }
    }

    @Override
    public void close() {
        release();
    }
}
