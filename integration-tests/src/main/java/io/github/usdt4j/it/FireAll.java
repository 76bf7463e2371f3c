package io.github.usdt4j.it;

import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.Providers;
import io.github.usdt4j.examples.Libmtev;
import java.util.function.BooleanSupplier;

/**
 * Fires the conformance probes with known values once a tracer is attached. Prints
 * {@code ready <pid> <library>}, waits (up to a minute) until the tracer raises the
 * semaphores of the probes it fires and the test says {@link #GO} (a raised semaphore does not
 * yet mean the tracer's program is attached to it), fires, prints {@code fired}, and exits when
 * its standard input closes.
 *
 * <pre>java io.github.usdt4j.it.FireAll all|wide|providers|figures|startup|gc</pre>
 */
public final class FireAll {
    static final String LONG_TEXT = "x".repeat(1000);
    /** The line the test sends once its tracer is attached. */
    static final String GO = "go";

    private FireAll() {}

    public static void main(String[] args) throws InterruptedException {
        Conformance probes = Providers.get(Conformance.class);
        ProviderStatus status = Providers.status(Conformance.class);
        if (!status.active()) {
            System.out.println("inactive " + status.reason());
            System.exit(3);
        }
        String scenario = args.length > 0 ? args[0] : "all";
        if (scenario.equals("gc")) {
            for (int i = 0; i < FULL_GCS; i++) {
                System.gc(); // one full collection each: the JVM's hotspot:::gc-begin fires with arg0 = 1
            }
            System.out.println("collected");
            return;
        }
        if (scenario.equals("startup")) {
            // no waiting for a tracer: only one attached before the JVM started sees these
            for (long i = 0; i < STARTUP_EVENTS; i++) {
                probes.counted(0, i);
            }
            System.out.println("fired");
            return;
        }
        System.out.println("ready " + ProcessHandle.current().pid() + " " + status.library().orElseThrow());
        System.out.flush();
        // Every probe this run fires must be attached first, or its events are lost.
        if (scenario.equals("storm")) {
            storm(probes);
            return;
        }
        Services.Probes services = Providers.get(Services.Probes.class);
        Libmtev libmtev = Providers.get(Libmtev.class);
        BooleanSupplier attached;
        switch (scenario) {
            case "wide":
                attached = probes::wideEnabled;
                break;
            case "providers":
                attached = () -> services.tickEnabled() && libmtev.logEnabled() && probes.doneEnabled();
                break;
            case "figures":
                attached = () -> probes.countedEnabled() && probes.doneEnabled();
                break;
            default:
                attached = () -> probes.integersEnabled() && probes.stringsEnabled() && probes.cutEnabled()
                        && probes.objectsEnabled() && probes.doneEnabled();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!attached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("no tracer attached within a minute");
                System.exit(4);
            }
            Thread.sleep(10);
        }
        java.util.Scanner input = new java.util.Scanner(System.in, java.nio.charset.StandardCharsets.UTF_8);
        if (scenario.equals("wide")) {
            // perf raises the semaphore when it opens its events but records only once it has
            // enabled them, a moment later: fire every 20 ms until the test has stopped perf.
            System.out.println("firing");
            System.out.flush();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread stopper = new Thread(() -> {
                input.hasNextLine();
                stop.set(true);
            });
            stopper.setDaemon(true);
            stopper.start();
            long end = System.nanoTime() + 60_000_000_000L;
            while (!stop.get() && System.nanoTime() < end) {
                probes.wide(1, -2L, 3, Long.MAX_VALUE, -5, 6L, 7, -8L, Integer.MIN_VALUE, 10L, 11, Long.MIN_VALUE);
                Thread.sleep(20);
            }
            System.out.println("fired");
            return;
        }
        while (input.hasNextLine() && !input.nextLine().equals(GO)) {
            // wait for the test's word
        }
        if (scenario.equals("providers")) {
            // three providers, two from this module and one from usdt4j-examples
            services.tick(7, "integration-tests");
            libmtev.log("it", "FireAll.java", 42, "from another module");
        } else if (scenario.equals("figures")) {
            figures(probes);
            probes.done(FIGURES_THREADS * FIGURES_PER_THREAD);
            System.out.println("fired");
            System.out.flush();
            while (input.hasNextLine()) {
                input.nextLine();
            }
            return;
        } else {
            fireAll(probes);
        }
        probes.done(1);
        System.out.println("fired");
        System.out.flush();
        // Stay alive until the test closes our input: a tracer that is still setting up must
        // find the process (perf reads /proc/PID while it starts).
        while (input.hasNextLine()) {
            input.nextLine();
        }
    }

    static final int STARTUP_EVENTS = 100;
    static final int FULL_GCS = 3;
    static final int FIGURES_THREADS = 4;
    static final int FIGURES_PER_THREAD = 1000;

    /** Known figures for aggregations: {@code counted(t, i)} for t in 0..3 and i in 0..999. */
    private static void figures(Conformance probes) {
        for (int thread = 0; thread < FIGURES_THREADS; thread++) {
            for (long i = 0; i < FIGURES_PER_THREAD; i++) {
                probes.counted(thread, i);
            }
        }
    }

    static final int THREADS = 8;
    static final int EXACT_PER_THREAD = 20_000;

    /**
     * Threads fire {@code counted} nonstop while tracers come and go; on the input line
     * {@code exact}, they stop and {@code quiet} is printed; on {@link #GO} (the test's tracer
     * is attached to {@code counted} and {@code done}) each fires exactly
     * {@link #EXACT_PER_THREAD} events, then {@code done} carries the total.
     */
    private static void storm(Conformance probes) throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean churning = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (long i = 0; churning.get(); i++) {
                    probes.counted(id, i);
                }
            });
            threads[t].start();
        }
        System.out.println("churning");
        System.out.flush();
        java.util.Scanner input = new java.util.Scanner(System.in, java.nio.charset.StandardCharsets.UTF_8);
        while (input.hasNextLine() && !input.nextLine().equals("exact")) {
            // wait for the test's word
        }
        churning.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("quiet");
        System.out.flush();
        while (input.hasNextLine() && !input.nextLine().equals(GO)) {
            // wait until the test's tracer is attached
        }
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (long i = 0; i < EXACT_PER_THREAD; i++) {
                    probes.counted(id, i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        probes.done(THREADS * EXACT_PER_THREAD);
        System.out.println("fired");
        System.out.flush();
        while (input.hasNextLine()) {
            input.nextLine(); // stay until the test closes our input
        }
    }

    private static void fireAll(Conformance probes) {
        probes.integers(true, Byte.MIN_VALUE, Short.MIN_VALUE, '\uffff', Integer.MIN_VALUE, Long.MIN_VALUE);
        probes.integers(false, Byte.MAX_VALUE, Short.MAX_VALUE, 'A', Integer.MAX_VALUE, Long.MAX_VALUE);
        probes.integers(false, (byte) -1, (short) -1, '\u00e9', -1, -1L);

        probes.strings("plain ascii", "gr\u00fc\u00dfe \u2014 \u03c0", "rocket \uD83D\uDE80 clef \uD834\uDD1E");
        probes.strings(null, "", LONG_TEXT);
        probes.strings("a\uD800b", "ab\u0000cd", "\uDC00");

        probes.cut("ab\u20ac\u20ac\u20ac\u20ac", "\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80", "abcdef");
        // megabytes: converted only up to the limit, never read or written past it
        probes.cut("\u20ac".repeat(2 << 20), "\uD83D\uDE80".repeat(1 << 20), "\u0000".repeat(1 << 20));

        probes.objects(Conformance.Color.GREEN, new Point(3, -4), -1L, 0xdeadbeefcafeL);
        probes.objects(null, null, 0L, 0L);
        probes.objects(Conformance.Color.RED, new Hostile(), Long.MAX_VALUE, 1L);
        probes.objects(Conformance.Color.GREEN, new NullText(), Long.MIN_VALUE, -1L);
    }

    /** An object with an ordinary toString. */
    record Point(int x, int y) {}

    /** An object whose toString returns null: the tracer sees a NULL pointer. */
    static final class NullText {
        @Override
        public String toString() {
            return null;
        }
    }

    /** An object whose toString throws: the probe fires anyway. */
    static final class Hostile {
        @Override
        public String toString() {
            throw new IllegalStateException("no");
        }
    }
}
