package io.github.usdt4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, and running it, for every test module: a test whose
 * tool is missing skips and says why, and with {@code USDT4J_REQUIRE_TRACERS=1} (as CI sets it)
 * fails instead, so CI never passes on a skipped test.
 */
public final class Machine {
    /** The environment variable that turns a missing tool into a failure. */
    public static final String REQUIRE = "USDT4J_REQUIRE_TRACERS";

    private Machine() {}

    /** Skips the test unless {@code tool} is on the PATH; the reason names the Debian package. */
    public static void require(String tool, String debianPackage) {
        if (onPath(tool) == null) {
            skipOrFail(tool + " is not installed (apt-get install " + debianPackage + ")");
        }
    }

    /** Skips the test with {@code reason}, or fails it when CI requires every test to run. */
    public static void skipOrFail(String reason) {
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(reason + " (" + REQUIRE + "=1 makes this a failure)");
        }
        System.err.println("SKIPPED " + reason);
        Assumptions.abort(reason);
    }

    /** Where {@code tool} is on the PATH, or null. */
    public static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** A tool of the JDK the tests run on: {@code java}, {@code javac}. */
    public static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** {@link #run(Path, List)} in the current directory. */
    public static String run(String... command) throws IOException, InterruptedException {
        return run(null, List.of(command));
    }

    /**
     * Runs {@code command} in {@code directory} (null: the current one) to its end and returns
     * what it printed; a non-zero exit fails the test with that output.
     */
    public static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " closed its output but did not end");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + ":\n" + output);
        return output;
    }
}
