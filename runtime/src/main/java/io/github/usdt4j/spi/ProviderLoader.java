package io.github.usdt4j.spi;

import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.internal.NativeLibraries;
import io.github.usdt4j.internal.ProviderRegistry;
import io.github.usdt4j.internal.Warnings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Loads the native library of a generated provider implementation, from its static
 * initialiser. Never throws: on any failure the provider's probes become no-ops, one warning
 * (logged once the class is initialised) says why, and {@link io.github.usdt4j.Providers#status(Class)} reports it.
 *
 * <p>Generated code only; not an API for applications.
 */
public final class ProviderLoader implements Consumer<String> {
    /** The generated class whose library this thread is loading. */
    private static final ThreadLocal<Class<?>> LOADING = new ThreadLocal<>();

    private final Natives natives;

    /*
     * An instance only as the System.load that NativeLibraries calls, which must be called
     * from the generated class: a nested or anonymous class would be one more class for a
     * cold JVM to load. Made only here, and never handed beyond NativeLibraries.load.
     */
    private ProviderLoader(Natives natives) {
        this.natives = natives;
    }

    /** {@code System.load(path)}, from the generated class; for {@link NativeLibraries} only. */
    @Override
    public void accept(String path) {
        LOADING.set(natives.getClass());
        try {
            natives.usdt4j$load(path);
        } finally {
            LOADING.remove();
        }
    }

    /**
     * The generated class whose library this thread is loading, or null: called by the
     * library's {@code JNI_OnLoad} (usdt4j.h), which binds that class's native methods.
     */
    @SuppressWarnings("unused") // called from C
    private static Class<?> loadingClass() {
        return LOADING.get();
    }

    /**
     * What only the generated class can do: load its library ({@code System.load} binds a
     * library to the class loader of its caller, and the native methods it implements are the
     * generated class's) and call its own natives. The generated class extends it itself: a
     * nested class would be one more class for a cold JVM to load per provider, and lambdas
     * cost its first one tens of milliseconds. The names carry a {@code $}, which the JLS keeps
     * for generated code, so no probe method can clash with them.
     */
    public abstract static class Natives {
        /** For generated classes only. */
        protected Natives() {}

        /** {@code System.load(path)}, called from the generated class. */
        protected abstract void usdt4j$load(String path);

        /** The library's build id (a native method of the generated class). */
        protected abstract String usdt4j$libraryBuildId();

        /** The library's semaphore of probe {@code probe} (a native method). */
        protected abstract ByteBuffer usdt4j$librarySemaphore(int probe);
    }

    /**
     * @param implementation the generated class, whose folder in the jar holds the library
     * @param provider the provider name
     * @param buildId the id the processor gave this build of the provider; the library must
     *     report the same one, so a library from another build is never used
     * @param natives an instance of the generated class, for its loading and native methods; the
     *     instance {@code Providers.get} returns
     * @param probeCount how many probes the provider declares
     */
    public static ProbeSemaphores load(
            Class<?> implementation,
            String provider,
            String buildId,
            Natives natives,
            int probeCount) {
        try {
            Path library = NativeLibraries.load(implementation, provider, buildId, new ProviderLoader(natives));
            String loadedId;
            try {
                loadedId = natives.usdt4j$libraryBuildId();
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
                ByteBuffer semaphore = natives.usdt4j$librarySemaphore(i);
                if (semaphore == null || !semaphore.isDirect() || semaphore.capacity() != Short.BYTES) {
                    throw new NativeLibraries.LoadFailure("the library " + library
                            + " returned no semaphore for probe " + i + "; rebuild the module");
                }
                semaphores[i] = semaphore;
            }
            ProbeSemaphores readers = ProbeSemaphores.over(implementation, semaphores);
            ProviderRegistry.record(implementation, ProviderStatus.active(provider, library.toString()), natives);
            return readers;
        } catch (NativeLibraries.LoadFailure e) {
            return off(implementation, provider, natives, probeCount, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return off(implementation, provider, natives, probeCount, e.toString());
        }
    }

    private static ProbeSemaphores off(
            Class<?> implementation, String provider, Natives natives, int probeCount, String reason) {
        ProviderRegistry.record(implementation, ProviderStatus.noop(provider, reason), natives);
        Warnings.warnOnce(implementation,
                "usdt4j: probes of provider " + provider + " are no-ops: " + reason);
        return ProbeSemaphores.off(probeCount);
    }
}
