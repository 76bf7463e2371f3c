package io.github.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each generated output, byte for byte. After an intended change, regenerate with
 * {@code mvn -pl processor test -Dusdt4j.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of(System.getProperty("usdt4j.goldenDir", "src/test/resources/golden"));
    private static final boolean UPDATE = Boolean.getBoolean("usdt4j.updateGolden");
    private static final String FOLDER = "META-INF/usdt4j/example.shop.Usdt4j_Shop_Inventory/";

    @Test
    void javaImplementation() throws IOException {
        assertGolden("example/shop/Usdt4j_Shop_Inventory.java", "Usdt4j_Shop_Inventory.java");
    }

    @Test
    void dProviderFile() throws IOException {
        assertGolden(FOLDER + "inventory.d", "inventory.d");
    }

    @Test
    void cGlue() throws IOException {
        assertGolden(FOLDER + "inventory.c", "inventory.c");
    }

    @Test
    void probeCatalogue() throws IOException {
        assertGolden(FOLDER + "inventory.probes", "inventory.probes");
    }

    @Test
    void markdownPage() throws IOException {
        assertGolden(FOLDER + "inventory.md", "inventory.md");
    }

    @Test
    void bpftraceScript() throws IOException {
        assertGolden(FOLDER + "inventory.bt", "inventory.bt");
    }

    @Test
    void dtraceScript() throws IOException {
        assertGolden(FOLDER + "inventory-trace.d", "inventory-trace.d");
    }

    @Test
    void outputIsTheSameOnEveryBuild() throws IOException {
        assertEquals(compileShop().outputs, compileShop().outputs);
    }

    private static Compilation compileShop() throws IOException {
        String source = Files.readString(Path.of("src/test/resources/providers/Inventory.java"));
        Compilation compilation = Compilation.compile(Map.of("example/shop/Shop.java", source));
        assertTrue(compilation.success, () -> "compilation failed: " + compilation.diagnostics);
        return compilation;
    }

    private static void assertGolden(String output, String goldenName) throws IOException {
        Compilation compilation = compileShop();
        String actual = compilation.outputs.get(output);
        assertTrue(actual != null, () -> output + " was not generated; outputs: " + compilation.outputs.keySet());
        Path golden = GOLDEN.resolve(goldenName);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), () -> golden + " is missing; run with -Dusdt4j.updateGolden=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                () -> goldenName + " differs from the golden file; if intended, rerun with -Dusdt4j.updateGolden=true");
    }
}
