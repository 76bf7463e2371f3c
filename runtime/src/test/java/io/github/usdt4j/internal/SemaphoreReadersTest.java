package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SemaphoreReadersTest {
    static Iterable<SemaphoreReaders.Strategy> strategies() {
        return SemaphoreReaders.Strategy.usable();
    }

    /** A semaphore as the kernel keeps it: an unsigned short in native byte order. */
    private static ByteBuffer semaphore() {
        return ByteBuffer.allocateDirect(Short.BYTES).order(ByteOrder.nativeOrder());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void readsWhatTheKernelWrites(SemaphoreReaders.Strategy strategy) throws Throwable {
        ByteBuffer semaphore = semaphore();
        ProbeSemaphore probe = new ProbeSemaphore(strategy.readerOf(semaphore));
        assertFalse(probe.isEnabled());
        semaphore.putShort(0, (short) 1);
        assertTrue(probe.isEnabled());
        assertEquals((short) 1, (short) probe.reader().invokeExact());
        semaphore.putShort(0, (short) 0xffff); // 65535 tracers: still non-zero as a Java short
        assertTrue(probe.isEnabled());
        semaphore.putShort(0, (short) 0);
        assertFalse(probe.isEnabled());
    }

    /**
     * A compiled loop must see a tracer that attaches while it runs: the read may not be
     * hoisted out of the loop. A plain read fails this (the loop never ends) once C2 compiles it.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aRunningLoopSeesTheTracerAttach(SemaphoreReaders.Strategy strategy) throws Exception {
        ByteBuffer semaphore = semaphore();
        ProbeSemaphore probe = new ProbeSemaphore(strategy.readerOf(semaphore));
        CompletableFuture<Long> spins = CompletableFuture.supplyAsync(() -> {
            long n = 0;
            while (!probe.isEnabled()) {
                n++;
            }
            return n;
        });
        Thread.sleep(500); // long enough for the loop to be compiled (on-stack replacement)
        semaphore.putShort(0, (short) 1);
        assertTrue(spins.get(60, TimeUnit.SECONDS) > 0);
    }

    @Test
    void theDefaultReaderUsesTheBestStrategyAndEveryJvmHasOne() throws Throwable {
        assertTrue(SemaphoreReaders.Strategy.usable().contains(SemaphoreReaders.Strategy.BYTE_BUFFER));
        ByteBuffer semaphore = semaphore();
        semaphore.putShort(0, (short) 3);
        assertEquals((short) 3, (short) SemaphoreReaders.reader(semaphore).invokeExact());
    }

    @Test
    void aProviderThatDidNotLoadIsNeverEnabled() {
        assertFalse(new ProbeSemaphore(SemaphoreReaders.alwaysZero()).isEnabled());
    }

    @Test
    void rejectsWhatIsNotASemaphore() {
        assertThrows(IllegalArgumentException.class, () -> SemaphoreReaders.reader(ByteBuffer.allocate(2)));
        assertThrows(IllegalArgumentException.class, () -> SemaphoreReaders.reader(ByteBuffer.allocateDirect(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeSemaphore(MethodHandles.constant(int.class, 0)));
    }
}
