package io.github.usdt4j.internal;

import io.github.usdt4j.ProviderStatus;

/**
 * The load status of each generated implementation, recorded by its static initialiser, and
 * the instance that initialiser made.
 */
public final class ProviderRegistry {
    private static final int STATUS = 0;
    private static final int INSTANCE = 1;
    /** An array, not a class of entries: a cold JVM pays for every class of ours it loads. */
    private static final ClassValue<Object[]> ENTRIES = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return new Object[2];
        }
    };

    private ProviderRegistry() {}

    public static void record(Class<?> implementation, ProviderStatus status) {
        ENTRIES.get(implementation)[STATUS] = status;
    }

    /**
     * Records the status of a generated implementation and the instance its static initialiser
     * made, which {@code Providers} hands out instead of making another by reflection.
     */
    public static void record(Class<?> implementation, ProviderStatus status, Object instance) {
        Object[] entry = ENTRIES.get(implementation);
        entry[INSTANCE] = instance;
        entry[STATUS] = status;
    }

    public static ProviderStatus statusOf(Class<?> implementation) {
        ProviderStatus status = (ProviderStatus) ENTRIES.get(implementation)[STATUS];
        return status != null ? status
                : ProviderStatus.noop(implementation.getName(), "the provider was not loaded by usdt4j");
    }

    /** The instance recorded for {@code implementation}, or null. */
    public static Object instanceOf(Class<?> implementation) {
        return ENTRIES.get(implementation)[INSTANCE];
    }
}
