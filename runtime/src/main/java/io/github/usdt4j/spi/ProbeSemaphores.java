package io.github.usdt4j.spi;

import io.github.usdt4j.internal.SemaphoreReaders;
import io.github.usdt4j.internal.SemaphoreWatcher;
import io.github.usdt4j.internal.Settings;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The semaphores of one provider, in declaration order. For a provider whose library did not
 * load, every probe gets a semaphore that is always zero, so its probes never call native code.
 *
 * <p>Generated code only; not an API for applications.
 */
public final class ProbeSemaphores {
    private final ProbeSemaphore[] semaphores;

    private ProbeSemaphores(ProbeSemaphore[] semaphores) {
        this.semaphores = semaphores;
    }

    /**
     * Readers over the direct buffers the library of {@code owner}, a generated class, returned,
     * one per probe; folded or polled ones when {@code usdt4j.semaphores} says so.
     */
    static ProbeSemaphores over(Class<?> owner, ByteBuffer[] buffers) {
        String mode = Settings.semaphores();
        if (mode.equals(Settings.POLL)) {
            return new ProbeSemaphores(SemaphoreWatcher.poll(owner, buffers)); // no reader made: what poll saves
        }
        ProbeSemaphore[] semaphores = new ProbeSemaphore[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            semaphores[i] = SemaphoreReaders.semaphore(buffers[i]);
        }
        return new ProbeSemaphores(mode.equals(Settings.WATCH) ? SemaphoreWatcher.watch(owner, buffers, semaphores) : semaphores);
    }

    static ProbeSemaphores off(int probeCount) {
        ProbeSemaphore[] semaphores = new ProbeSemaphore[probeCount];
        Arrays.fill(semaphores, SemaphoreReaders.alwaysZero());
        return new ProbeSemaphores(semaphores);
    }

    /** The semaphore of probe {@code index}, in declaration order. */
    public ProbeSemaphore get(int index) {
        return semaphores[index];
    }
}
