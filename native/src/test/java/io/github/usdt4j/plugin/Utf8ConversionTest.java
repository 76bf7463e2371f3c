package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.testing.Machine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The glue's string conversion, in C, under AddressSanitizer and UndefinedBehaviorSanitizer:
 * src/test/c/utf8_test.c runs every case on exactly sized buffers.
 */
class Utf8ConversionTest {
    @Test
    void conversionStaysInsideItsBuffers(@TempDir Path temp) throws Exception {
        NativeTools.require("cc", "gcc");
        try (InputStream header = Linker.class.getResourceAsStream("usdt4j.h")) {
            Files.copy(header, temp.resolve("usdt4j.h"));
        }
        Path include = Path.of(System.getProperty("java.home"), "include");
        Path binary = temp.resolve("utf8_test");
        run(temp, "cc", "-std=gnu11", "-g", "-Wall", "-Wextra", "-Werror",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                "-I", temp.toString(), "-I", include.toString(), "-I", include.resolve("linux").toString(),
                Path.of("src/test/c/utf8_test.c").toAbsolutePath().toString(), "-o", binary.toString());
        String output = run(temp, binary.toString());
        assertTrue(output.contains(" passed, 0 failed"), output);
    }

    private static String run(Path directory, String... command) throws Exception {
        return Machine.run(directory, List.of(command));
    }
}
