package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin reads what the processor left through the catalogue, and refuses half of it. */
class ProviderSourcesTest {
    private static final String SOURCE = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"sources\")\n"
            + "public interface Probes {\n"
            + "  @Probe void request(String path, int status);\n"
            + "  @Probe(\"cache-miss\") void miss();\n"
            + "}\n";

    @TempDir
    Path temp;

    @Test
    void theCatalogueNamesTheProviderAndItsProbes() throws Exception {
        Path folder = compiled();
        ProviderSources sources = ProviderSources.in(folder).orElseThrow();
        assertEquals("sources", sources.name());
        assertEquals("t.Usdt4j_Probes", sources.implementation());
        assertEquals(2, sources.probeCount());
        assertEquals(folder.resolve("sources.d"), sources.dFile());
        assertEquals("cache__miss", sources.catalogue().probes().get(1).elfName());
    }

    @Test
    void anIncompleteFolderFailsTheBuildSayingWhatIsMissing() throws Exception {
        Path folder = compiled();
        Files.delete(folder.resolve("sources.c"));
        LinkFailure e = assertThrows(LinkFailure.class, () -> ProviderSources.in(folder));
        assertTrue(e.getMessage().contains("has no sources.c: the processor's output is incomplete"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run mvn clean and build again"), e.getMessage());

        Files.delete(folder.resolve("sources.probes"));
        e = assertThrows(LinkFailure.class, () -> ProviderSources.in(folder));
        assertTrue(e.getMessage().contains("has no catalogue (*.probes)"), e.getMessage());
    }

    @Test
    void aFolderWithNothingOfTheProcessorsIsNotAProvider() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("META-INF/usdt4j/t.Usdt4j_Gone"));
        assertEquals(Optional.empty(), ProviderSources.in(empty));
    }

    private Path compiled() throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src/t"));
        Files.writeString(sources.resolve("Probes.java"), SOURCE);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path generated = Files.createDirectories(temp.resolve("generated"));
        assertTrue(ProviderCompiler.compile(List.of(sources.resolve("Probes.java")), classes, generated, null));
        return classes.resolve("META-INF/usdt4j/t.Usdt4j_Probes");
    }
}
