package io.github.usdt4j.it;

import io.github.usdt4j.Providers;
import java.util.ArrayList;
import java.util.List;

/**
 * A program whose JVM probes have known figures, for the D scripts in the classic Java shapes.
 * Run under a tracer that attached before it started (dtrace -c) with
 * {@code -XX:+DTraceMethodProbes -XX:+DTraceAllocProbes}: it calls {@link #measured} {@link #CALLS}
 * times, allocates {@link #ALLOCATIONS} {@link Allocated} objects, runs {@link #QUERIES}
 * queries with a full collection inside each third one, and prints {@code done}.
 *
 * <pre>java -XX:+DTraceMethodProbes -XX:+DTraceAllocProbes io.github.usdt4j.it.JvmWorkload [seconds to wait first]</pre>
 */
public final class JvmWorkload {
    static final int CALLS = 1000;
    static final int ALLOCATIONS = 500;
    static final int QUERIES = 6;

    /** Where the results go, so that the JIT cannot drop the work. */
    static volatile long sink;

    private JvmWorkload() {}

    /** What the allocation scripts count: an object no other code of the JVM allocates. */
    static final class Allocated {
        final long serial;

        Allocated(long serial) {
            this.serial = serial;
        }
    }

    /** The overlapping queries: those with a collection inside. */
    static boolean collectsInside(int query) {
        return query % 3 == 2;
    }

    static long measured(long x) {
        return x * 31 + 7;
    }

    public static void main(String[] args) throws InterruptedException {
        Queries queries = Providers.get(Queries.class);
        if (args.length > 0) {
            Thread.sleep(Long.parseLong(args[0]) * 1000); // time for a tracer that starts after us to attach
        }
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += measured(i);
        }
        List<Allocated> kept = new ArrayList<>(); // kept, so that no allocation is optimized away
        for (int i = 0; i < ALLOCATIONS; i++) {
            kept.add(new Allocated(i));
        }
        for (int query = 1; query <= QUERIES; query++) {
            queries.start(query);
            if (collectsInside(query)) {
                System.gc();
            }
            queries.finish(query);
        }
        sink = sum + kept.size();
        System.out.println("done");
    }
}
