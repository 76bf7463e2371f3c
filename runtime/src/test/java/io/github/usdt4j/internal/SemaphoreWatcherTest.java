package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Folded and polled probes: the watcher switches a probe on when its semaphore rises and off
 * when it falls, including in code C2 compiled with the probe folded away or polled, sees a
 * tracer that attached before the provider registered at once, and forgets a provider whose
 * class was unloaded.
 * Waits are bounded polls, not sleeps: nothing here depends on how fast the machine is.
 */
class SemaphoreWatcherTest {
    private static ByteBuffer semaphore() {
        return ByteBuffer.allocateDirect(Short.BYTES).order(ByteOrder.nativeOrder());
    }

    private static ProbeSemaphore watched(Class<?> owner, ByteBuffer semaphore) {
        return SemaphoreWatcher.watch(owner, new ByteBuffer[] {semaphore},
                new ProbeSemaphore[] {SemaphoreReaders.semaphore(semaphore)})[0];
    }

    private static ProbeSemaphore polled(ByteBuffer semaphore) {
        return SemaphoreWatcher.poll(SemaphoreWatcherTest.class, new ByteBuffer[] {semaphore})[0];
    }

    @Test
    void aProbeFollowsItsSemaphoreUpAndDown() throws Exception {
        ByteBuffer semaphore = semaphore();
        ProbeSemaphore probe = watched(SemaphoreWatcherTest.class, semaphore);
        assertFalse(probe.isEnabled());
        semaphore.putShort(0, (short) 1);
        assertTrue(eventually(probe::isEnabled), "the watcher switched the probe on");
        semaphore.putShort(0, (short) 0);
        assertFalse(probe.isEnabled(), "a raised probe reads its semaphore: it is off at once");
        semaphore.putShort(0, (short) 2);
        assertTrue(probe.isEnabled(), "until the watcher folds it again");
        semaphore.putShort(0, (short) 0);
        assertTrue(eventually(() -> !probe.isEnabled()));
    }

    @Test
    void aPolledProbeFollowsItsSemaphoreUpAndDown() throws Exception {
        ByteBuffer semaphore = semaphore();
        ProbeSemaphore probe = polled(semaphore);
        assertFalse(probe.isEnabled());
        semaphore.putShort(0, (short) 1);
        assertTrue(eventually(probe::isEnabled), "the watcher copied the raised semaphore");
        semaphore.putShort(0, (short) 0);
        assertTrue(eventually(() -> !probe.isEnabled()), "and the fallen one");
        semaphore.putShort(0, (short) -1); // 65535 tracers: the kernel's count is unsigned
        assertTrue(eventually(probe::isEnabled));
    }

    @Test
    void aTracerAttachedBeforeTheProviderLoadedIsSeenAtOnce() {
        ByteBuffer semaphore = semaphore();
        semaphore.putShort(0, (short) 1);
        assertTrue(watched(SemaphoreWatcherTest.class, semaphore).isEnabled());
        assertTrue(polled(semaphore).isEnabled());
    }

    @Test
    void aCompiledLoopWithTheProbeFoldedSeesTheTracerAttach() throws Exception {
        SemaphoreReadersTest.compiledLoopSeesTheSemaphoreRise(SpinningLoop.WATCHED);
    }

    @Test
    void aCompiledLoopWithTheProbePolledSeesTheTracerAttach() throws Exception {
        SemaphoreReadersTest.compiledLoopSeesTheSemaphoreRise(SpinningLoop.POLLED);
    }

    @Test
    void anUnloadedProviderIsForgotten() throws Exception {
        int before = watchAClassOfAThrowawayLoader();
        assertTrue(eventually(() -> {
            System.gc();
            return SemaphoreWatcher.watchedCount() < before;
        }), "the watcher dropped the provider of a collected class loader");
    }

    /** Watches a semaphore for a class whose loader nothing keeps once this returns; the count after. */
    private static int watchAClassOfAThrowawayLoader() throws Exception {
        URL classes = SemaphoreWatcherTest.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
            watched(loader.loadClass(SpinningLoop.class.getName()), semaphore());
            return SemaphoreWatcher.watchedCount();
        }
    }

    /** Whether {@code condition} holds within 10 s, asked every millisecond. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }
}
