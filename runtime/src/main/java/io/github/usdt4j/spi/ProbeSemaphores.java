package io.github.usdt4j.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The semaphores of one provider: per probe, a direct buffer over the {@code unsigned short}
 * that {@code dtrace -G} defines in the library's {@code .probes} section and the kernel
 * increments while a tracer is attached. For a provider whose library did not load, every
 * probe gets a buffer that stays zero, so its probes never call native code.
 *
 * <p>Generated code only; not an API for applications.
 */
public final class ProbeSemaphores {
    /*
     * An opaque read: the JIT may not hoist it out of a loop, so a tracer that attaches while
     * the loop runs is seen on the next iteration. It compiles to a plain 16-bit load.
     */
    private static final VarHandle UNSIGNED_SHORT =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private final ByteBuffer[] semaphores;

    ProbeSemaphores(ByteBuffer[] semaphores) {
        this.semaphores = semaphores;
    }

    static ProbeSemaphores off(int probeCount) {
        ByteBuffer[] zeros = new ByteBuffer[probeCount];
        // Direct like the real ones, so the read site sees a single buffer class.
        ByteBuffer zero = ByteBuffer.allocateDirect(Short.BYTES);
        java.util.Arrays.fill(zeros, zero);
        return new ProbeSemaphores(zeros);
    }

    /** The semaphore of probe {@code index}, in declaration order. */
    public ByteBuffer get(int index) {
        return semaphores[index];
    }

    /** {@code true} while a tracer is attached to the probe whose semaphore this is. */
    public static boolean isEnabled(ByteBuffer semaphore) {
        return (short) UNSIGNED_SHORT.getOpaque(semaphore, 0) != 0;
    }
}
