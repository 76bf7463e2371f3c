package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the semaphore a probe reads: an opaque (or volatile) 16-bit read of the direct buffer
 * the library returned for the probe, through a reader handle shared by every probe read the
 * same way ({@link ProbeSemaphore}).
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
            ProbeSemaphore semaphore(ByteBuffer semaphore) throws ReflectiveOperationException {
                Object segment;
                try {
                    segment = (Object) SegmentAccess.OF_BUFFER.invokeExact((Buffer) semaphore);
                } catch (Throwable e) {
                    throw new IllegalStateException(e); // ofBuffer of a direct buffer throws nothing
                }
                return new ProbeSemaphore(SegmentAccess.READER, segment, 0);
            }
        },
        /** {@code sun.misc.Unsafe.getShortVolatile} at the buffer's address (before JDK 22). */
        UNSAFE {
            @Override
            boolean usableHere() {
                return Runtime.version().feature() < 22 && ModuleLayer.boot().findModule("jdk.unsupported").isPresent();
            }

            @Override
            ProbeSemaphore semaphore(ByteBuffer semaphore) throws ReflectiveOperationException {
                long address = UnsafeAccess.addressOf(semaphore);
                if (address == 0 || address % Short.BYTES != 0) {
                    throw new IllegalStateException("semaphore address " + address + " is not usable");
                }
                return new ProbeSemaphore(UnsafeAccess.READER, null, address);
            }
        },
        /** An opaque read through {@code MethodHandles.byteBufferViewVarHandle}: everywhere, but checked per call. */
        BYTE_BUFFER {
            @Override
            boolean usableHere() {
                return true;
            }

            @Override
            ProbeSemaphore semaphore(ByteBuffer semaphore) {
                return new ProbeSemaphore(BufferAccess.READER, semaphore, 0);
            }
        };

        abstract boolean usableHere();

        abstract ProbeSemaphore semaphore(ByteBuffer semaphore) throws ReflectiveOperationException;

        /** The semaphore {@code semaphore} holds, read this way; it must be {@link #usableHere()}. */
        public ProbeSemaphore semaphoreOf(ByteBuffer semaphore) throws ReflectiveOperationException {
            check(semaphore);
            return semaphore(semaphore);
        }

        /** The strategies this JVM can use, best first. */
        public static List<Strategy> usable() {
            List<Strategy> usable = new ArrayList<>(); // a loop, not a stream: this runs as providers load
            for (Strategy strategy : values()) {
                if (strategy.usableHere()) {
                    usable.add(strategy);
                }
            }
            return usable;
        }
    }

    /*
     * What each strategy needs once per JVM, made when first used: its reader, of type
     * (Object, long)short. Through method handles found by name: the runtime is compiled for
     * Java 17. (Not Method.invoke: the JDK's Method.invoke of one of its own methods parses the
     * method's annotations, looking for @CallerSensitive, which in a cold JVM builds an
     * annotation proxy class through lambdas and ASM: ~20 ms at the first provider.) A lookup
     * that fails leaves its class unusable (NoClassDefFoundError, a LinkageError), and
     * semaphore() falls back to the next strategy.
     */
    private static final class SegmentAccess {
        /** {@code MemorySegment.ofBuffer}, as (Buffer)Object. */
        static final MethodHandle OF_BUFFER;
        static final MethodHandle READER;

        static {
            try {
                Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
                OF_BUFFER = MethodHandles.publicLookup().findStatic(memorySegment, "ofBuffer",
                        MethodType.methodType(memorySegment, Buffer.class)).asType(MethodType.methodType(Object.class, Buffer.class));
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                Object javaShort = valueLayout.getField("JAVA_SHORT").get(null);
                VarHandle shortAt = (VarHandle) MethodHandles.publicLookup().findVirtual(valueLayout, "varHandle",
                        MethodType.methodType(VarHandle.class)).asType(MethodType.methodType(VarHandle.class, Object.class))
                        .invokeExact(javaShort);
                READER = shortAt.toMethodHandle(VarHandle.AccessMode.GET_OPAQUE).asType(ProbeSemaphore.READER_TYPE);
            } catch (Throwable e) { // a failed lookup; the handles invoked here throw nothing themselves
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class UnsafeAccess {
        static final long ADDRESS; // of Buffer.address, the field that holds a direct buffer's address
        static final MethodHandle READER;

        static {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                Object unsafe = theUnsafe.get(null);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                ADDRESS = (long) lookup.findVirtual(unsafeClass, "objectFieldOffset",
                        MethodType.methodType(long.class, Field.class)).bindTo(unsafe)
                        .invokeExact(Buffer.class.getDeclaredField("address"));
                READER = lookup.findVirtual(unsafeClass, "getShortVolatile",
                        MethodType.methodType(short.class, Object.class, long.class)).bindTo(unsafe);
            } catch (Throwable e) { // a failed lookup; objectFieldOffset throws nothing for this field
                throw new IllegalStateException(e);
            }
        }

        /**
         * The address a direct buffer holds, read as four 16-bit parts through {@link #READER}:
         * a handle of another type ({@code getLong}'s) would cost a cold JVM its own generated
         * classes, about 5 ms more.
         */
        static long addressOf(ByteBuffer buffer) {
            long address = 0;
            boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
            for (int part = 0; part < 4; part++) {
                long bits;
                try {
                    bits = Short.toUnsignedLong((short) READER.invokeExact((Object) buffer, ADDRESS + 2L * part));
                } catch (Throwable e) {
                    throw new IllegalStateException(e); // a plain memory read: it throws nothing
                }
                address |= bits << (16 * (little ? part : 3 - part));
            }
            return address;
        }
    }

    private static final class BufferAccess {
        /** (ByteBuffer, int)short cast to (Object, long)short: the buffer and a zero offset. */
        static final MethodHandle READER = MethodHandles.explicitCastArguments(MethodHandles
                .byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder())
                .toMethodHandle(VarHandle.AccessMode.GET_OPAQUE), ProbeSemaphore.READER_TYPE);
    }

    private static final class Zero {
        static final ProbeSemaphore SEMAPHORE = new ProbeSemaphore(MethodHandles.dropArguments(
                MethodHandles.constant(short.class, (short) 0), 0, Object.class, long.class), null, 0);
    }

    private SemaphoreReaders() {}

    /**
     * The semaphore in {@code semaphore}, a direct buffer of two bytes, read the best way this
     * JVM offers, falling back to the next when one fails (a JDK without {@code jdk.unsupported}, say).
     */
    public static ProbeSemaphore semaphore(ByteBuffer semaphore) {
        check(semaphore);
        RuntimeException failures = new IllegalStateException("no way to read a semaphore on this JVM");
        for (Strategy strategy : Strategy.usable()) {
            try {
                return strategy.semaphoreOf(semaphore);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failures.addSuppressed(e);
            }
        }
        throw failures;
    }

    /** The semaphore of a probe that can never be enabled: the JIT folds it to a constant. */
    public static ProbeSemaphore alwaysZero() {
        return Zero.SEMAPHORE;
    }

    private static void check(ByteBuffer semaphore) {
        if (!semaphore.isDirect() || semaphore.capacity() < Short.BYTES) {
            throw new IllegalArgumentException("a semaphore is a direct buffer of at least 2 bytes, not " + semaphore);
        }
    }
}
