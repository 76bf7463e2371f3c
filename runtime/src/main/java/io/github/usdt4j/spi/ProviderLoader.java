package io.github.usdt4j.spi;

import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.internal.NativeLibraries;
import io.github.usdt4j.internal.ProviderRegistry;
import io.github.usdt4j.internal.Warnings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Loads the native library of a generated provider implementation, from its static
 * initialiser. Never throws: on any failure the provider's probes become no-ops, one warning
 * (logged once the class is initialised) says why, and {@link io.github.usdt4j.Providers#status(Class)} reports it.
 *
 * <p>Generated code only; not an API for applications.
 */
public final class ProviderLoader {
    private ProviderLoader() {}

    /**
     * @param implementation the generated class, whose folder in the jar holds the library
     * @param provider the provider name
     * @param systemLoad {@code System.load} called from the generated class, so that the library
     *     belongs to the generated class's own class loader (the runtime may sit in a parent loader)
     * @param buildId the id the processor gave this build of the provider; the library must
     *     report the same one, so a library from another build is never used
     * @param nativeBuildId the library's id (a native method of the generated class)
     * @param nativeSemaphore the library's semaphore of probe {@code i} (a native method)
     * @param probeCount how many probes the provider declares
     */
    public static ProbeSemaphores load(
            Class<?> implementation,
            String provider,
            Consumer<String> systemLoad,
            String buildId,
            Supplier<String> nativeBuildId,
            IntFunction<ByteBuffer> nativeSemaphore,
            int probeCount) {
        try {
            Path library = NativeLibraries.load(implementation, provider, systemLoad);
            String loadedId;
            try {
                loadedId = nativeBuildId.get();
            } catch (UnsatisfiedLinkError e) {
                throw new NativeLibraries.LoadFailure("the library " + library + " is not provider " + provider
                        + "'s (it has no " + e.getMessage() + "); rebuild the module so the jar carries its own library");
            }
            if (!buildId.equals(loadedId)) {
                throw new NativeLibraries.LoadFailure("the library " + library + " is from build "
                        + loadedId + " but the Java implementation is from build " + buildId
                        + "; rebuild the module so both come from the same sources");
            }
            ByteBuffer[] semaphores = new ByteBuffer[probeCount];
            for (int i = 0; i < probeCount; i++) {
                ByteBuffer semaphore = nativeSemaphore.apply(i);
                if (semaphore == null || !semaphore.isDirect() || semaphore.capacity() != Short.BYTES) {
                    throw new NativeLibraries.LoadFailure("the library " + library
                            + " returned no semaphore for probe " + i + "; rebuild the module");
                }
                semaphores[i] = semaphore;
            }
            ProbeSemaphores readers = ProbeSemaphores.over(semaphores);
            ProviderRegistry.record(implementation, ProviderStatus.active(provider, library.toString()));
            return readers;
        } catch (NativeLibraries.LoadFailure e) {
            return off(implementation, provider, probeCount, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return off(implementation, provider, probeCount, e.toString());
        }
    }

    private static ProbeSemaphores off(
            Class<?> implementation, String provider, int probeCount, String reason) {
        ProviderRegistry.record(implementation, ProviderStatus.noop(provider, reason));
        Warnings.warnOnce(implementation,
                "usdt4j: probes of provider " + provider + " are no-ops: " + reason);
        return ProbeSemaphores.off(probeCount);
    }
}
