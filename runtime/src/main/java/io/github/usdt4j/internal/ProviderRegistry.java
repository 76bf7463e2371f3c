package io.github.usdt4j.internal;

import io.github.usdt4j.ProviderStatus;

/** The load status of each generated implementation, recorded by its static initialiser. */
public final class ProviderRegistry {
    private static final ClassValue<ProviderStatus[]> STATUS = new ClassValue<>() {
        @Override
        protected ProviderStatus[] computeValue(Class<?> type) {
            return new ProviderStatus[1];
        }
    };

    private ProviderRegistry() {}

    public static void record(Class<?> implementation, ProviderStatus status) {
        STATUS.get(implementation)[0] = status;
    }

    public static ProviderStatus statusOf(Class<?> implementation) {
        ProviderStatus status = STATUS.get(implementation)[0];
        return status != null ? status
                : ProviderStatus.noop(implementation.getName(), "the provider was not loaded by usdt4j");
    }
}
