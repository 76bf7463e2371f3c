package io.github.usdt4j.plugin;

import io.github.usdt4j.testing.Machine;
import java.io.File;
import java.nio.file.Path;

/** The native tools tests use: a test that needs a missing one skips (CI fails instead), and runs them. */
final class NativeTools {
    /** The link step's messages, on the test's output. */
    static final LinkLog LOG = LinkCommand.terminal(new java.io.PrintWriter(System.out, true),
            new java.io.PrintWriter(System.err, true), false);

    private NativeTools() {}

    static void require(String tool, String debianPackage) {
        Machine.require(tool, debianPackage);
    }

    /** Runs a tool and returns what it printed; a non-zero exit fails the test with that output. */
    static String run(String... command) throws Exception {
        return Machine.run(command);
    }

    /** Runs {@code mainClass} in a JVM of its own with {@code classes} first on the class path; returns its output. */
    static String runJava(Path classes, String mainClass, Path libraryDirectory) throws Exception {
        return run(Machine.jdkTool("java"), "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + libraryDirectory,
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), mainClass);
    }
}
