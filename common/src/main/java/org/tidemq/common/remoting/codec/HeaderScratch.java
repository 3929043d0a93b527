package org.tidemq.common.remoting.codec;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * A per-thread array that off-heap headers are copied into before parsing: one bulk copy is far cheaper than reading
 * a direct buffer byte by byte through its bounds and reference-count checks.
 */
final class HeaderScratch {
    /** Headers up to this size reuse the thread's array; larger (rare) ones get their own. */
    private static final int SCRATCH_BYTES = 4096;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private HeaderScratch() {
    }

    /** An array of at least {@code length} bytes, valid until this thread's next call. */
    static byte[] array(int length) {
        return length <= SCRATCH_BYTES ? SCRATCH.get() : new byte[length];
    }
}
