package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The native tools tests use: a test that needs a missing one skips (CI fails instead), and runs them. */
final class NativeTools {
    /** The link step's messages, on the test's output. */
    static final LinkLog LOG = LinkCommand.terminal(new java.io.PrintWriter(System.out, true),
            new java.io.PrintWriter(System.err, true), false);

    private NativeTools() {}

    static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        String reason = tool + " is not installed (apt-get install " + debianPackage + ")";
        if ("1".equals(System.getenv("USDT4J_REQUIRE_TRACERS"))) {
            fail(reason + " (USDT4J_REQUIRE_TRACERS=1 makes this a failure)");
        }
        Assumptions.abort(reason);
    }

    /** Runs a tool and returns what it printed; a non-zero exit fails the test with that output. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    /** Runs {@code mainClass} in a JVM of its own with {@code classes} first on the class path; returns its output. */
    static String runJava(Path classes, String mainClass, Path libraryDirectory) throws Exception {
        return run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + libraryDirectory,
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), mainClass);
    }
}
