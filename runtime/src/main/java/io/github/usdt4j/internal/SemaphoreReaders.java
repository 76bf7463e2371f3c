package io.github.usdt4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes the handle a probe reads its semaphore through: {@code ()short}, an opaque (or
 * volatile) 16-bit read of the direct buffer the library returned for the probe.
 *
 * <p>How it reads depends on the JDK, because what the JIT can fold depends on it. A
 * {@code VarHandle} over a {@code ByteBuffer} works everywhere but checks the buffer's limit,
 * address and alignment on every call: {@code Buffer}'s fields are not trusted as constants,
 * and that doubled the cost of a disabled probe. From JDK 22 a {@code MemorySegment} over the
 * same buffer has trusted fields and folds to one load, without a restricted method. Before
 * JDK 22 only {@code sun.misc.Unsafe} reads a constant address; it is used only there (JDK 24
 * warns about its memory access). See docs/performance.md.
 */
public final class SemaphoreReaders {
    /** The ways to read a semaphore, best first. */
    public enum Strategy {
        /** {@code MemorySegment.ofBuffer} and an opaque read through its layout's handle (JDK 22+). */
        MEMORY_SEGMENT {
            @Override
            boolean usableHere() {
                return Runtime.version().feature() >= 22;
            }

            @Override
            MethodHandle reader(ByteBuffer semaphore) throws ReflectiveOperationException {
                Object segment = SegmentAccess.OF_BUFFER.invoke(null, semaphore);
                return MethodHandles.insertArguments(SegmentAccess.GET_SHORT_OPAQUE, 0, segment, 0L);
            }
        },
        /** {@code sun.misc.Unsafe.getShortVolatile} at the buffer's address (before JDK 22). */
        UNSAFE {
            @Override
            boolean usableHere() {
                return Runtime.version().feature() < 22 && ModuleLayer.boot().findModule("jdk.unsupported").isPresent();
            }

            @Override
            MethodHandle reader(ByteBuffer semaphore) throws ReflectiveOperationException {
                long address = (long) UnsafeAccess.GET_LONG.invoke(UnsafeAccess.UNSAFE, semaphore, UnsafeAccess.ADDRESS);
                if (address == 0 || address % Short.BYTES != 0) {
                    throw new IllegalStateException("semaphore address " + address + " is not usable");
                }
                return MethodHandles.insertArguments(UnsafeAccess.GET_SHORT_VOLATILE, 0, UnsafeAccess.UNSAFE, null, address);
            }
        },
        /** An opaque read through {@code MethodHandles.byteBufferViewVarHandle}: everywhere, but checked per call. */
        BYTE_BUFFER {
            @Override
            boolean usableHere() {
                return true;
            }

            @Override
            MethodHandle reader(ByteBuffer semaphore) {
                return MethodHandles.insertArguments(BUFFER_GET_SHORT_OPAQUE, 0, semaphore, 0);
            }
        };

        abstract boolean usableHere();

        abstract MethodHandle reader(ByteBuffer semaphore) throws ReflectiveOperationException;

        /** A reader of {@code semaphore} made this way; it must be {@link #usableHere()}. */
        public MethodHandle readerOf(ByteBuffer semaphore) throws ReflectiveOperationException {
            check(semaphore);
            return reader(semaphore).asType(MethodType.methodType(short.class));
        }

        /** The strategies this JVM can use, best first. */
        public static List<Strategy> usable() {
            return Arrays.stream(values()).filter(Strategy::usableHere).collect(Collectors.toList());
        }
    }

    private static final MethodHandle BUFFER_GET_SHORT_OPAQUE = MethodHandles
            .byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder())
            .toMethodHandle(VarHandle.AccessMode.GET_OPAQUE);

    /*
     * What each strategy needs once per JVM, looked up when first used. Through reflection: the
     * runtime is compiled for Java 17. A lookup that fails leaves its class unusable
     * (NoClassDefFoundError, a LinkageError), and reader() falls back to the next strategy.
     */
    private static final class SegmentAccess {
        static final Method OF_BUFFER;
        static final MethodHandle GET_SHORT_OPAQUE;

        static {
            try {
                OF_BUFFER = Class.forName("java.lang.foreign.MemorySegment").getMethod("ofBuffer", Buffer.class);
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                Object javaShort = valueLayout.getField("JAVA_SHORT").get(null);
                VarHandle shortAt = (VarHandle) valueLayout.getMethod("varHandle").invoke(javaShort);
                GET_SHORT_OPAQUE = shortAt.toMethodHandle(VarHandle.AccessMode.GET_OPAQUE);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class UnsafeAccess {
        static final Object UNSAFE;
        static final long ADDRESS; // of Buffer.address, the field that holds a direct buffer's address
        static final Method GET_LONG;
        static final MethodHandle GET_SHORT_VOLATILE;

        static {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                UNSAFE = theUnsafe.get(null);
                ADDRESS = (long) unsafeClass.getMethod("objectFieldOffset", Field.class)
                        .invoke(UNSAFE, Buffer.class.getDeclaredField("address"));
                GET_LONG = unsafeClass.getMethod("getLong", Object.class, long.class);
                GET_SHORT_VOLATILE = MethodHandles.publicLookup().findVirtual(unsafeClass, "getShortVolatile",
                        MethodType.methodType(short.class, Object.class, long.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SemaphoreReaders() {}

    /**
     * A reader of {@code semaphore}, a direct buffer of two bytes: the best way this JVM offers,
     * falling back to the next when one fails (a JDK without {@code jdk.unsupported}, say).
     */
    public static MethodHandle reader(ByteBuffer semaphore) {
        check(semaphore);
        RuntimeException failures = new IllegalStateException("no way to read a semaphore on this JVM");
        for (Strategy strategy : Strategy.usable()) {
            try {
                return strategy.readerOf(semaphore);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failures.addSuppressed(e);
            }
        }
        throw failures;
    }

    /** The reader of a probe that can never be enabled: the JIT folds it to a constant. */
    public static MethodHandle alwaysZero() {
        return MethodHandles.constant(short.class, (short) 0);
    }

    private static void check(ByteBuffer semaphore) {
        if (!semaphore.isDirect() || semaphore.capacity() < Short.BYTES) {
            throw new IllegalArgumentException("a semaphore is a direct buffer of at least 2 bytes, not " + semaphore);
        }
    }
}
