package org.tidemq.broker.query;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * A response body made of whole stored records as views of the mapped CommitLog, back to back (the QUERY_MESSAGE and
 * VIEW_MESSAGE_BY_ID bodies, facts §5.1). Nothing is copied. The body owns the slices: when the transport releases
 * it (after the socket write, or when the write fails) every slice is released.
 */
final class StoredRecordsBody extends CompositeByteBuf {
    private final List<MappedBufferSlice> slices;

    private StoredRecordsBody(List<MappedBufferSlice> slices) {
        super(ByteBufAllocator.DEFAULT, true, Math.max(1, slices.size()));
        this.slices = List.copyOf(slices);
    }

    /** A body over {@code slices} (at least one), which it then owns. */
    static ByteBuf of(List<MappedBufferSlice> slices) {
        StoredRecordsBody body = new StoredRecordsBody(slices);
        for (MappedBufferSlice slice : slices) {
            body.addComponent(true, Unpooled.wrappedBuffer(slice.buffer()));
        }
        return body;
    }

    @Override
    protected void deallocate() {
        try {
            super.deallocate();
        } finally {
            slices.forEach(MappedBufferSlice::release);
        }
    }
}
