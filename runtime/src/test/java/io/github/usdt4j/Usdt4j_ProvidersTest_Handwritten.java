package io.github.usdt4j;

import io.github.usdt4j.spi.ProbeSemaphores;
import io.github.usdt4j.spi.ProviderLoader;
import java.nio.ByteBuffer;

/**
 * Written by hand the way the processor writes a provider's implementation, for
 * {@link ProvidersTest.Handwritten}; its jar has no library, so its probes are no-ops.
 */
public final class Usdt4j_ProvidersTest_Handwritten extends ProviderLoader.Natives implements ProvidersTest.Handwritten {
    /** How many instances were made: the one the static initialiser makes is the one handed out. */
    static int made;

    private static final ProbeSemaphores SEMAPHORES = ProviderLoader.load(
            Usdt4j_ProvidersTest_Handwritten.class, "handwritten", "0123456789abcdef", new Usdt4j_ProvidersTest_Handwritten(), 1);

    public Usdt4j_ProvidersTest_Handwritten() {
        made++;
    }

    @Override
    public void fire() {
        if (SEMAPHORES.get(0).isEnabled()) {
            throw new AssertionError("a provider without a library never fires");
        }
    }

    @Override
    protected void usdt4j$load(String path) {
        System.load(path);
    }

    @Override
    protected String usdt4j$libraryBuildId() {
        throw new UnsatisfiedLinkError("no library");
    }

    @Override
    protected ByteBuffer usdt4j$librarySemaphore(int probe) {
        throw new UnsatisfiedLinkError("no library");
    }
}
