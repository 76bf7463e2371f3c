package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;

/**
 * An application whose {@code main} uses its providers first thing: the first provider, then
 * the other 39 of {@link StartUpProviders}. Prints {@code first N all M} in nanoseconds from
 * the first call, each provider active ({@code Providers.status}) when its time is taken. Run
 * once per fresh JVM by {@link StartUpBenchmark}.
 */
public final class StartUpProgram {
    private StartUpProgram() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        long first = 0;
        for (Class<?> provider : StartUpProviders.ALL) {
            Providers.get(provider);
            if (!Providers.status(provider).active()) {
                throw new IllegalStateException("not active: " + Providers.status(provider));
            }
            if (first == 0) {
                first = System.nanoTime() - start;
            }
        }
        long all = System.nanoTime() - start;
        System.out.println("first " + first + " all " + all);
    }
}
