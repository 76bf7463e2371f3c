package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
    /**
     * The ways to read a semaphore, best first. One class, no constant bodies: each body would
     * be one more class for a cold JVM to load at the first provider (~0.25 ms each).
     */
    public enum Strategy {
        /** {@code MemorySegment.ofBuffer} and an opaque read through its layout's handle (JDK 22+). */
        MEMORY_SEGMENT,
        /** {@code sun.misc.Unsafe.getShortVolatile} at the buffer's address (before JDK 22). */
        UNSAFE,
        /** An opaque read through {@code MethodHandles.byteBufferViewVarHandle}: everywhere, but checked per call. */
        BYTE_BUFFER;

        // if, not switch: a switch on an enum compiles to one more class, its switch map
        boolean usableHere() {
            if (this == MEMORY_SEGMENT) {
                return Runtime.version().feature() >= 22;
            } else if (this == UNSAFE) {
                return Runtime.version().feature() < 22 && ModuleLayer.boot().findModule("jdk.unsupported").isPresent();
            }
            return true;
        }

        /** The semaphore {@code semaphore} holds, read this way; it must be {@link #usableHere()}. */
        public ProbeSemaphore semaphoreOf(ByteBuffer semaphore) throws ReflectiveOperationException {
            check(semaphore);
            if (this == MEMORY_SEGMENT) {
                Object segment;
                try {
                    segment = (Object) SegmentAccess.OF_BUFFER.invokeExact((Buffer) semaphore);
                } catch (Throwable e) {
                    throw new IllegalStateException(e); // ofBuffer of a direct buffer throws nothing
                }
                return new ProbeSemaphore(SegmentAccess.READER, segment, 0);
            } else if (this == UNSAFE) {
                UnsafeAccess reader = UnsafeAccess.load();
                long address = reader.addressOf(semaphore);
                if (address == 0 || address % Short.BYTES != 0) {
                    throw new IllegalStateException("semaphore address " + address + " is not usable");
                }
                return new ProbeSemaphore(reader, null, address);
            }
            return new ProbeSemaphore(BufferAccess.READER, semaphore, 0);
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

    /**
     * A reader through a method handle of type {@code (Object, long)short}: the JDK 22+ segment
     * read and the buffer fallback, which the runtime (compiled for Java 17) can only reach by
     * name, and the call sites of folded probes. A record, so the JIT trusts the handle as a
     * constant and inlines it.
     */
    public record HandleReader(MethodHandle handle) implements ProbeSemaphore.Reader {
        /** The type of every such handle. */
        public static final MethodType TYPE = MethodType.methodType(short.class, Object.class, long.class);

        public HandleReader {
            if (!handle.type().equals(TYPE)) {
                throw new IllegalArgumentException("a semaphore reader is " + TYPE + ", not " + handle.type());
            }
        }

        @Override
        public short read(Object base, long offset) {
            try {
                return (short) handle.invokeExact(base, offset);
            } catch (Throwable e) {
                // No handle made here throws (each reads memory checked when it was made), and a
                // probe must never throw into its caller.
                return 0;
            }
        }
    }

    /** The reader of a probe that can never be enabled: the JIT folds it to a constant. */
    private static final class ZeroReader implements ProbeSemaphore.Reader {
        static final ProbeSemaphore SEMAPHORE = new ProbeSemaphore(new ZeroReader(), null, 0);

        @Override
        public short read(Object base, long offset) {
            return 0;
        }
    }

    /*
     * What each strategy needs once per JVM, made when first used. The segment and buffer reads
     * go through method handles found by name: the runtime is compiled for Java 17. (Not
     * Method.invoke: the JDK's Method.invoke of one of its own methods parses the method's
     * annotations, looking for @CallerSensitive, which in a cold JVM builds an annotation proxy
     * class through lambdas and ASM: ~20 ms at the first provider.) A lookup that fails leaves
     * its class unusable (NoClassDefFoundError, a LinkageError), and semaphore() falls back to
     * the next strategy.
     */
    private static final class SegmentAccess {
        /** {@code MemorySegment.ofBuffer}, as (Buffer)Object. */
        static final MethodHandle OF_BUFFER;
        static final HandleReader READER;

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
                READER = new HandleReader(shortAt.toMethodHandle(VarHandle.AccessMode.GET_OPAQUE).asType(HandleReader.TYPE));
            } catch (Throwable e) { // a failed lookup; the handles invoked here throw nothing themselves
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class BufferAccess {
        /** (ByteBuffer, int)short cast to (Object, long)short: the buffer and a zero offset. */
        static final HandleReader READER = new HandleReader(MethodHandles.explicitCastArguments(MethodHandles
                .byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder())
                .toMethodHandle(VarHandle.AccessMode.GET_OPAQUE), HandleReader.TYPE));
    }

    /** {@link Strategy#usable()}, once: each probe of each provider asks. */
    private static final List<Strategy> USABLE = Strategy.usable();

    private SemaphoreReaders() {}

    /**
     * The semaphore in {@code semaphore}, a direct buffer of two bytes, read the best way this
     * JVM offers, falling back to the next when one fails (a JDK without {@code jdk.unsupported}, say).
     */
    public static ProbeSemaphore semaphore(ByteBuffer semaphore) {
        check(semaphore);
        IllegalStateException none = null; // made only on failure: its stack trace would cost every probe of a start
        for (Strategy strategy : USABLE) {
            try {
                return strategy.semaphoreOf(semaphore);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                if (none == null) {
                    none = new IllegalStateException("no way to read a semaphore on this JVM");
                }
                none.addSuppressed(e);
            }
        }
        throw none != null ? none : new IllegalStateException("no way to read a semaphore on this JVM");
    }

    /** The semaphore of a probe that can never be enabled: the JIT folds it to a constant. */
    public static ProbeSemaphore alwaysZero() {
        return ZeroReader.SEMAPHORE;
    }

    /**
     * {@code reader} as a handle of type {@link HandleReader#TYPE}, for a call site to point at
     * (folded probes); made only then.
     */
    public static MethodHandle handleOf(ProbeSemaphore.Reader reader) {
        if (reader instanceof HandleReader handleReader) {
            return handleReader.handle();
        }
        try {
            return MethodHandles.publicLookup().findVirtual(ProbeSemaphore.Reader.class, "read", HandleReader.TYPE)
                    .bindTo(reader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e); // a public method of a public interface
        }
    }

    private static void check(ByteBuffer semaphore) {
        if (!semaphore.isDirect() || semaphore.capacity() < Short.BYTES) {
            throw new IllegalArgumentException("a semaphore is a direct buffer of at least 2 bytes, not " + semaphore);
        }
    }
}
