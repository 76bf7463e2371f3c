package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;

/**
 * What attaching and detaching a tracer does to a busy thread: a loop calls a method with an
 * untraced probe inside ({@code x + 1}, as {@code UntracedProbeBenchmark} does) and prints,
 * every 10 ms, {@code window NANOTIME CALLS}. attach-dip.sh attaches bpftrace for a second,
 * detaches, and reads how long the loop takes after the detach to return to its speed from
 * before the attach: with {@code usdt4j.semaphores=watch} the detach re-folds the probe, which
 * deoptimizes the loop until it is compiled again; with {@code read} nothing is recompiled.
 */
public final class AttachDip {
    private static final StartUpProviders.P01 PROBES = Providers.get(StartUpProviders.P01.class);

    /** Where the results go, so that the JIT cannot drop the loop. */
    static volatile long sink;

    private AttachDip() {}

    static long work(long x) {
        PROBES.p0((int) x, "dip", x);
        return x + 1;
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long x = 0;
        long windowStart = System.nanoTime();
        long calls = 0;
        while (windowStart < end) {
            for (int i = 0; i < 1000; i++) {
                x = work(x);
            }
            calls += 1000;
            long now = System.nanoTime();
            if (now - windowStart >= 10_000_000L) {
                System.out.println("window " + now + " " + calls);
                calls = 0;
                windowStart = now;
            }
        }
        sink = x;
    }
}
