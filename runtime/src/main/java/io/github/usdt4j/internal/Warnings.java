package io.github.usdt4j.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One warning per subject, through {@link System.Logger} so applications can route it. */
public final class Warnings {
    private static final System.Logger LOGGER = System.getLogger("io.github.usdt4j");
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Warnings() {}

    public static void warnOnce(String subject, String message) {
        if (WARNED.add(subject)) {
            try {
                LOGGER.log(Level.WARNING, message);
            } catch (RuntimeException e) { // a broken logging setup must not break the caller
                System.err.println(message);
            }
        }
    }
}
