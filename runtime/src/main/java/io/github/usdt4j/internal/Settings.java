package io.github.usdt4j.internal;

import java.nio.file.Path;

/** The system properties that configure usdt4j at run time (see docs/runtime.md). */
public final class Settings {
    /** Turns a provider that cannot load into an exception from {@code Providers.get}. */
    public static final String FAIL_FAST = "usdt4j.failFast";
    /** The directory native libraries are extracted to. */
    public static final String LIBRARY_DIR = "usdt4j.dir";

    private Settings() {}

    public static boolean failFast() {
        return Boolean.getBoolean(FAIL_FAST);
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
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "usdt4j-" + user);
    }
}
