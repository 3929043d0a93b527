package org.tidemq.broker.pull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.tidemq.store.GetMessageResult;

/**
 * A pull response body made of the found records as views of the mapped CommitLog — nothing is copied onto the heap
 * or into another buffer. The body owns the {@link GetMessageResult}: when the transport releases the body (after the
 * socket write, or when the write fails) the result is released and the segments may be unmapped.
 */
public final class PullResponseBody extends CompositeByteBuf {
    private final GetMessageResult result;

    private PullResponseBody(GetMessageResult result) {
        super(ByteBufAllocator.DEFAULT, true, Math.max(1, result.messageCount()));
        this.result = result;
    }

    /** A body over every record of {@code result}, which it then owns. */
    public static ByteBuf of(GetMessageResult result) {
        PullResponseBody body = new PullResponseBody(result);
        for (ByteBuffer record : result.buffers()) {
            body.addComponent(true, Unpooled.wrappedBuffer(record));
        }
        return body;
    }

    @Override
    protected void deallocate() {
        try {
            super.deallocate();
        } finally {
            result.release();
        }
    }
}
