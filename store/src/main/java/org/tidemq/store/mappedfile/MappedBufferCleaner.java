package org.tidemq.store.mappedfile;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Unmaps a {@link java.nio.MappedByteBuffer} at once instead of waiting for GC, so a deleted segment frees its disk
 * space and address range promptly. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, which opens
 * {@code sun.misc}), so it works on Java 9+ without {@code --add-opens}.
 *
 * <p>The caller must guarantee that nothing touches the buffer (or a slice of it) afterwards: the access would crash
 * the JVM. {@link MappedFile} and the index files guarantee this with reference counting.
 */
public final class MappedBufferCleaner {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = theUnsafe.get(null);
            invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(MappedBufferCleaner.class)
                    .warn("sun.misc.Unsafe.invokeCleaner unavailable; mapped segments are unmapped by GC only: {}",
                            e.toString());
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    private MappedBufferCleaner() {
    }

    /** @return whether the buffer was unmapped now (false: left to the garbage collector) */
    public static boolean unmap(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) {
            return false;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
            return true;
        } catch (ReflectiveOperationException e) {
            org.slf4j.LoggerFactory.getLogger(MappedBufferCleaner.class).warn("unmapping failed: {}", e.toString());
            return false;
        }
    }
}
