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

    /** Per class, so the same provider in two class loaders warns for each. */
    private static final ClassValue<AtomicBoolean> WARNED = new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
            return new AtomicBoolean();
        }
    };
    private static final Queue<String> PENDING = new ConcurrentLinkedQueue<>();

    private Warnings() {}

    /** Queues {@code message} unless {@code subject} already had a warning. */
    public static void warnOnce(Class<?> subject, String message) {
        if (WARNED.get(subject).compareAndSet(false, true)) {
            PENDING.add(message);
        }
    }

    /** The warnings queued and not yet logged; for tests. */
    static java.util.List<String> pending() {
        return java.util.List.copyOf(PENDING);
    }

    /** Logs the queued warnings; called where no class initialisation of ours is under way. */
    public static void flush() {
        for (String message; (message = PENDING.poll()) != null; ) {
            try {
                Logger.LOGGER.log(Level.WARNING, message);
            } catch (RuntimeException | LinkageError e) { // a broken logging setup must not break the caller
                System.err.println(message);
            }
        }
    }
}
