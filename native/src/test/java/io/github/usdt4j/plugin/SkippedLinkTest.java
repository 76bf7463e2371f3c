package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dusdt4j.skip} after the interface changed, without {@code clean}: the library of the
 * earlier build must not ship beside the new code. It is removed with a warning; a library
 * newer than its sources stays.
 */
class SkippedLinkTest {
    private static final String SOURCE = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"skiptest\")\n"
            + "public interface Probes {\n"
            + "  @Probe void request(String path, int status);\n"
            + "}\n";

    @TempDir
    Path temp;

    @Test
    void aLibraryOlderThanItsSourcesIsRemovedAndANewerOneKept() throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/t"));
        Files.writeString(sources.resolve("Probes.java"), SOURCE);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path generated = Files.createDirectories(temp.resolve("generated"));
        assertTrue(ProviderCompiler.compile(List.of(sources.resolve("Probes.java")), classes, generated, null));
        Path folder = classes.resolve("META-INF/usdt4j/t.Usdt4j_Probes");
        Path library = Files.createDirectories(folder.resolve(GeneratedLayout.currentPlatformFolder())).resolve("libusdt4j-skiptest.so");

        Files.writeString(library, "linked by an earlier build");
        Files.setLastModifiedTime(library, FileTime.from(Instant.now().minusSeconds(3600)));
        List<String> warnings = skip(classes, generated);
        assertFalse(Files.exists(library), "the stale library is removed");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("usdt4j: removed META-INF/usdt4j/t.Usdt4j_Probes/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-skiptest.so:"
                + " it was linked from older sources of provider skiptest"), warnings.get(0));

        Files.writeString(library, "linked after the sources changed");
        Files.setLastModifiedTime(library, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(List.of(), skip(classes, generated));
        assertTrue(Files.exists(library), "an up-to-date library stays");
    }

    /** Runs the link step with {@code usdt4j.skip} set; returns its warnings. */
    private static List<String> skip(Path classes, Path generated) throws Exception {
        List<String> warnings = new ArrayList<>();
        new LinkStep(classes, generated, classes.resolveSibling("usdt4j"), List.of(), true, null, "cc", "dtrace").run(new LinkLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void debug(String message) {
            }
        });
        return warnings;
    }
}
