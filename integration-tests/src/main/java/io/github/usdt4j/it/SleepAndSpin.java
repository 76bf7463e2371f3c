package io.github.usdt4j.it;

import io.github.usdt4j.Providers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Two queries that take the same wall time and different CPU time, for {@code vtimestamp}:
 * query 1 sleeps {@link #MILLIS} ms; query 2 spins until its thread has run {@link #MILLIS} ms
 * on a CPU, by the JVM's own account.
 */
public final class SleepAndSpin {
    static final int MILLIS = 300;

    /** Where the spinning goes, so that the JIT cannot drop it. */
    static volatile long sink;

    private SleepAndSpin() {}

    public static void main(String[] args) throws InterruptedException {
        Queries queries = Providers.get(Queries.class);
        queries.start(1);
        Thread.sleep(MILLIS);
        queries.finish(1);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        queries.start(2);
        long until = threads.getCurrentThreadCpuTime() + MILLIS * 1_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        queries.finish(2);
        sink = spins;
    }
}
