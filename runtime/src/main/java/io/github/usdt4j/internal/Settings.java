package io.github.usdt4j.internal;

import java.nio.file.Path;

/** The system properties that configure usdt4j at run time (see docs/runtime.md). */
public final class Settings {
    /** Turns a provider that cannot load into an exception from {@code Providers.get}. */
    public static final String FAIL_FAST = "usdt4j.failFast";
    /** The directory native libraries are extracted to. */
    public static final String LIBRARY_DIR = "usdt4j.dir";
    /** How probes learn that a tracer is attached: {@link #READ}, {@link #WATCH} or {@link #POLL}. */
    public static final String SEMAPHORES = "usdt4j.semaphores";
    /** Every probe call reads its semaphore (the default). */
    public static final String READ = "read";
    /** Folded probes: see {@link SemaphoreWatcher}. */
    public static final String WATCH = "watch";
    /** Polled probes: see {@link SemaphoreWatcher}. */
    public static final String POLL = "poll";
    /** How often the watcher reads the semaphores, in milliseconds. */
    public static final String WATCH_MILLIS = "usdt4j.watchMillis";
    private static final long DEFAULT_WATCH_MILLIS = 10;

    private Settings() {}

    public static boolean failFast() {
        return Boolean.getBoolean(FAIL_FAST);
    }

    /** {@code usdt4j.semaphores}: {@link #READ}, {@link #WATCH} or {@link #POLL}; any other value reads, with one warning. */
    public static String semaphores() {
        String value = System.getProperty(SEMAPHORES, READ);
        if (value.equals(READ) || value.equals(WATCH) || value.equals(POLL)) {
            return value;
        }
        Warnings.warnOnce(Settings.class, "usdt4j: " + SEMAPHORES + "=" + value
                + " is not read, watch or poll; probes read their semaphore on every call");
        return READ;
    }

    /** {@code usdt4j.watchMillis}, at least 1; 10, with one warning, when it is not a whole number. */
    public static long watchMillis() {
        String value = System.getProperty(WATCH_MILLIS, Long.toString(DEFAULT_WATCH_MILLIS));
        try {
            return Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            Warnings.warnOnce(SemaphoreWatcher.class, "usdt4j: " + WATCH_MILLIS + "=" + value
                    + " is not a number of milliseconds; the watcher reads every " + DEFAULT_WATCH_MILLIS + " ms");
            return DEFAULT_WATCH_MILLIS;
        }
    }

    /** Whether the user named the library directory; a directory they chose is never replaced. */
    public static boolean libraryDirectoryConfigured() {
        String configured = System.getProperty(LIBRARY_DIR);
        return configured != null && !configured.isBlank();
    }

    /** {@code usdt4j.dir}, else {@code ${java.io.tmpdir}/usdt4j-${user.name}}. */
    public static Path libraryDirectory() {
        if (libraryDirectoryConfigured()) {
            return Path.of(System.getProperty(LIBRARY_DIR)).toAbsolutePath();
        }
        return defaultLibraryDirectory();
    }

    /** {@code ${java.io.tmpdir}/usdt4j-${user.name}}: where a JVM of this user extracts unless told otherwise. */
    public static Path defaultLibraryDirectory() {
        // a loop, not a regular expression: this runs as every JVM starts
        StringBuilder user = new StringBuilder(System.getProperty("user.name", "user"));
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            boolean kept = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!kept) {
                user.setCharAt(i, '_');
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "usdt4j-" + user);
    }
}
