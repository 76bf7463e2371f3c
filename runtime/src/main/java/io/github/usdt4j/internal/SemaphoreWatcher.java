package io.github.usdt4j.internal;

import io.github.usdt4j.spi.ProbeSemaphore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Probes whose semaphores a daemon thread reads, rather than each probe call: one thread reads
 * every watched semaphore each interval, in one of two ways.
 *
 * <p><b>Folded</b> ({@code usdt4j.semaphores=watch}): a probe's check is a call site whose
 * target the JIT trusts as a constant. While its semaphore is zero the target is a constant
 * zero, so compiled code keeps nothing of an untraced probe, not even the load of its
 * semaphore. When the semaphore rises the site points at the real reader, which deoptimizes
 * the code that folded it (compiled loops included); when it falls back to zero, at the
 * constant again.
 *
 * <p><b>Polled</b> ({@code usdt4j.semaphores=poll}): a probe's check is a volatile read of a
 * Java copy of its semaphore, which the thread updates. It costs what reading the semaphore
 * itself costs, and needs neither method handles nor the FFM API, whose first use is most of
 * a cold JDK 22+ JVM's start-up cost for the first provider (docs/performance.md).
 *
 * <p>What both cost: a tracer's first events can be missed for up to one interval after it
 * attaches (a tracer attached before the provider loads loses nothing: the semaphores are read
 * when the provider registers), and the thread wakes once per interval; folding also
 * deoptimizes the methods that inlined the probe at each attach and detach.
 * docs/performance.md has the figures.
 */
public final class SemaphoreWatcher {
    private static final List<Watched> WATCHED = new ArrayList<>();
    private static Thread thread;

    private SemaphoreWatcher() {}

    /** The target of a folded, untraced probe's call site; made when the first probe is folded. */
    private static final class Zero {
        static final MethodHandle HANDLE = MethodHandles.dropArguments(
                MethodHandles.constant(short.class, (short) 0), 0, Object.class, long.class);
    }

    /** A polled probe's check: its semaphore as the watcher last read it. */
    private static final class PolledReader implements ProbeSemaphore.Reader {
        static final PolledReader INSTANCE = new PolledReader();

        @Override
        public short read(Object base, long offset) {
            return (short) ((AtomicInteger) base).get(); // volatile: a compiled loop sees the watcher's update
        }
    }

    /**
     * One provider's semaphores, forgotten once its class is unloaded (its library is then
     * unmapped): folded, with a call site per probe, or polled, with a copy of each semaphore.
     */
    private static final class Watched {
        final WeakReference<Class<?>> owner;
        final ByteBuffer[] semaphores;
        final MethodHandle[] readers;
        final MutableCallSite[] sites;
        final boolean[] raised;
        final AtomicInteger[] copies;

        /** Folded: {@code direct[i]} reads {@code semaphores[i]} on every call. */
        Watched(Class<?> owner, ByteBuffer[] semaphores, ProbeSemaphore[] direct) {
            this.owner = new WeakReference<>(owner);
            this.semaphores = semaphores;
            this.copies = null;
            this.readers = new MethodHandle[direct.length];
            for (int i = 0; i < direct.length; i++) {
                readers[i] = SemaphoreReaders.handleOf(direct[i].reader());
            }
            this.sites = new MutableCallSite[semaphores.length];
            this.raised = new boolean[semaphores.length];
            for (int i = 0; i < semaphores.length; i++) {
                raised[i] = semaphores[i].getShort(0) != 0; // a tracer attached before we loaded
                sites[i] = new MutableCallSite(raised[i] ? readers[i] : Zero.HANDLE);
            }
        }

        /** Polled. */
        Watched(Class<?> owner, ByteBuffer[] semaphores) {
            this.owner = new WeakReference<>(owner);
            this.semaphores = semaphores;
            this.readers = null;
            this.sites = null;
            this.raised = null;
            this.copies = new AtomicInteger[semaphores.length];
            for (int i = 0; i < semaphores.length; i++) {
                copies[i] = new AtomicInteger(semaphores[i].getShort(0)); // a tracer attached before we loaded
            }
        }

        /**
         * Brings each probe up to date with its semaphore: a polled probe's copy, or a folded
         * probe's site, which it adds to {@code changed} if it moved.
         */
        void update(List<MutableCallSite> changed) {
            for (int i = 0; i < semaphores.length; i++) {
                short value = semaphores[i].getShort(0);
                if (copies != null) {
                    // written only when it moved: a write each interval would take the line
                    // every probe call reads away from the cores that read it
                    if (copies[i].get() != value) {
                        copies[i].set(value);
                    }
                    continue;
                }
                boolean now = value != 0;
                if (now != raised[i]) {
                    raised[i] = now;
                    sites[i].setTarget(now ? readers[i] : Zero.HANDLE);
                    changed.add(sites[i]);
                }
            }
        }
    }

    /**
     * Watches the semaphores of {@code owner}, a generated class: {@code direct[i]} reads
     * {@code semaphores[i]} on every call. Returns one semaphore per probe that reads the same
     * memory through its call site.
     */
    public static ProbeSemaphore[] watch(Class<?> owner, ByteBuffer[] semaphores, ProbeSemaphore[] direct) {
        Watched watched = new Watched(owner, semaphores, direct);
        ProbeSemaphore[] folded = new ProbeSemaphore[direct.length];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = new ProbeSemaphore(new SemaphoreReaders.HandleReader(watched.sites[i].dynamicInvoker()),
                    direct[i].base(), direct[i].offset());
        }
        register(watched);
        return folded;
    }

    /**
     * Polls the semaphores of {@code owner}, a generated class. Returns one semaphore per probe
     * that reads the watcher's copy of {@code semaphores[i]}.
     */
    public static ProbeSemaphore[] poll(Class<?> owner, ByteBuffer[] semaphores) {
        Watched watched = new Watched(owner, semaphores);
        ProbeSemaphore[] polled = new ProbeSemaphore[semaphores.length];
        for (int i = 0; i < polled.length; i++) {
            polled[i] = new ProbeSemaphore(PolledReader.INSTANCE, watched.copies[i], 0);
        }
        register(watched);
        return polled;
    }

    private static void register(Watched watched) {
        synchronized (WATCHED) {
            WATCHED.add(watched);
            if (thread == null) {
                thread = newDaemonThread(TimeUnit.MILLISECONDS.toNanos(Settings.watchMillis()));
                thread.start();
            }
        }
    }

    /**
     * The watcher's thread, holding nothing of the application that happened to start it: no
     * context class loader, and (made in a privileged block) no inherited access-control
     * context, whose protection domains would keep that application's class loader alive
     * after it is undeployed.
     */
    @SuppressWarnings("removal") // AccessController: the only way to keep a JDK 17 thread from capturing its creator's domains
    private static Thread newDaemonThread(long interval) {
        Thread created = java.security.AccessController.doPrivileged(new java.security.PrivilegedAction<Thread>() {
            @Override
            public Thread run() {
                return new Thread(new Runnable() { // not a method reference: no lambda on the start-up path
                    @Override
                    public void run() {
                        loop(interval);
                    }
                }, "usdt4j semaphore watcher");
            }
        });
        created.setDaemon(true); // never keeps the JVM alive
        created.setContextClassLoader(null);
        return created;
    }

    /** How many providers are watched; for tests. */
    static int watchedCount() {
        synchronized (WATCHED) {
            return WATCHED.size();
        }
    }

    private static void loop(long interval) {
        List<MutableCallSite> changed = new ArrayList<>();
        while (true) {
            LockSupport.parkNanos(interval);
            try {
                synchronized (WATCHED) {
                    for (Iterator<Watched> it = WATCHED.iterator(); it.hasNext(); ) {
                        Watched watched = it.next();
                        Class<?> owner = watched.owner.get();
                        if (owner == null) {
                            it.remove(); // unloaded: its semaphores' memory may be gone
                            continue;
                        }
                        watched.update(changed);
                        Reference.reachabilityFence(owner); // keeps the library mapped while we read it
                    }
                }
                if (!changed.isEmpty()) {
                    MutableCallSite.syncAll(changed.toArray(new MutableCallSite[0]));
                    changed.clear();
                }
            } catch (RuntimeException | Error e) {
                changed.clear();
                Warnings.warnOnce(SemaphoreWatcher.class, "usdt4j: the semaphore watcher failed (" + e
                        + "); probes that were folded stay as they were until it succeeds");
            }
        }
    }
}
