package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;

/**
 * An application whose {@code main} uses its providers first thing: the first provider, then
 * the other 39 of {@link StartUpProviders}. Prints {@code interfaces L first N all M} in
 * nanoseconds: L to load the forty provider interfaces (the application's own classes, which
 * it loads whether it traces or not), then N and M from the first {@code Providers.get}, each
 * provider active ({@code Providers.status}) when its time is taken. Run once per fresh JVM
 * by {@link StartUpBenchmark}.
 */
public final class StartUpProgram {
    private StartUpProgram() {}

    public static void main(String[] args) {
        long loading = System.nanoTime();
        Class<?>[] providers = StartUpProviders.ALL;
        long start = System.nanoTime();
        long first = 0;
        for (Class<?> provider : providers) {
            Providers.get(provider);
            if (!Providers.status(provider).active()) {
                throw new IllegalStateException("not active: " + Providers.status(provider));
            }
            if (first == 0) {
                first = System.nanoTime() - start;
            }
        }
        long all = System.nanoTime() - start;
        System.out.println("interfaces " + (start - loading) + " first " + first + " all " + all);
    }
}
