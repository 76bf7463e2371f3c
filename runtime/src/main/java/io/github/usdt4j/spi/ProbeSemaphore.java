package io.github.usdt4j.spi;

import java.util.Objects;

/**
 * One probe's semaphore, as its generated method reads it: {@code reader} applied to
 * {@code base} and {@code offset} returns the {@code unsigned short} the kernel raises while a
 * tracer is attached (an opaque or volatile read, so the JIT cannot hoist it out of a loop and
 * miss a tracer that attaches later).
 *
 * <p>A record on purpose: HotSpot trusts a record's fields as constants. Held in a
 * {@code static final} field, the reader, the base and the offset are constants to the JIT,
 * which calls the reader's own class directly, inlines it and folds the read into one 16-bit
 * load with no checks around it; a reader that always returns 0 (a provider whose library did
 * not load) folds away entirely. The reader is shared by every probe read the same way, so
 * loading a provider makes no method handles: each one made costs a cold JVM's start-up far
 * more than the load it folds into.
 *
 * <p>Generated code only; not an API for applications.
 *
 * @param reader how the semaphore is read
 * @param base what the reader reads from (a memory segment or a buffer), or null when
 *     {@code offset} is an address
 * @param offset the semaphore's offset in {@code base}, or its address
 */
public record ProbeSemaphore(Reader reader, Object base, long offset) {
    /** A way to read semaphores; implemented by the runtime only. */
    public interface Reader {
        /** The semaphore at {@code offset} in {@code base}. Never throws: a probe must not throw into its caller. */
        short read(Object base, long offset);
    }

    public ProbeSemaphore {
        Objects.requireNonNull(reader, "reader");
    }

    /** {@code true} while a tracer is attached to this probe. */
    public boolean isEnabled() {
        return reader.read(base, offset) != 0;
    }
}
