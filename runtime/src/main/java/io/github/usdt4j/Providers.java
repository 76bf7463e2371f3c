package io.github.usdt4j;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.internal.NoopProvider;
import io.github.usdt4j.internal.ProviderRegistry;
import io.github.usdt4j.internal.Settings;
import io.github.usdt4j.internal.Warnings;
import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Entry point: returns the implementation the annotation processor generated for a
 * {@link Provider} interface.
 *
 * <pre>{@code
 * static final Libmtev PROBES = Providers.get(Libmtev.class);
 * }</pre>
 *
 * <p>{@code get} never fails because tracing cannot work: when the native library cannot be
 * loaded (another operating system, a build that skipped linking, an unwritable extraction
 * directory, …) it returns an implementation whose probes do nothing, and logs one warning
 * saying why. {@link #status(Class)} tells a program which case it is in. Setting the system
 * property {@code usdt4j.failFast=true} turns such a failure into an
 * {@link IllegalStateException} from {@code get} instead.
 */
public final class Providers {
    private static final ClassValue<Object> INSTANCES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> providerInterface) {
            return create(providerInterface);
        }
    };

    /** The interfaces this thread is creating, so a probe fired meanwhile (by a class loader, say) finds no half-made class. */
    private static final ThreadLocal<Set<Class<?>>> CREATING = new ThreadLocal<>() {
        @Override
        protected Set<Class<?>> initialValue() { // not withInitial(HashSet::new): no lambda on the start-up path
            return new HashSet<>();
        }
    };

    private Providers() {}

    /**
     * Returns the probes of a provider interface. The same instance is returned on every
     * call for the same interface; it is safe to use from any thread.
     *
     * @throws IllegalArgumentException if {@code providerInterface} is not an interface
     * @throws IllegalStateException if {@code usdt4j.failFast} is set and the provider's
     *     native library cannot be used
     */
    public static <T> T get(Class<T> providerInterface) {
        Objects.requireNonNull(providerInterface, "providerInterface");
        if (!providerInterface.isInterface() || providerInterface.isAnnotation()) {
            throw new IllegalArgumentException(
                    providerInterface.getName() + " is not an interface annotated with @Provider");
        }
        if (CREATING.get().contains(providerInterface)) {
            // Asked again while this thread creates it: no-op probes for this call only.
            return providerInterface.cast(NoopProvider.create(providerInterface));
        }
        T probes = providerInterface.cast(INSTANCES.get(providerInterface));
        Warnings.flush();
        if (Settings.failFast()) {
            ProviderStatus status = status(providerInterface);
            if (!status.active()) {
                throw new IllegalStateException("usdt4j: provider " + status.provider()
                        + " cannot fire probes (usdt4j.failFast is set): " + status.reason());
            }
        }
        return probes;
    }

    /**
     * Tells whether the probes of a provider interface reach tracers, and if not, why.
     * Loads the provider as {@link #get(Class)} does.
     */
    public static ProviderStatus status(Class<?> providerInterface) {
        Objects.requireNonNull(providerInterface, "providerInterface");
        if (CREATING.get().contains(providerInterface)) {
            return ProviderStatus.noop(providerInterface.getName(), "the provider is still being loaded");
        }
        Object probes = INSTANCES.get(providerInterface);
        Warnings.flush();
        // A generated class's status is kept under itself, a stand-in's under the interface. By
        // name, not NoopProvider.isNoop: an active provider then never loads the proxy classes.
        Class<?> implementation = probes.getClass();
        boolean generated = implementation.getName().equals(GeneratedLayout.implementationName(providerInterface));
        return ProviderRegistry.statusOf(generated ? implementation : providerInterface);
    }

    private static Object create(Class<?> providerInterface) {
        Set<Class<?>> creating = CREATING.get();
        creating.add(providerInterface);
        try {
            return createImplementation(providerInterface);
        } finally {
            creating.remove(providerInterface);
        }
    }

    private static Object createImplementation(Class<?> providerInterface) {
        String implementation = GeneratedLayout.implementationName(providerInterface);
        Class<?> generated;
        try {
            generated = Class.forName(implementation, true, providerInterface.getClassLoader());
        } catch (ClassNotFoundException e) {
            return noop(providerInterface, "no generated implementation " + implementation
                    + " was found; add usdt4j-processor to the compiler's annotationProcessorPaths"
                    + " and make sure the interface is annotated with @Provider");
        } catch (LinkageError e) {
            return noop(providerInterface, "the generated implementation " + implementation
                    + " could not be initialised: " + e);
        }
        if (!providerInterface.isAssignableFrom(generated)) {
            return noop(providerInterface, implementation + " does not implement "
                    + providerInterface.getName() + "; rebuild the module");
        }
        Object made = ProviderRegistry.instanceOf(generated);
        if (made != null && generated == made.getClass()) {
            return made; // made by its static initialiser: no reflection, which a cold JVM pays for
        }
        try {
            return generated.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            return noop(providerInterface, "the generated implementation " + implementation
                    + " could not be created: " + cause);
        }
    }

    private static Object noop(Class<?> providerInterface, String reason) {
        Warnings.warnOnce(providerInterface, "usdt4j: probes of "
                + providerInterface.getName() + " are disabled: " + reason);
        ProviderRegistry.record(providerInterface,
                ProviderStatus.noop(providerInterface.getName(), reason));
        return NoopProvider.create(providerInterface);
    }
}
