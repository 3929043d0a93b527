package org.tidemq.store.index;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped buffer at once instead of waiting for the garbage collector, so deleted index files give their disk
 * space back immediately (a mapping keeps the inode alive). Uses {@code sun.misc.Unsafe.invokeCleaner} from the
 * exported {@code jdk.unsupported} module; when it is unavailable the mapping is left to the collector.
 */
final class MappedBufferReleaser {

    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private MappedBufferReleaser() {
    }

    /** The caller guarantees that no thread touches {@code buffer} afterwards: access after unmapping crashes the JVM. */
    static void release(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(buffer);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot unmap an index file buffer", e);
        }
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
