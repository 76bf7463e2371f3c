package io.github.usdt4j.internal;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Reads semaphores with {@code sun.misc.Unsafe.getShortVolatile} at their address, before JDK 22
 * ({@link SemaphoreReaders.Strategy#UNSAFE}). A plain class that names {@code sun.misc.Unsafe},
 * not method handles found by name: the handles cost a cold JVM about 10 ms at its first
 * provider, a direct call nothing, and the JIT inlines and folds either.
 *
 * <p>Compiled apart from the rest of the runtime (src/main/unsafe, see the pom): javac warns at
 * every mention of {@code sun.misc.Unsafe}, and no option silences that before JDK 25, while
 * the rest is compiled with {@code -Werror}. Loaded by name, so the runtime never touches
 * {@code sun.misc.Unsafe} on a JDK that would warn about its memory access.
 */
final class UnsafeReader extends UnsafeAccess {
    private static final sun.misc.Unsafe UNSAFE;
    /** Where a direct buffer keeps its address: {@code Buffer.address}. */
    private static final long ADDRESS;

    static {
        try {
            Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            UNSAFE = (sun.misc.Unsafe) theUnsafe.get(null);
            ADDRESS = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e); // a JDK without them: SemaphoreReaders falls back
        }
        register(new UnsafeReader());
    }

    private UnsafeReader() {}

    @Override
    public short read(Object base, long address) {
        return UNSAFE.getShortVolatile(base, address);
    }

    @Override
    long addressOf(ByteBuffer buffer) {
        return UNSAFE.getLong(buffer, ADDRESS);
    }
}
