package io.github.usdt4j.internal;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One warning per subject, through {@link System.Logger} so applications can route it.
 *
 * <p>A warning is logged later, by {@link #flush()} from {@code Providers.get}, never from
 * inside a generated class's static initialiser: a logging handler that fires a probe would
 * otherwise find its provider half-initialised, and two threads whose warnings fire each
 * other's providers would deadlock on class initialisation.
 */
public final class Warnings {
    /** Looked up at the first warning: a logging system costs a JVM's start-up its classes. */
    private static final class Logger {
        static final System.Logger LOGGER = System.getLogger("io.github.usdt4j");
    }

    /**
     * What only a JVM with warnings needs: every {@code Providers.get} flushes, and a start
     * without warnings then loads no more than this class.
     */
    private static final class Queued {
        /** Per class, so the same provider in two class loaders warns for each. */
        static final ClassValue<AtomicBoolean> WARNED = new ClassValue<>() {
            @Override
            protected AtomicBoolean computeValue(Class<?> type) {
                return new AtomicBoolean();
            }
        };
        static final Queue<String> PENDING = new ConcurrentLinkedQueue<>();
    }

    /** Whether a warning was ever queued. */
    private static volatile boolean queued;

    private Warnings() {}

    /** Queues {@code message} unless {@code subject} already had a warning. */
    public static void warnOnce(Class<?> subject, String message) {
        if (Queued.WARNED.get(subject).compareAndSet(false, true)) {
            Queued.PENDING.add(message);
            queued = true;
        }
    }

    /** The warnings queued and not yet logged; for tests. */
    static java.util.List<String> pending() {
        return java.util.List.copyOf(Queued.PENDING);
    }

    /** Logs the queued warnings; called where no class initialisation of ours is under way. */
    public static void flush() {
        if (!queued) {
            return;
        }
        for (String message; (message = Queued.PENDING.poll()) != null; ) {
            try {
                Logger.LOGGER.log(Level.WARNING, message);
            } catch (RuntimeException | LinkageError e) { // a broken logging setup must not break the caller
                System.err.println(message);
            }
        }
    }
}
