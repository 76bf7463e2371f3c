package io.github.usdt4j.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * One probe's semaphore, as its generated method reads it: {@code reader} applied to
 * {@code base} and {@code offset} returns the {@code unsigned short} the kernel raises while a
 * tracer is attached (an opaque read, so the JIT cannot hoist it out of a loop and miss a
 * tracer that attaches later).
 *
 * <p>A record on purpose: HotSpot trusts a record's fields as constants. Held in a
 * {@code static final} field, the reader, the base and the offset are constants to the JIT,
 * which folds them into one 16-bit load with no checks around it; a reader that always returns
 * 0 (a provider whose library did not load) folds away entirely. The reader is shared by every
 * probe read the same way, so loading a provider makes no method handles: each one made costs a
 * cold JVM's start-up far more than the load it folds into.
 *
 * <p>Generated code only; not an API for applications.
 *
 * @param reader a handle of type {@code (Object, long)short}
 * @param base what the reader reads from (a memory segment or a buffer), or null when
 *     {@code offset} is an address
 * @param offset the semaphore's offset in {@code base}, or its address
 */
public record ProbeSemaphore(MethodHandle reader, Object base, long offset) {
    /** The type of every reader. */
    public static final MethodType READER_TYPE = MethodType.methodType(short.class, Object.class, long.class);

    public ProbeSemaphore {
        if (!reader.type().equals(READER_TYPE)) {
            throw new IllegalArgumentException("a semaphore reader is " + READER_TYPE + ", not " + reader.type());
        }
    }

    /** {@code true} while a tracer is attached to this probe. */
    public boolean isEnabled() {
        try {
            return (short) reader.invokeExact(base, offset) != 0;
        } catch (Throwable e) {
            // No reader throws (each reads memory it checked when it was made), and a probe
            // must never throw into its caller.
            return false;
        }
    }
}
