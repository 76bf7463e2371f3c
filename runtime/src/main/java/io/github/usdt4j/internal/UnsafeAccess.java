package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.nio.ByteBuffer;

/**
 * What {@link SemaphoreReaders} needs of {@code sun.misc.Unsafe}, implemented by
 * {@code UnsafeReader}, which is compiled after this class (src/main/unsafe) and so is found by
 * name: its static initialiser registers its one instance here. Not reflection on a
 * constructor, which from JDK 18 spins method handles, the cost the class exists to avoid.
 */
abstract class UnsafeAccess implements ProbeSemaphore.Reader {
    private static final String IMPLEMENTATION = "io.github.usdt4j.internal.UnsafeReader";
    private static volatile UnsafeAccess registered;

    /** The address a direct buffer holds. */
    abstract long addressOf(ByteBuffer buffer);

    static void register(UnsafeAccess access) {
        registered = access;
    }

    /**
     * The implementation, loaded and initialised at the first call; a JDK without
     * {@code jdk.unsupported} fails here (a {@code LinkageError} or an exception), and the
     * caller falls back.
     */
    static UnsafeAccess load() throws ClassNotFoundException {
        UnsafeAccess access = registered;
        if (access != null) {
            return access;
        }
        Class.forName(IMPLEMENTATION, true, UnsafeAccess.class.getClassLoader());
        access = registered;
        if (access == null) {
            throw new IllegalStateException(IMPLEMENTATION + " did not register itself");
        }
        return access;
    }
}
