package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Skips a test that needs {@code cc} or {@code dtrace} when they are missing; CI fails instead. */
final class NativeTools {
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
}
