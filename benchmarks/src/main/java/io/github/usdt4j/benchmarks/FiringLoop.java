package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires one probe every 20 microseconds until killed, for attach-latency.sh: the time from a
 * tracer attaching to its first event is then the time until the probe is switched on, to
 * within 20 microseconds. Prints {@code ready PID} once the probe is compiled and firing.
 */
public final class FiringLoop {
    private FiringLoop() {}

    public static void main(String[] args) {
        StartUpProviders.P01 probes = Providers.get(StartUpProviders.P01.class);
        long fired = 0;
        long start = System.nanoTime();
        boolean announced = false;
        while (true) {
            probes.p0(1, "attach", fired++);
            if (!announced && System.nanoTime() - start > 2_000_000_000L) { // warmed up: compiled, folded
                System.out.println("ready " + ProcessHandle.current().pid());
                announced = true;
            }
            LockSupport.parkNanos(20_000);
        }
    }
}
